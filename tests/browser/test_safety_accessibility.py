"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the pages the
safety checks and the privacy features add: a reply sent back with each of
the three notices, the moderators' safety lists and crisis resources, the
report page of a flagged post, a members-only thread seen by a visitor, the
settings page with "Your data", and both steps of deleting an account, with
their errors: the notices in light and dark at 1280 and 360 px, the other
pages in light at 1280 px and in dark at 360 px. On a 360px phone the notices
neither scroll sideways nor spill out of their boxes."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from forum.extensions import db
from forum.moderation.models import ReportCase
from forum.threads import services as thread_services
from tests import factories

from .axe import TWO_LOOKS, assert_no_violations_in_each_look
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser

RED_FLAG = "Since yesterday I can't control my bladder and I'm numb down there. Is this the piriformis again?"
CRISIS = "I can't go on like this. Everyone would be better off without me."
WITH_NUMBER = "Happy to talk it through, ring me on 07700 900461 any evening."
TITLE = "Piriformis after a fall on the ice"
SECRET = "My husband left when the pain started, and I haven't told anyone."

# The reply sent, and the heading of the notice it brings back.
NOTICES = {
    "red-flag": (RED_FLAG, "This could be an emergency"),
    "crisis": (CRISIS, "You don't have to carry this alone"),
    "personal-details": (WITH_NUMBER, "This shows personal details"),
}


@pytest.fixture
def scene():
    """The safety lists, a thread with a reply flagged as a possible
    emergency and one flagged for crisis language, a members-only thread,
    and the member who will write (and leave), with a moderator."""
    factories.safety_rows()
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    starter = factories.make_member(username="ana_runner")
    writer = factories.make_member(username="desk_sitter")
    thread = factories.make_thread(author=starter, category=category, title=TITLE,
                                   body="It started when I slipped on ice in January.")
    factories.make_post(thread, author=writer, body="Nerve glides twice a day helped my left leg.")
    flagged = {
        "red-flag": factories.make_post(thread, author=factories.make_member(username="worried_wen"), body=RED_FLAG),
        "crisis": factories.make_post(thread, author=factories.make_member(username="tired_tom"), body=CRISIS),
    }
    members_only = thread_services.start_thread(starter, category, "Pain and my marriage", SECRET, members_only=True)
    return {
        "thread": thread,
        "writer": writer,
        "moderator": factories.make_moderator(username="mod_mia"),
        "members_only": members_only,
        "cases": {name: db.session.scalar(select(ReportCase.id).where(ReportCase.post_id == post.id))
                  for name, post in flagged.items()},
    }


def heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def open_notice(page, signed_in, scene, name):
    """The writer sends a reply from the thread page; the form comes back with the notice."""
    body, notice_heading = NOTICES[name]
    signed_in(page, scene["writer"])
    page.goto(f"/threads/{scene['thread'].id}")
    page.get_by_role("region", name="Reply").get_by_label("Your post").fill(body)
    page.get_by_role("button", name="Post reply").click()
    notice = page.get_by_role("alert", name="Please read this first: it isn't published yet")
    expect(notice.get_by_role("heading", level=3)).to_have_text(notice_heading)
    expect(page.get_by_label("Your post")).to_have_value(body)


def _open_safety_lists(page, scene):
    page.goto("/admin/safety")
    heading(page, "Safety checks")


def _open_safety_lists_checked(page, scene):
    """A moderator tries a text against the lists."""
    page.goto("/admin/safety")
    page.get_by_label("Text to check").fill(RED_FLAG)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("Found:")


def _open_safety_lists_with_error(page, scene):
    """A phrase already on the list, added again."""
    page.goto("/admin/safety")
    section = page.locator("section#red_flag")
    section.get_by_label("Phrase").fill("cauda equina")
    section.get_by_role("button", name="Add to this list").click()
    expect(page.get_by_role("alert")).to_contain_text("is already on this list")


def _open_resources(page, scene):
    page.goto("/admin/safety/resources")
    heading(page, "Crisis resources")
    expect(page.locator("main")).to_contain_text("Text HOME to 741741")


def _open_case(name):
    def open_it(page, scene):
        page.goto(f"/admin/reports/{scene['cases'][name]}")
        expect(page.locator("main")).to_contain_text("Flagged by the safety checks as it was written")
    return open_it


def _open_queue(page, scene):
    page.goto("/admin/reports")
    expect(page.locator(".queue-item").first.locator(".tag-urgent")).to_be_visible()


