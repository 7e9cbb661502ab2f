"""What a member meets when the safety checks find something in what they
write, and what everyone else sees afterwards; a thread kept for members;
and a member taking their data away and leaving the forum.

a. Urgent symptoms: the writer is told this could be an emergency before it
   goes up, publishes as it is, readers see a notice on the post, and the
   moderators find it at the top of their queue.
b. Crisis language: the writer alone is shown the crisis lines.
c. A phone number: the writer is warned, goes back to the text, takes it out.
d. A members-only thread, started through the form, seen by a visitor.
e. Downloading one's data as a JSON file.
f. Deleting one's account but keeping the posts: a visitor sees them under
   "Former member", with no profile to follow.
"""
import json
import re

import pytest
from playwright.sync_api import expect

from tests import factories

from .opening import open_menu
from .screens import DESKTOP, PHONE, screenshot_path

pytestmark = pytest.mark.browser

RED_FLAG = "Since yesterday I can't control my bladder and I'm numb down there. Is this the piriformis again?"
CRISIS = "I can't go on like this. Everyone would be better off without me."
PHONE_NUMBER = "07700 900461"
WITH_NUMBER = f"Happy to talk it through, ring me on {PHONE_NUMBER} any evening."
WITHOUT_NUMBER = "Happy to talk it through here, any evening. Send me a message."
TITLE = "Piriformis after a fall on the ice"
OPENING = "It started when I slipped on ice in January. Sitting is the worst."
READERS_NOTICE = "This post describes symptoms that can need same-day care"
THREAD_ADDRESS = re.compile(r"/threads/\d+/[\w-]+(#post-\d+)?$")
REPLY_ADDRESS = re.compile(r"/threads/\d+/reply$")

SIZES = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=list(SIZES))
def size(request):
    return request.param


@pytest.fixture
def forum():
    """The safety lists as a new forum has them, a thread to reply to, the
    member who started it, another member who will reply, and a moderator."""
    factories.safety_rows()
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    starter = factories.make_member(username="ana_runner")
    return {
        "category": category,
        "starter": starter,
        "writer": factories.make_member(username="desk_sitter"),
        "reader": factories.make_member(username="night_owl"),
        "moderator": factories.make_moderator(username="mod_mia"),
        "thread": factories.make_thread(author=starter, category=category, title=TITLE, body=OPENING),
    }


def thread_address(thread):
    return f"/threads/{thread.id}/{thread.slug}"


def send_a_reply(page, thread, body):
    """Open the thread, write in its reply box and send it."""
    page.goto(thread_address(thread))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("region", name="Reply").get_by_label("Your post").fill(body)
    page.get_by_role("button", name="Post reply").click()


def the_notice(page):
    return page.get_by_role("alert", name="Please read this first: it isn't published yet")


def post_saying(page, words):
    return page.locator("article.post").filter(has_text=words)


def sees_the_notice(page, body, heading):
    """The form came back, with the notice above the text they wrote, kept."""
    expect(page).to_have_url(REPLY_ADDRESS)
    notice = the_notice(page)
    expect(notice).to_be_visible()
    expect(notice.get_by_role("heading", level=3)).to_have_text(heading)
    expect(page.get_by_label("Your post")).to_have_value(body)
    expect(notice.get_by_role("button", name="Publish as it is")).to_be_visible()
    for choice in ("Edit it first", "Cancel"):
        expect(notice.get_by_role("link", name=choice, exact=True)).to_be_visible()
    return notice


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide on a {viewport}px screen"


