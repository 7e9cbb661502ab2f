"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the
moderators' pages, nor on the pages moderation adds for members: in light
at 1280 px and in dark at 360 px."""
import pytest
from playwright.sync_api import expect

from . import moderation_data as data
from .axe import TWO_LOOKS, assert_no_violations_in_each_look
from .moderation_data import ADMIN_PAGES
from .screens import screenshot_path

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page(axe_page, signed_in, moderation_scene, name):
    address, heading = ADMIN_PAGES[name]
    signed_in(axe_page, moderation_scene["admin"])
    axe_page.goto(address(moderation_scene))
    expect(axe_page.get_by_role("heading", level=1)).to_have_text(heading)
    axe_page.screenshot(path=screenshot_path(f"admin-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_dashboard_chart_has_bars_for_several_days(axe_page, signed_in, moderation_scene):
    signed_in(axe_page, moderation_scene["admin"])
    axe_page.goto("/admin/")
    heights = axe_page.locator(".chart rect").evaluate_all("bars => bars.map(b => b.getBBox().height)")
    assert len(heights) == 30
    assert len([h for h in heights if h > 0]) >= 3, heights
    assert len(set(heights)) >= 3, "the bars should differ in height"


def test_report_form_with_its_error_shown(axe_page, signed_in, moderation_scene):
    signed_in(axe_page, moderation_scene["member"])
    axe_page.goto(f"/moderation/posts/{moderation_scene['post'].id}/report")
    expect(axe_page.get_by_role("radio")).to_have_count(7)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)
    axe_page.get_by_role("button", name="Send report").click()
    expect(axe_page.get_by_role("alert")).to_contain_text("Choose a reason.")
    target = axe_page.get_by_role("alert").get_by_role("link", name="Choose a reason.").get_attribute("href")
    expect(axe_page.locator(target)).to_have_attribute("type", "radio")
    expect(axe_page.get_by_role("group", name="What is wrong with this post?")).to_have_accessible_description("Error: Choose a reason.")
    axe_page.screenshot(path=screenshot_path("report-form-with-error.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_accept_the_disclaimer_page_with_a_draft(axe_page, signed_in, moderation_scene):
    data.publish_disclaimer(moderation_scene["moderator"], "Updated short form.", "Updated **full** text.", True)
    signed_in(axe_page, moderation_scene["member"])
    axe_page.goto(f"/threads/{moderation_scene['thread'].id}")
    axe_page.get_by_label("Your post").fill("Heat helped more than ice.")
    axe_page.get_by_role("button", name="Post reply").click()
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("The medical disclaimer has changed")
    axe_page.screenshot(path=screenshot_path("accept-disclaimer.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_thread_seen_by_a_moderator(axe_page, signed_in, moderation_scene):
    signed_in(axe_page, moderation_scene["moderator"])
    axe_page.goto(f"/threads/{moderation_scene['thread'].id}?page=1")
    expect(axe_page.get_by_role("link", name="Restore")).to_have_count(1)
    expect(axe_page.get_by_role("button", name="Lock thread")).to_be_visible()
    axe_page.screenshot(path=screenshot_path("thread-moderator-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_thread_seen_by_a_suspended_member(axe_page, signed_in, moderation_scene):
    signed_in(axe_page, moderation_scene["suspended"])
    axe_page.goto(f"/threads/{moderation_scene['thread'].id}")
    expect(axe_page.get_by_text("Your account is suspended until")).to_be_visible()
    expect(axe_page.get_by_role("button", name="Post reply")).to_have_count(0)
    axe_page.screenshot(path=screenshot_path("thread-suspended-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_notifications_page_with_an_unread_warning(axe_page, signed_in, moderation_scene):
    signed_in(axe_page, moderation_scene["suspended"])
    axe_page.goto("/notifications/")
    expect(axe_page.locator(".notification").filter(has_text="Please keep replies kind.")).to_have_count(1)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)
