"""Running axe-core, the accessibility checker, in a loaded page."""
import json

from . import fetch_tools
from .screens import DESKTOP, PHONE

AXE = fetch_tools.path("axe-core")
RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# (colour scheme the device asks for, screen): the forum is checked in each.
EVERY_LOOK = [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE), ("dark", PHONE)]
# One of each scheme and each width, for the pages fewer people open on a phone.
TWO_LOOKS = [("light", DESKTOP), ("dark", PHONE)]


def axe_violations(page):
    """Run axe-core on the loaded page; return its violations, readable."""
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("rules => axe.run(document, {runOnly: rules})", RULESETS)
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [{"target": n["target"], "why": n["failureSummary"]} for n in v["nodes"]],
        }
        for v in result["violations"]
    ]


def describe(violations):
    return json.dumps(violations, indent=2)


def assert_no_violations(page):
    violations = axe_violations(page)
    assert not violations, f"axe found problems on {page.url}:\n{describe(violations)}"


def assert_no_violations_in_each_look(page, looks=EVERY_LOOK):
    """axe finds nothing in the loaded page in each look: the device asking
    for a light or a dark scheme, at each screen width. The page is laid out
    again for each, not reloaded (loading it again could change what it
    shows); it is left as it was found."""
    found = []
    size = page.viewport_size
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    for scheme, screen in looks:
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size(screen)
        violations = axe_violations(page)
        if violations:
            found.append(f"{scheme}, {screen['width']} px wide:\n{describe(violations)}")
    page.emulate_media(color_scheme="dark" if dark else "light")
    page.set_viewport_size(size)
    assert not found, f"axe found problems on {page.url}\n" + "\n".join(found)
