"""Drafts kept in the browser (static/js/composer.js): a member interrupted
while writing finds their words again, and nothing leaves the browser before
they post."""
import re
import time

import pytest
from playwright.sync_api import expect

from forum.extensions import db
from tests import factories

from .axe import assert_no_violations
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser

WORDS = "Heat in the evening helps, and a tennis ball under the buttock. "
DAY = 24 * 60 * 60 * 1000


def key(action, name="body"):
    return f"forum-draft:{action}:{name}"


def stored(page, action, name="body"):
    """The text kept for a composer posting to `action`, or None."""
    return page.evaluate("k => { const d = localStorage.getItem(k); return d && JSON.parse(d).text; }", key(action, name))


def wait_until_kept(page, action, text):
    page.wait_for_function(
        "([k, text]) => { const d = localStorage.getItem(k); return d && JSON.parse(d).text === text; }",
        arg=[key(action), text],
    )


def offer(page):
    return page.locator(".draft-offer")


@pytest.fixture
def scene():
    factories.make_category(name="Piriformis syndrome", slug="piriformis")
    member = factories.make_member(username="desk_sitter")
    thread = factories.make_thread(title="What helps you sleep with sciatica?", body="Nights are the worst for me.")
    return member, thread


def reply_box(page):
    return page.get_by_role("region", name="Reply").get_by_label("Your post")