def _open_members_only(page, scene):
    thread = scene["members_only"]
    page.goto(f"/threads/{thread.id}/{thread.slug}")
    heading(page, "Pain and my marriage")
    expect(page.get_by_role("region", name="For members only")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(SECRET)


def _open_settings(page, scene):
    page.goto("/members/desk_sitter/edit")
    expect(page.get_by_role("region", name="Your data")).to_be_visible()


def _open_choose(page, scene):
    page.goto("/privacy/desk_sitter/delete")
    heading(page, "Delete your account")


def shows_the_choice_error(page):
    expect(page.get_by_role("alert")).to_contain_text("Choose what happens to your posts.")
    expect(page.get_by_role("group", name="What should happen to your posts?")).to_have_accessible_description(
        "Error: Choose what happens to your posts.")


def _open_choose_with_error(page, scene):
    """The error as the page shows it for an answer that isn't one of the
    choices. (Pressing Continue with nothing chosen shows no error at all:
    see test_continuing_without_a_choice_says_what_is_missing.)"""
    page.goto("/privacy/desk_sitter/delete?posts=")
    heading(page, "Delete your account")
    shows_the_choice_error(page)


def _confirm(choice):
    def open_it(page, scene):
        _open_choose(page, scene)
        page.get_by_role("radio", name=re.compile(choice)).check()
        page.get_by_role("button", name="Continue").click()
        heading(page, "Confirm: delete your account")
    return open_it


def _open_confirm_wrong_password(page, scene):
    _confirm("^Keep my posts")(page, scene)
    page.get_by_label("Your password").fill("not my password at all")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("That isn't your password.")
    password = page.get_by_label("Your password")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(re.compile("Error: That isn't your password."))
    heading(page, "Confirm: delete your account")


# name: (who is signed in, or None for a visitor; how to open it, checking it has loaded)
PAGES = {
    "admin-safety": ("moderator", _open_safety_lists),
    "admin-safety-checked": ("moderator", _open_safety_lists_checked),
    "admin-safety-with-error": ("moderator", _open_safety_lists_with_error),
    "admin-crisis-resources": ("moderator", _open_resources),
    "admin-queue-flagged": ("moderator", _open_queue),
    "admin-report-red-flag": ("moderator", _open_case("red-flag")),
    "admin-report-crisis": ("moderator", _open_case("crisis")),
    "members-only-visitor": (None, _open_members_only),
    "settings-your-data": ("writer", _open_settings),
    "privacy-choose": ("writer", _open_choose),
    "privacy-choose-with-error": ("writer", _open_choose_with_error),
    "privacy-confirm-keep": ("writer", _confirm("^Keep my posts")),
    "privacy-confirm-remove": ("writer", _confirm("^Remove my posts")),
    "privacy-confirm-wrong-password": ("writer", _open_confirm_wrong_password),
}


@pytest.mark.parametrize("name", list(NOTICES))
def test_reply_with_notice(axe_page, signed_in, scene, name):
    open_notice(axe_page, signed_in, scene, name)
    axe_page.screenshot(path=screenshot_path(f"safety-notice-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page)


@pytest.mark.parametrize("name", list(PAGES))
def test_safety_and_privacy_page(axe_page, signed_in, scene, name):
    who, open_it = PAGES[name]
    if who:
        signed_in(axe_page, scene[who])
    open_it(axe_page, scene)
    axe_page.screenshot(path=screenshot_path(f"safety-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


@pytest.fixture
def small_phone(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.mark.parametrize("name", list(NOTICES))
def test_notice_fits_a_360px_phone(small_phone, signed_in, scene, name):
    assert PHONE["width"] == 360
    open_notice(small_phone, signed_in, scene, name)
    small_phone.screenshot(path=screenshot_path(f"safety-notice-{name}-phone.png"), full_page=True)
    width = small_phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the {name} notice is {width}px wide on a 360px phone: it scrolls sideways"


# Everything inside a notice box that sticks out past its right edge.
SPILLING = """
() => [...document.querySelectorAll('.safety-notice, .safety-notice .notice')].flatMap(box => {
  const edge = box.getBoundingClientRect().right;
  const end = el => Math.round(el.getBoundingClientRect().right);
  return [...box.querySelectorAll('*')].filter(el => el.getBoundingClientRect().right > edge + 0.5)
    .map(el => `${el.tagName.toLowerCase()} “${el.textContent.trim().slice(0, 40)}” ends at ${end(el)}px, its box at ${Math.round(edge)}px`);
})
"""

@pytest.mark.parametrize("name", [
    "red-flag",
    "crisis",
    "personal-details",
])
def test_notice_content_stays_inside_its_box_on_a_phone(small_phone, signed_in, scene, name):
    open_notice(small_phone, signed_in, scene, name)
    if name == "crisis":
        # Each line reads as it would aloud: the region, a space, then its address.
        first = small_phone.locator(".crisis-list li").first
        assert "(United States) 988lifeline.org" in first.inner_text(), first.inner_text()
    spilling = small_phone.evaluate(SPILLING)
    assert not spilling, "\n".join(spilling)


def test_continuing_without_a_choice_says_what_is_missing(page, signed_in, scene):
    signed_in(page, scene["writer"])
    _open_choose(page, scene)
    page.get_by_role("button", name="Continue").click()
    heading(page, "Delete your account")
    expect(page.get_by_role("alert")).to_be_visible(timeout=2_000)
    shows_the_choice_error(page)