def test_a_reply_describing_urgent_symptoms_is_flagged_to_readers_and_moderators(new_page, signed_in, forum, size):
    # Three members reported an ordinary post first: without the checks it would top the queue.
    advert = factories.make_post(forum["thread"], author=forum["starter"], body="Try my cousin's magnet insoles.")
    for _ in range(3):
        factories.make_report(factories.make_member(), advert, reason="advertising")
    page = new_page(**SIZES[size])
    signed_in(page, forum["writer"])

    send_a_reply(page, forum["thread"], RED_FLAG)
    notice = sees_the_notice(page, RED_FLAG, "This could be an emergency")
    expect(notice).to_contain_text("If this is new, go to an emergency department now.")
    expect(notice.get_by_role("link", name="What needs urgent care")).to_have_attribute("href", "/pages/urgent-help")
    assert factories.posts_of(forum["thread"])[-1].body != RED_FLAG, "nothing goes up before they choose"
    no_sideways_scroll(page)
    page.screenshot(path=screenshot_path(f"safety-journey-emergency-notice-{size}.png"), full_page=True)

    # A doctor already knows: they publish it as it is.
    notice.get_by_role("button", name="Publish as it is").click()
    expect(page).to_have_url(THREAD_ADDRESS)
    theirs = post_saying(page, "Is this the piriformis again?")
    expect(theirs).to_have_count(1)
    expect(theirs.locator(".post-safety")).to_contain_text(READERS_NOTICE)
    expect(theirs.get_by_role("link", name="see Urgent help")).to_be_visible()
    expect(page.locator(".post-safety")).to_have_count(1)  # only their post carries it
    theirs.scroll_into_view_if_needed()
    theirs.screenshot(path=screenshot_path(f"safety-journey-readers-notice-{size}.png"))

    # A visitor reading the thread sees the same notice on that post.
    visitor = new_page(**SIZES[size])
    visitor.goto(thread_address(forum["thread"]))
    expect(post_saying(visitor, "Is this the piriformis again?").locator(".post-safety")).to_contain_text(READERS_NOTICE)

    moderator = new_page(**SIZES[size])
    signed_in(moderator, forum["moderator"])
    open_menu(moderator)
    moderator.get_by_role("link", name="Admin", exact=True).click()
    moderator.get_by_role("navigation", name="Admin").get_by_role("link", name="Reports").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Reports queue")
    items = moderator.locator(".queue-item")
    expect(items).to_have_count(2)
    first = items.first
    expect(first.locator(".tag-urgent")).to_have_text("Possible emergency")
    expect(first).to_contain_text("Flagged by the safety checks")
    expect(first).to_contain_text("Is this the piriformis again?")
    expect(items.nth(1)).to_contain_text("3 reporters")
    moderator.screenshot(path=screenshot_path(f"safety-journey-queue-{size}.png"), full_page=True)

    first.get_by_role("link", name=f"Post by desk_sitter in “{TITLE}”").click()
    expect(moderator.locator("main")).to_contain_text("Flagged by the safety checks as it was written")
    expect(moderator.get_by_role("article", name="the reported post")).to_contain_text("Is this the piriformis again?")


def test_crisis_language_shows_the_writer_alone_the_crisis_lines(new_page, signed_in, forum, size):
    page = new_page(**SIZES[size])
    signed_in(page, forum["writer"])

    send_a_reply(page, forum["thread"], CRISIS)
    notice = sees_the_notice(page, CRISIS, "You don't have to carry this alone")
    lines = notice.locator(".crisis-list")
    for words in ("Call or text 988", "Text HOME to 741741", "Call 116 123"):
        expect(lines).to_contain_text(words)
    expect(lines.get_by_role("link", name="findahelpline.com")).to_have_attribute("href", "https://findahelpline.com")
    expect(notice).to_contain_text("Only you see this note.")
    no_sideways_scroll(page)
    page.screenshot(path=screenshot_path(f"safety-journey-crisis-notice-{size}.png"), full_page=True)

    # Publishing is their choice; they publish.
    notice.get_by_role("button", name="Publish as it is").click()
    expect(page).to_have_url(THREAD_ADDRESS)
    expect(post_saying(page, "better off without me")).to_have_count(1)

    reader = new_page(**SIZES[size])
    signed_in(reader, forum["reader"])
    reader.goto(thread_address(forum["thread"]))
    post = post_saying(reader, "better off without me")
    expect(post).to_have_count(1)
    main = reader.locator("main")
    expect(main).not_to_contain_text("You don't have to carry this alone")
    expect(main).not_to_contain_text("741741")
    expect(main).not_to_contain_text("Only you see this note")
    expect(reader.locator(".crisis-list, .safety-notice, .post-safety")).to_have_count(0)


def test_a_phone_number_is_pointed_out_and_taken_out_before_publishing(new_page, signed_in, forum, size):
    page = new_page(**SIZES[size])
    signed_in(page, forum["writer"])

    send_a_reply(page, forum["thread"], WITH_NUMBER)
    notice = sees_the_notice(page, WITH_NUMBER, "This shows personal details")
    expect(notice).to_contain_text(f"Your post seems to contain “{PHONE_NUMBER}”")
    no_sideways_scroll(page)
    page.screenshot(path=screenshot_path(f"safety-journey-personal-details-{size}.png"), full_page=True)

    notice.get_by_role("link", name="Edit it first").click()
    box = page.get_by_label("Your post")
    expect(box).to_be_in_viewport()
    expect(page).to_have_url(re.compile(r"#body$"))
    # The link goes to the text box itself: the cursor is in it, ready to type.
    expect(box).to_be_focused()
    expect(box).to_have_value(WITH_NUMBER)
    box.fill(WITHOUT_NUMBER)
    page.get_by_role("button", name="Post reply").click()

    expect(page).to_have_url(THREAD_ADDRESS)
    expect(post_saying(page, WITHOUT_NUMBER)).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text(PHONE_NUMBER)
    assert factories.posts_of(forum["thread"])[-1].body == WITHOUT_NUMBER


