"""The dark theme in a real browser: it follows the device unless a member
chose a theme in their settings, and axe-core finds no contrast problem in it
(tests/test_contrast.py measures every colour pair from the CSS itself)."""
import re

import pytest
from playwright.sync_api import expect

from forum.extensions import db
from tests import factories

from .axe import assert_no_violations
from .moderation_data import ADMIN_PAGES
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser

# The ground of the page in each theme, as the browser computes it.
LIGHT_BG = "rgb(247, 245, 240)"
DARK_BG = "rgb(30, 28, 26)"
FOCUS_RING = "rgb(242, 183, 5)"

# Signed in as the scene's moderator, so the thread shows a hidden post, a
# moderator's note and the moderators' tools; the report and the disclaimer
# comparison bring the urgent and the added and removed colours.
PAGES = {
    "home": lambda s: "/",
    "thread": lambda s: f"/threads/{s['thread'].id}",
    "report-item": ADMIN_PAGES["report-item"][0],
    "disclaimer-compare": ADMIN_PAGES["disclaimer-compare"][0],
}


def dark_phone(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark", bypass_csp=True)


def page_ground(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("name", PAGES)
def test_a_dark_device_gets_a_dark_page_that_axe_passes(new_page, axe_script, signed_in, moderation_scene, name):
    page = dark_phone(new_page)
    signed_in(page, moderation_scene["moderator"])
    page.goto(PAGES[name](moderation_scene))
    assert page_ground(page) == DARK_BG
    page.screenshot(path=screenshot_path(f"dark-{name}-phone.png"), full_page=True)
    assert_no_violations(page)


def test_a_form_with_its_errors_passes_in_the_dark(new_page, axe_script):
    page = dark_phone(new_page)
    page.goto("/auth/register")
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid email address.")
    assert page_ground(page) == DARK_BG
    page.screenshot(path=screenshot_path("dark-register-errors-phone.png"), full_page=True)
    assert_no_violations(page)


@pytest.mark.parametrize(("device", "chosen", "ground"), [
    ("dark", "light", LIGHT_BG),
    ("light", "dark", DARK_BG),
    ("dark", "auto", DARK_BG),
    ("light", "auto", LIGHT_BG),
])
def test_a_members_choice_wins_over_the_device(new_page, signed_in, device, chosen, ground):
    member = factories.make_member(username="night_reader")
    member.theme = chosen
    db.session.commit()
    page = new_page(color_scheme=device)
    signed_in(page, member)
    assert page_ground(page) == ground
    # Form controls and scrollbars follow the page too.
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == ("dark" if ground == DARK_BG else "light")


def test_the_focus_ring_shows_on_a_button_in_the_dark(new_page):
    page = new_page(color_scheme="dark")
    page.goto("/auth/login")
    button = page.get_by_role("button", name="Sign in", exact=True)
    for _ in range(30):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    ring = button.evaluate("b => { const s = getComputedStyle(b); return [s.outlineStyle, s.outlineColor, s.boxShadow]; }")
    assert ring[:2] == ["solid", FOCUS_RING]
    assert re.search(r"rgb\(26, 25, 23\) 0px 0px 0px 2px", ring[2]), ring[2]