def test_a_reply_typed_and_left_is_back_when_the_member_returns_and_nothing_was_sent(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    sent = []
    # Whatever the browser asks of the server, but the site's own files (the
    # favicon may be fetched late): a saved draft would be a POST or a fetch.
    page.on("request", lambda request: "/static/" in request.url or sent.append(f"{request.method} {request.url} ({request.resource_type})"))
    reply_box(page).press_sequentially(WORDS, delay=5)
    wait_until_kept(page, action, WORDS)
    time.sleep(0.5)
    assert sent == [], "typing must not send anything to the server"

    # The tab is closed; later, the member comes back to the thread.
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(f"/threads/{thread.id}")
    # The box was empty, so the draft is simply back, and says so.
    expect(reply_box(page)).to_have_value(WORDS)
    expect(offer(page)).to_have_attribute("role", "status")
    expect(offer(page)).to_contain_text("Your unsent draft from a moment ago is back.")
    expect(offer(page).get_by_role("button", name="Discard it")).to_be_visible()

    # The reply page posts to the same address, so it has the same draft.
    page.goto(action)
    expect(page.get_by_label("Your post")).to_have_value(WORDS)


def test_text_typed_just_before_leaving_is_kept(page, signed_in, scene):
    member, thread = scene
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    reply_box(page).press_sequentially("Ice first", delay=0)
    page.goto("/")  # straight away: no time for the pause that saves
    assert stored(page, f"/threads/{thread.id}/reply") == "Ice first"


def test_an_edit_left_unsaved_is_offered_back_and_restored(page, signed_in, scene):
    member, thread = scene
    post = factories.make_post(thread, author=member, body="Stretching helped.")
    action = f"/threads/posts/{post.id}/edit"
    signed_in(page, member)
    page.goto(action)
    body = page.get_by_label("Your post")
    body.press("Control+End")
    body.press_sequentially(" Heat did too.")
    wait_until_kept(page, action, "Stretching helped. Heat did too.")

    page.goto(action)
    # The page holds the post as saved, so the draft is offered, not forced.
    expect(body).to_have_value("Stretching helped.")
    expect(offer(page)).to_contain_text(re.compile(r"You have an unsent draft from (a moment|1 minute) ago\."))
    restore = offer(page).get_by_role("button", name="Restore it")
    restore.focus()
    page.keyboard.press("Enter")
    expect(body).to_have_value("Stretching helped. Heat did too.")
    expect(body).to_be_focused()
    expect(offer(page)).to_contain_text("is back.")

    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The changes are saved.")).to_be_visible()
    expect(page.locator(f"#post-{post.id}")).to_contain_text("Heat did too.")
    assert stored(page, action) is None


def test_a_draft_can_be_discarded(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    reply_box(page).press_sequentially(WORDS, delay=0)
    wait_until_kept(page, action, WORDS)

    page.reload()
    expect(reply_box(page)).to_have_value(WORDS)
    offer(page).get_by_role("button", name="Discard it").click()
    expect(offer(page)).to_have_text("The draft is discarded.")
    expect(reply_box(page)).to_have_value("")
    expect(reply_box(page)).to_be_focused()
    assert stored(page, action) is None

    page.reload()
    expect(reply_box(page)).to_have_value("")
    expect(offer(page)).to_have_count(0)


def test_a_posted_reply_leaves_no_draft_behind(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    reply_box(page).press_sequentially(WORDS, delay=0)
    wait_until_kept(page, action, WORDS)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".post").nth(1)).to_contain_text(WORDS.strip())
    expect(page.locator("body")).to_have_attribute("data-draft-sent", action)
    assert stored(page, action) is None

    page.goto(action)
    expect(page.get_by_label("Your post")).to_have_value("")
    expect(offer(page)).to_have_count(0)


def test_signing_out_forgets_the_drafts_on_a_shared_computer(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    reply_box(page).press_sequentially(WORDS, delay=0)
    wait_until_kept(page, action, WORDS)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    assert stored(page, action) is None


def test_a_reply_that_comes_back_keeps_its_draft(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")

    # A preview comes back on the reply page, not yet sent.
    reply_box(page).press_sequentially(WORDS, delay=0)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("region", name="Preview")).to_contain_text(WORDS.strip())
    assert stored(page, action) == WORDS
    expect(offer(page)).to_have_count(0)  # the text is on the page already

    # Too long: refused, shown again with the error; the draft stays.
    too_long = "Long story. " * 4200
    page.get_by_label("Your post").evaluate(
        "(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }", too_long)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("alert")).to_contain_text("Keep a post under")
    assert stored(page, action) == too_long

    page.goto(f"/threads/{thread.id}")
    expect(reply_box(page)).to_have_value(too_long)


def test_the_safety_notice_keeps_the_draft_until_the_post_goes(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    red_flag = "Since yesterday I can't control my bladder and I'm numb down there."
    factories.safety_rows()  # the phrase lists a new forum has
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    reply_box(page).press_sequentially(red_flag, delay=0)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("button", name="Publish as it is")).to_be_visible()
    assert stored(page, action) == red_flag

    page.get_by_role("button", name="Publish as it is").click()
    expect(page.locator(".post").nth(1)).to_contain_text("numb down there")
    assert stored(page, action) is None


def test_drafts_older_than_thirty_days_are_dropped(page, signed_in, scene):
    member, thread = scene
    action = f"/threads/{thread.id}/reply"
    signed_in(page, member)
    page.goto("/")
    page.evaluate(
        """([old, other, day]) => {
            localStorage.setItem(old, JSON.stringify({text: "From long ago", savedAt: Date.now() - 31 * day, title: "x"}));
            localStorage.setItem(other, JSON.stringify({text: "Not mine", savedAt: Date.now(), title: "x"}));
        }""",
        [key(action), key("/threads/posts/999999/edit"), DAY],
    )
    page.goto(f"/threads/{thread.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)
    expect(reply_box(page)).to_have_value("")
    expect(offer(page)).to_have_count(0)
    assert stored(page, action) is None
    assert stored(page, "/threads/posts/999999/edit") == "Not mine", "only drafts past 30 days go"


def test_without_storage_the_composer_still_posts(page, signed_in, scene):
    member, thread = scene
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});")
    signed_in(page, member)
    page.goto(f"/threads/{thread.id}")
    reply_box(page).press_sequentially("Walking helps.", delay=0)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".post").nth(1)).to_contain_text("Walking helps.")
    assert errors == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_offer_passes_the_accessibility_checks(axe_page, signed_in, scene, theme):
    member, thread = scene
    member.theme = theme
    db.session.commit()
    post = factories.make_post(thread, author=member, body="Stretching helped.")
    action = f"/threads/posts/{post.id}/edit"
    page = signed_in(axe_page, member)
    page.goto(action)
    page.evaluate("([k, text]) => localStorage.setItem(k, JSON.stringify({text, savedAt: Date.now() - 12 * 60000}))",
                  [key(action), "Stretching helped. Heat did too."])
    page.reload()
    expect(offer(page)).to_contain_text("You have an unsent draft from 12 minutes ago.")
    assert_no_violations(page)
    page.set_viewport_size(PHONE)
    offer(page).scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path(f"draft-offer-phone-{theme}.png"))
    offer(page).get_by_role("button", name="Restore it").click()
    expect(offer(page)).to_contain_text("Your unsent draft from 12 minutes ago is back.")
    assert_no_violations(page)
