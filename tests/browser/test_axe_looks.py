"""assert_no_violations_in_each_look checks a page in each colour scheme and
width it is given, says in which one axe found a problem, and leaves the
page as it found it."""
import pytest

from .axe import EVERY_LOOK, assert_no_violations_in_each_look
from .screens import DESKTOP

pytestmark = pytest.mark.browser

# Readable in light; grey on near-black only when the device asks for dark.
DARK_ONLY_PROBLEM = """<!DOCTYPE html><html lang="en"><title>Heat or ice?</title>
<style>@media (prefers-color-scheme: dark) { body { background: #111; color: #333; } }</style>
<main><h1>Heat or ice?</h1><p>Heat helped my piriformis more than ice.</p></main></html>"""


def test_a_problem_in_dark_only_is_found_and_named(axe_page):
    axe_page.set_content(DARK_ONLY_PROBLEM)
    with pytest.raises(AssertionError) as found:
        assert_no_violations_in_each_look(axe_page, EVERY_LOOK)
    message = str(found.value)
    assert "dark, 1280 px wide" in message and "dark, 360 px wide" in message
    assert "light, 1280 px wide" not in message and "light, 360 px wide" not in message
    assert '"rule": "color-contrast"' in message
    assert axe_page.viewport_size == DESKTOP
    assert axe_page.evaluate("matchMedia('(prefers-color-scheme: light)').matches")
