"""On a 360px phone the moderators' pages fit the screen: wide tables
scroll inside their own box, never the page, and the buttons are easy to tap."""
import pytest
from playwright.sync_api import expect

from .axe import assert_no_violations
from .moderation_data import ADMIN_PAGES
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser

TAP_MIN = 44


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page_fits_a_small_phone(phone_page, signed_in, moderation_scene, name):
    address, heading = ADMIN_PAGES[name]
    signed_in(phone_page, moderation_scene["admin"])
    phone_page.goto(address(moderation_scene))
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(heading)
    phone_page.screenshot(path=screenshot_path(f"admin-{name}-phone.png"), full_page=True)

    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: it scrolls sideways"
    loose_tables = phone_page.locator("table").evaluate_all(
        "tables => tables.filter(t => !t.closest('.table-wrap')"
        " || getComputedStyle(t.closest('.table-wrap')).overflowX !== 'auto').length"
    )
    assert loose_tables == 0, "every table sits in a box that scrolls sideways on its own"


def test_the_audit_log_table_scrolls_inside_its_box(phone_page, signed_in, moderation_scene):
    signed_in(phone_page, moderation_scene["admin"])
    phone_page.goto("/admin/audit")
    reason = phone_page.get_by_role("cell", name="Repeated unkind replies after a warning.")
    assert reason.bounding_box()["x"] >= PHONE["width"], "the Reason column starts off screen"

    phone_page.locator(".table-wrap").evaluate("box => { box.scrollLeft = box.scrollWidth; }")

    seen = reason.bounding_box()
    assert seen["x"] >= 0 and seen["x"] + seen["width"] <= PHONE["width"], seen
    assert phone_page.evaluate("window.scrollX") == 0, "only the table's box moved, not the page"


def test_a_report_can_be_decided_with_a_thumb(phone_page, signed_in, moderation_scene):
    signed_in(phone_page, moderation_scene["moderator"])
    phone_page.goto(f"/admin/reports/{moderation_scene['case'].id}")
    buttons = ["Hide the post", "Warn the author", "Suspend the author", "Dismiss"]
    heights = {name: phone_page.get_by_role("button", name=name).bounding_box()["height"] for name in buttons}
    heights["Reason"] = phone_page.get_by_label("Reason", exact=True).bounding_box()["height"]
    for link in ("Overview", "Reports", "Members", "Audit log", "Disclaimer"):
        nav = phone_page.get_by_role("navigation", name="Admin")
        heights[link] = nav.get_by_role("link", name=link).bounding_box()["height"]
    too_small = {name: h for name, h in heights.items() if h < TAP_MIN}
    assert not too_small, f"smaller than {TAP_MIN}px: {too_small}"


@pytest.mark.parametrize("address", ["/admin/audit", "/admin/members"])
def test_tables_that_scroll_on_a_phone_can_be_reached_by_keyboard(axe_page, signed_in, moderation_scene, address):
    """axe checks a box that scrolls can be focused, so keyboard users can scroll it."""
    axe_page.set_viewport_size(PHONE)
    signed_in(axe_page, moderation_scene["admin"])
    axe_page.goto(address)
    expect(axe_page.get_by_role("region", name="Audit entries" if "audit" in address else "Members")).to_be_visible()
    assert_no_violations(axe_page)
