"""Quoting into the composer and the Reply button at the top of a thread
(static/js/composer.js), with JavaScript and without it."""
import re

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.browser

OPENING = "Nights are the worst for me. Lying on my back helps a little."


@pytest.fixture
def scene():
    factories.make_category(name="Piriformis syndrome", slug="piriformis")
    member = factories.make_member(username="desk_sitter")
    author = factories.make_member(username="night_walker")
    thread = factories.make_thread(author=author, title="What helps you sleep with sciatica?", body=OPENING)
    return member, thread


def reply_box(page):
    return page.get_by_role("region", name="Reply").get_by_label("Your post")


def quote_of(thread):
    return f"> **night_walker** [wrote](/threads/posts/{thread.first_post_id}):\n>\n> {OPENING}\n\n"


def first_post(page, thread):
    return page.locator(f"#post-{thread.first_post_id}")


def test_quote_goes_into_the_reply_box_on_the_same_page_and_links_back(page, signed_in, scene):
    member, thread = scene
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    address = page.url
    reply_box(page).fill("Same for me.")

    first_post(page, thread).get_by_role("link", name="Quote").click()
    expect(reply_box(page)).to_have_value("Same for me.\n\n" + quote_of(thread))
    expect(reply_box(page)).to_be_focused()
    assert reply_box(page).evaluate("el => el.selectionStart === el.value.length")
    expect(reply_box(page)).to_be_in_viewport()
    assert page.url == address, "the quote arrives without leaving the thread"
    assert page.evaluate(f"localStorage.getItem('forum-draft:/threads/{thread.id}/reply:body')"), "kept as a draft"

    page.keyboard.type("Heat helps me too.")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator(".post").nth(1)
    expect(reply.locator("blockquote")).to_contain_text(OPENING)
    expect(reply).to_contain_text("Heat helps me too.")
    reply.locator("blockquote").get_by_role("link", name="wrote").click()
    expect(page).to_have_url(re.compile(rf"#post-{thread.first_post_id}$"))
    expect(first_post(page, thread)).to_be_in_viewport()


def test_when_the_quote_cannot_be_fetched_the_reply_page_opens_with_it(page, signed_in, scene):
    member, thread = scene
    signed_in(page, member)
    page.route(re.compile(r"/quote$"), lambda route: route.abort())
    page.goto(f"/threads/{thread.id}")
    first_post(page, thread).get_by_role("link", name="Quote").click()
    expect(page).to_have_url(re.compile(rf"/threads/{thread.id}/reply\?quote={thread.first_post_id}#body$"))
    expect(page.get_by_label("Your post")).to_have_value(quote_of(thread))


def test_without_javascript_quote_opens_the_reply_page_with_the_quote(no_js_page, signed_in, scene):
    member, thread = scene
    page = signed_in(no_js_page, member)
    page.goto(f"/threads/{thread.id}")
    first_post(page, thread).get_by_role("link", name="Quote").click()
    expect(page).to_have_url(re.compile(rf"/threads/{thread.id}/reply\?quote={thread.first_post_id}"))
    expect(page.get_by_label("Your post")).to_have_value(quote_of(thread))
    page.get_by_label("Your post").press("Control+End")
    page.keyboard.type("Heat helps me too.")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator(".post").nth(1)
    expect(reply.locator("blockquote")).to_contain_text(OPENING)
    expect(reply.locator("blockquote a")).to_have_attribute("href", f"/threads/posts/{thread.first_post_id}")


def test_the_reply_button_at_the_top_goes_straight_to_the_reply_box(page, signed_in, scene):
    member, thread = scene
    for number in range(12):  # a long thread: the box is far below
        factories.make_post(thread, body=f"Reply {number}: the elliptical is kinder than running.")
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    expect(reply_box(page)).not_to_be_in_viewport()
    page.get_by_role("link", name="Reply", exact=True).click()
    expect(reply_box(page)).to_be_focused()
    expect(reply_box(page)).to_be_in_viewport()

    page.goto("/")
    page.goto(f"/threads/{thread.id}#body")
    expect(reply_box(page)).to_be_focused()


def test_without_javascript_the_reply_button_still_leads_to_the_box(no_js_page, signed_in, scene):
    member, thread = scene
    page = signed_in(no_js_page, member)
    page.goto(f"/threads/{thread.id}")
    page.get_by_role("link", name="Reply", exact=True).click()
    expect(page).to_have_url(re.compile(r"#body$"))
    expect(reply_box(page)).to_be_in_viewport()
