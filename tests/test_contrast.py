"""Colour contrast in both themes, measured from the stylesheets themselves.

Members read in pain, some with light sensitivity, some on a dim phone at
night: every pair of colours the CSS puts together must pass WCAG AA in the
light theme and the dark one. The pairs are listed here from reading the CSS
(what text sits on what ground); the colours are read from static/css/forum.css,
so changing a colour there to one that is too faint fails this test.

Every colour lives in a custom property of the three theme blocks: the light
set on :root, and the dark set twice (under prefers-color-scheme, and for a
member who chose dark), which must match word for word. A colour written
anywhere else would stay the same in both themes, so none is allowed.
"""
import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parent.parent / "static" / "css"
LIGHT = (":root",)
DARK_FOLLOWING_DEVICE = ("@media (prefers-color-scheme: dark)", ':root:not([data-theme="light"])')
DARK_CHOSEN = (':root[data-theme="dark"]',)
THEME_BLOCKS = (LIGHT, DARK_FOLLOWING_DEVICE, DARK_CHOSEN)

# Grounds that text of any kind can sit on.
GROUNDS = [
    "bg", "surface", "surface-soft", "surface-sunken", "footer-bg", "code-bg", "field-bg", "tag-bg",
    "accent-wash", "ok-wash", "danger-wash", "danger-wash-soft", "warn-wash", "warn-wash-soft", "crisis-wash",
    "preview-wash",
]
# (text, ground): 4.5:1 at least.
TEXT_PAIRS = [
    # Writing, quotes, meta lines and links can turn up on any of the grounds.
    *[(text, ground) for text in ("text", "text-soft", "muted", "accent", "accent-dark") for ground in GROUNDS],
    ("accent-dark", "accent-wash-strong"),  # a news marker under the pointer
    ("text", "mark-bg"),  # a search match, which sets its own text colour
    # Solid fills: buttons and their hover, the current page in a pager and
    # in the admin's menu, the urgent tag in the queue, the verified badge.
    *[("on-accent", fill) for fill in ("accent", "accent-dark", "danger", "danger-dark", "ok")],
    # Coloured words: errors, urgent tags, outcomes, statuses, labels.
    *[("danger", ground) for ground in ("bg", "surface", "field-bg", "danger-wash", "danger-wash-soft")],
    ("danger-dark", "danger-wash-soft"),  # the admin's attention card
    *[("ok", ground) for ground in ("bg", "surface", "ok-wash")],
    ("ok-dark", "ok-wash"),  # a verified application's status
    *[("warn-text", ground) for ground in ("bg", "surface", "surface-soft", "warn-wash")],
    ("staff-text", "staff-wash"),
    ("removed-ink", "removed-wash"), ("added-ink", "added-wash"),  # what changed between two versions
]
# (part, ground): 3:1 at least, for what is not text but must be seen.
NON_TEXT_PAIRS = [
    *[("field-line", ground) for ground in ("field-bg", "bg", "surface")],  # a field's edge
    ("accent", "line-soft"), ("accent", "surface"),  # a chart's bar, on its track and on the card
    ("accent-dark", "surface"), ("accent-deep", "surface"),  # the admin chart's today and pointed-at bars
    ("warn-text", "surface"), ("text", "surface"),  # the chart's reference line and range lines
]
# The focus ring is two-tone: --focus outside it, on whatever ground the
# control sits on, and --focus-halo inside, touching the control itself.
FOCUS_PAIRS = [
    *[("focus", ground) for ground in [*GROUNDS, "mark-bg", "staff-wash", "accent-wash-strong"]],
    *[("focus-halo", fill) for fill in ("accent", "accent-dark", "danger", "danger-dark")],
    ("focus", "focus-halo"),
]

COLOUR_WORDS = (
    "white|black|gray|grey|silver|red|maroon|orange|yellow|olive|green|lime|teal|aqua|cyan|blue|navy|fuchsia|"
    "magenta|purple|pink|brown|gold|beige|ivory|tan|khaki|coral|salmon|crimson|indigo|violet|snow|linen|wheat"
)
COLOUR_LITERAL = re.compile(
    rf"#[0-9a-f]{{3,8}}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix)\(|\b(?:{COLOUR_WORDS})\b", re.I
)


