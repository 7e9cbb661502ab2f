"""A member reports a harmful post; a moderator hides it and updates the
disclaimer; the member's half-written reply survives having to accept it."""
import re

import pytest
from playwright.sync_api import expect

from tests import factories

from . import moderation_data as data
from .screens import screenshot_path

pytestmark = pytest.mark.browser

HARMFUL = "Take four of the muscle relaxants at once, it knocks the pain right out."
NOTE = "This could really hurt someone who is desperate for relief."
HIDE_REASON = "Dosing advice that could hurt someone; medication questions belong with a doctor."
NEW_SUMMARY = "Stories here are personal experience. Please check anything you try with a clinician first."
NEW_PARAGRAPH = "Medication doses are never given on this forum: ask a doctor or pharmacist."
# Markdown, an ampersand, angle brackets, quotes and a blank line: all must come back untouched.
DRAFT = (
    "Week six of nerve glides & the figure-four stretch.\n"
    "\n"
    "Sitting > 20 minutes still hurts, but the <tingling> in my calf is \"slowly\" easing.\n"
    "- heat in the evening\n"
    "- a walk at lunch"
)


@pytest.fixture
def forum():
    moderator = data.make_moderator("mod_mia")
    data.publish_first_disclaimer(moderator)
    member = factories.make_member(username="ana_runner")
    author = factories.make_member(username="quick_fix_kev")
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    thread = factories.make_thread(author=member, category=category, title="Muscle relaxants: worth it?")
    harmful = factories.make_post(thread, author=author, body=HARMFUL)
    # Someone else's urgent report waits in the queue too, ahead of ours.
    worried = factories.make_member(username="night_owl")
    sad = factories.make_thread(author=author, category=category, title="I can't see the point any more", body="Nothing helps and I'm done trying.")
    data.report(worried, data.posts_of(sad)[0], reason="self_harm", note="Please check on them tonight.")
    return {"moderator": moderator, "member": member, "thread": thread, "harmful": harmful}


def report_the_post(page, harmful):
    post = page.locator(f"#post-{harmful.id}")
    post.get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a post to the moderators")
    page.get_by_role("radio", name="Medical misinformation or dangerous advice").check()
    page.get_by_label("Anything the moderators should know?").fill(NOTE)
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".flashes")).to_contain_text("Thank you. The moderators will look at this post")


def hide_it_from_the_queue(page):
    page.get_by_role("link", name="Admin", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation overview")
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="Reports").click()
    items = page.locator(".queue-item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Urgent")
    expect(items.first).to_contain_text("I can't see the point any more")
    page.screenshot(path=screenshot_path("admin-queue.png"), full_page=True)

    page.get_by_role("link", name="Post by quick_fix_kev in “Muscle relaxants: worth it?”").click()
    expect(page.get_by_role("article", name="the reported post")).to_contain_text(HARMFUL)
    expect(page.locator("main")).to_contain_text(NOTE)
    page.get_by_label("Reason", exact=True).fill(HIDE_REASON)
    page.get_by_role("button", name="Hide the post").click()
    expect(page.get_by_role("status")).to_contain_text("The reporters have been told the outcome")
    expect(page.locator(".queue-item")).to_have_count(1)


def read_the_outcome(page, harmful):
    page.reload()
    post = page.locator(f"#post-{harmful.id}")
    expect(post).to_contain_text("This post was hidden by a moderator.")
    expect(post).not_to_contain_text(HARMFUL)
    page.get_by_role("link", name="Read it").click()
    # Her report's outcome, once (she also follows the thread she wrote in).
    messages = page.locator(".notification").filter(has_text="About your report")
    expect(messages).to_have_count(1)
    expect(messages.first).to_contain_text("Muscle relaxants: worth it?")
    expect(messages.first).to_contain_text("A moderator reviewed it and hid the post")
    expect(page.locator("main")).not_to_contain_text("mod_mia")


def find_the_audit_entry(page):
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="Audit log").click()
    entry = page.get_by_role("row").filter(has_text="hide post")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(HIDE_REASON)
    expect(entry).to_contain_text("mod_mia")
    expect(entry).to_contain_text("quick_fix_kev")
    page.screenshot(path=screenshot_path("admin-audit-log.png"), full_page=True)


def publish_a_new_disclaimer(page):
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="Disclaimer").click()
    body = page.get_by_label("Full text (Markdown)")
    expect(body).to_have_value(re.compile("not a clinic"))
    page.screenshot(path=screenshot_path("admin-disclaimer-editor.png"), full_page=True)
    page.get_by_label("Short form").fill(NEW_SUMMARY)
    body.press("Control+End")
    body.press_sequentially(f"\n\n{NEW_PARAGRAPH}")
    page.get_by_label("Members must accept this version again").check()
    page.get_by_role("button", name="Publish new version").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Version \d+ is published"))
    expect(page.get_by_role("row").filter(has_text="mod_mia")).to_have_count(2)


def reply_through_the_new_disclaimer(page, thread):
    page.goto(f"/threads/{thread.id}")
    expect(page.locator(".site-footer")).to_contain_text(NEW_SUMMARY)
    page.get_by_label("Your post").fill(DRAFT)
    page.get_by_role("button", name="Post reply").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The medical disclaimer has changed")
    expect(page.locator(".disclaimer-box")).to_contain_text(NEW_PARAGRAPH)
    page.get_by_role("button", name="Accept and continue").click()
    expect(page.get_by_text("Tick the box to accept the disclaimer.")).to_be_visible()
    page.get_by_label("I have read and accept the medical disclaimer").check()
    page.get_by_role("button", name="Accept and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your text is safe")
    expect(page.get_by_label("Your post")).to_have_value(DRAFT)
    page.get_by_role("button", name="Send it").click()
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    reply = page.locator(".post").last
    expect(reply).to_contain_text("Week six of nerve glides & the figure-four stretch.")
    expect(reply).to_contain_text("Sitting > 20 minutes still hurts, but the <tingling> in my calf")
    expect(reply.locator("li")).to_have_count(2)


def test_a_report_is_handled_and_a_new_disclaimer_keeps_the_members_draft(new_page, signed_in, forum):
    member_page, moderator_page = new_page(), new_page()
    thread, harmful = forum["thread"], forum["harmful"]

    signed_in(member_page, forum["member"])
    member_page.goto(f"/threads/{thread.id}")
    report_the_post(member_page, harmful)

    signed_in(moderator_page, forum["moderator"])
    hide_it_from_the_queue(moderator_page)

    read_the_outcome(member_page, harmful)

    find_the_audit_entry(moderator_page)
    publish_a_new_disclaimer(moderator_page)

    reply_through_the_new_disclaimer(member_page, thread)
