"""Running axe-core, the accessibility checker, in a loaded page."""
import json
from pathlib import Path

AXE = Path(__file__).with_name("vendor") / "axe-4.14.1.min.js"
RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page):
    """Run axe-core on the loaded page; return its violations, readable."""
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