def test_a_members_only_thread_shows_a_visitor_its_title_and_nothing_more(new_page, signed_in, forum, size):
    secret = "My husband left when the pain started, and I haven't told anyone."
    page = new_page(**SIZES[size])
    signed_in(page, forum["writer"])
    page.goto("/threads/new")
    page.get_by_label("Category").select_option(label="Piriformis syndrome")
    page.get_by_label("Title", exact=True).fill("Pain and my marriage")
    page.get_by_label(re.compile("^Members only")).check()
    page.get_by_label("Your post").fill(secret)
    page.get_by_role("button", name="Post thread").click()
    expect(page.locator(".flashes")).to_contain_text("Your thread is up.")
    expect(post_saying(page, secret)).to_have_count(1)
    address = page.url

    visitor = new_page(**SIZES[size])
    visitor.goto("/categories/piriformis")
    visitor.get_by_role("link", name="Pain and my marriage").click()
    expect(visitor).to_have_url(address)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Pain and my marriage")
    expect(visitor.locator("main .tag")).to_contain_text(["Members only"])
    note = visitor.get_by_role("region", name="For members only")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="Sign in")).to_be_visible()
    expect(visitor.locator("main")).not_to_contain_text("My husband left")
    expect(visitor.locator("article.post")).to_have_count(0)
    expect(visitor.get_by_label("Your post")).to_have_count(0)
    no_sideways_scroll(visitor)
    visitor.screenshot(path=screenshot_path(f"safety-journey-members-only-visitor-{size}.png"), full_page=True)

    # Signing in from the note brings them back to the thread, readable.
    note.get_by_role("link", name="Sign in").click()
    visitor.get_by_label("Username or email").fill("night_owl")
    visitor.get_by_label("Password").fill(factories.PASSWORD)
    visitor.get_by_role("button", name="Sign in", exact=True).click()
    expect(visitor).to_have_url(address)
    expect(post_saying(visitor, secret)).to_have_count(1)


def open_settings(page, username):
    open_menu(page)
    page.get_by_role("navigation", name="Account").get_by_role("link", name=username).click()
    page.get_by_role("link", name="Your settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your settings")


def test_a_member_downloads_their_data_as_a_json_file(page, signed_in, forum, tmp_path):
    writer = forum["writer"]
    factories.make_post(forum["thread"], author=writer, body="Nerve glides twice a day helped my left leg.")
    factories.make_thread(author=writer, category=forum["category"], title="Standing desk: worth it?",
                          body="Thinking of a standing desk for the sciatica.")
    signed_in(page, writer)
    open_settings(page, "desk_sitter")
    data = page.get_by_role("region", name="Your data")
    page.screenshot(path=screenshot_path("safety-journey-settings-your-data-desktop.png"), full_page=True)

    with page.expect_download() as downloading:
        data.get_by_role("link", name="Download my data").click()
    download = downloading.value
    assert re.fullmatch(r"forum-data-desk_sitter-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))

    assert exported["profile"]["username"] == "desk_sitter"
    assert exported["profile"]["email"] == "desk_sitter@example.org"
    bodies = [post["body"] for post in exported["posts"]]
    assert "Nerve glides twice a day helped my left leg." in bodies
    assert "Thinking of a standing desk for the sciatica." in bodies
    assert [t["title"] for t in exported["threads_started"]] == ["Standing desk: worth it?"]
    assert OPENING not in bodies, "another member's post is not theirs to download"


def test_a_deleted_accounts_kept_posts_show_as_a_former_members(new_page, signed_in, forum, size):
    writer = forum["writer"]
    kept = "Heat in the evening and a walk at lunch got me through the first month."
    factories.make_post(forum["thread"], author=writer, body=kept)
    page = new_page(**SIZES[size])
    signed_in(page, writer)
    open_settings(page, "desk_sitter")
    page.get_by_role("region", name="Your data").get_by_role("link", name="Delete my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    page.get_by_role("radio", name=re.compile("^Keep my posts")).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm: delete your account")
    expect(page.locator("main")).to_contain_text("Your 1 post, 0 threads and 0 stories stay")
    page.get_by_label("Your password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Delete my account").click()

    expect(page.locator(".flashes")).to_contain_text("Your account is deleted, and you're signed out.")
    open_menu(page)
    account = page.get_by_role("navigation", name="Account")
    expect(account.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account.get_by_role("button", name="Sign out")).to_have_count(0)

    visitor = new_page(**SIZES[size])
    visitor.goto(thread_address(forum["thread"]))
    post = post_saying(visitor, kept)
    expect(post).to_have_count(1)
    author = post.locator(".post-author")
    expect(author).to_have_text("Former member")
    expect(author.get_by_role("link")).to_have_count(0)
    expect(visitor.locator("main")).not_to_contain_text("desk_sitter")
    post.scroll_into_view_if_needed()
    post.screenshot(path=screenshot_path(f"safety-journey-former-member-{size}.png"))
    assert visitor.goto("/members/desk_sitter").status == 404

    # The old password opens nothing.
    visitor.goto("/auth/login")
    visitor.get_by_label("Username or email").fill("desk_sitter")
    visitor.get_by_label("Password").fill(factories.PASSWORD)
    visitor.get_by_role("button", name="Sign in", exact=True).click()
    expect(visitor).to_have_url(re.compile("/auth/login"))