def blocks(css):
    """Every rule as (its path of selectors and at-rules, {property: value})."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, stack, buffer = [], [], ""
    for char in css:
        if char == "{":
            stack.append(" ".join(buffer.split()))
            buffer = ""
        elif char == "}":
            declarations = {}
            for line in buffer.split(";"):
                name, colon, value = line.partition(":")
                if colon:
                    declarations[name.strip()] = " ".join(value.split())
            found.append((tuple(stack), declarations))
            stack.pop()
            buffer = ""
        else:
            buffer += char
    return found


def stylesheets():
    return {path.name: path.read_text() for path in sorted(CSS.glob("*.css"))}


def themes(css):
    """The light and the dark custom properties of forum.css, from its text."""
    sets = {block: {} for block in THEME_BLOCKS}
    for path, declarations in blocks(css):
        if path in sets:
            sets[path].update({k: v for k, v in declarations.items() if k.startswith("--") or k == "color-scheme"})
    return sets


def hex_colour(value, theme):
    """A property's colour as (r, g, b) in 0..1, following var() to another."""
    while (reference := re.fullmatch(r"var\((--[\w-]+)\)", value)):
        value = theme[reference.group(1)]
    digits = re.fullmatch(r"#([0-9a-f]{6}|[0-9a-f]{3})", value.lower())
    assert digits, f"{value!r} is not an opaque #rrggbb colour, so its contrast cannot be measured"
    digits = digits.group(1) if len(digits.group(1)) == 6 else "".join(c * 2 for c in digits.group(1))
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))


def luminance(rgb):
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def too_faint(theme, pairs, minimum):
    faint = []
    for fore, ground in pairs:
        ratio = contrast(hex_colour(theme["--" + fore], theme), hex_colour(theme["--" + ground], theme))
        if ratio < minimum:
            faint.append(f"--{fore} on --{ground}: {ratio:.2f}:1")
    return faint


def forum_themes():
    sets = themes((CSS / "forum.css").read_text())
    return {"light": sets[LIGHT], "dark": {**sets[LIGHT], **sets[DARK_CHOSEN]}}


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize(("pairs", "minimum"), [(TEXT_PAIRS, 4.5), (NON_TEXT_PAIRS, 3), (FOCUS_PAIRS, 3)],
                         ids=["text", "non-text", "focus ring"])
def test_every_colour_pair_reaches_wcag_aa(name, pairs, minimum):
    faint = too_faint(forum_themes()[name], pairs, minimum)
    assert not faint, f"In the {name} theme these fall short of {minimum}:1:\n" + "\n".join(faint)


def test_a_faint_colour_would_be_caught():
    # The check above must be able to fail: grey text of 2.5:1 on the page.
    css = (CSS / "forum.css").read_text()
    faint_css = re.sub(r"(:root \{[^}]*?--muted: )#[0-9a-f]{6}", r"\g<1>#a3a3a3", css, count=1)
    assert faint_css != css
    assert "--muted on --bg" in "\n".join(too_faint(themes(faint_css)[LIGHT], TEXT_PAIRS, 4.5))


def test_both_copies_of_the_dark_theme_match():
    sets = themes((CSS / "forum.css").read_text())
    assert sets[DARK_CHOSEN], "no :root[data-theme=\"dark\"] block in forum.css"
    assert sets[DARK_FOLLOWING_DEVICE] == sets[DARK_CHOSEN]
    assert sets[LIGHT]["color-scheme"] == "light" and sets[DARK_CHOSEN]["color-scheme"] == "dark"


def test_the_dark_theme_sets_every_colour_the_light_one_does():
    sets = themes((CSS / "forum.css").read_text())
    light_colours = {name for name, value in sets[LIGHT].items() if COLOUR_LITERAL.search(value)}
    assert light_colours - set(sets[DARK_CHOSEN]) == set()
    assert set(sets[DARK_CHOSEN]) - set(sets[LIGHT]) == set()


def test_no_colour_is_written_outside_the_theme_blocks():
    outside = []
    for name, css in stylesheets().items():
        for path, declarations in blocks(css):
            if name == "forum.css" and path in THEME_BLOCKS:
                continue
            for prop, value in declarations.items():
                if COLOUR_LITERAL.search(re.sub(r"\"[^\"]*\"|'[^']*'", "", value)):
                    outside.append(f"{name}: {' '.join(path)} {{ {prop}: {value} }}")
    assert not outside, "Use a custom property, so the dark theme can change it:\n" + "\n".join(outside)


def test_every_custom_property_used_is_defined():
    defined = set(themes((CSS / "forum.css").read_text())[LIGHT])
    defined |= {prop for css in stylesheets().values() for _, d in blocks(css) for prop in d if prop.startswith("--")}
    used = {name for css in stylesheets().values() for name in re.findall(r"var\((--[\w-]+)", css)}
    assert used - defined == set()
