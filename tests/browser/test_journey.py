"""A newcomer's first visit, driven through a real browser."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from forum.extensions import db
from forum.threads.models import Post
from tests import factories

from .inbox import confirm_address
from .screens import DESKTOP, PHONE, screenshot_path

pytestmark = pytest.mark.browser

FIRST_POST = "It started after I fell on ice. Sitting at my desk makes it worse."
QUOTE_ANSWER = "Looking back, the fall was the start of it."


def posts_in_thread(thread_id):
    return db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread_id))


def thread_id_from(url):
    return int(re.search(r"/threads/(\d+)", url).group(1))


def register(page, app, username):
    """Join, then confirm the address from the email in the outbox."""
    page.goto("/")
    page.get_by_role("link", name="Join", exact=True).click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password").fill("heat ice walking elliptical")
    page.get_by_label("I accept the community guidelines").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    confirm_address(page, app, f"{username}@example.org")
    expect(page.get_by_role("link", name=username)).to_be_visible()


def start_thread(page, category):
    page.get_by_role("link", name=category.name).click()
    page.get_by_role("link", name="Start a thread").click()
    expect(page.get_by_label("Category")).to_have_value(str(category.id))
    page.get_by_label("Title", exact=True).fill("Fell on ice, now buttock pain when sitting")
    page.get_by_label("Your post").fill(FIRST_POST)
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fell on ice, now buttock pain when sitting")
    expect(page.get_by_text("Your thread is up.")).to_be_visible()


def reply_with_keyboard_only(page, text):
    """From the skip link to the reply box and its button, without the mouse."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    textarea = page.get_by_role("textbox", name="Your post")
    for _ in range(40):
        page.keyboard.press("Tab")
        if textarea.evaluate("el => el === document.activeElement"):
            break
    expect(textarea).to_be_focused()
    page.keyboard.type(text)
    post_button = page.get_by_role("button", name="Post reply")
    for _ in range(3):
        page.keyboard.press("Tab")
        if post_button.evaluate("el => el === document.activeElement"):
            break
    expect(post_button).to_be_focused()
    page.keyboard.press("Enter")


def test_a_newcomer_joins_starts_a_thread_replies_quotes_and_edits(page, app, live_server):
    # Anything the security policy blocks, or a missing file, shows up here.
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    factories.make_category(name="Sciatica", slug="sciatica")
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")

    register(page, app, "fell_on_ice")
    start_thread(page, category)
    thread_id = thread_id_from(page.url)
    assert posts_in_thread(thread_id) == 1

    reply_with_keyboard_only(page, "Heat helps me in the evening.")
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    expect(page.locator(".post")).to_have_count(2)
    expect(page.locator(".post").nth(1)).to_contain_text("Heat helps me in the evening.")

    # Quote the opening post into a second reply.
    first_post = page.locator(".post").first
    first_post.get_by_role("link", name="Quote").click()
    body = page.get_by_label("Your post")
    expect(body).to_have_value(re.compile(r"^> \*\*fell_on_ice\*\* \[wrote\]\(/threads/posts/\d+\):"))
    expect(body).to_have_value(re.compile(re.escape(f"> {FIRST_POST}")))
    body.press("Control+End")
    page.keyboard.type(QUOTE_ANSWER)

    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_be_visible()
    expect(preview.locator("blockquote")).to_contain_text(FIRST_POST)
    expect(preview).to_contain_text(QUOTE_ANSWER)
    assert posts_in_thread(thread_id) == 2, "a preview must not post anything"

    page.get_by_role("button", name="Post reply").click()
    third = page.locator(".post").nth(2)
    expect(third.locator("blockquote")).to_contain_text(FIRST_POST)
    expect(third).to_contain_text(QUOTE_ANSWER)
    assert posts_in_thread(thread_id) == 3

    # Edit the keyboard reply: readers see it was edited.
    second = page.locator(".post").nth(1)
    expect(second.locator(".edited")).to_have_count(0)
    second.get_by_role("link", name="Edit").click()
    page.get_by_label("Your post").fill("Heat helps me in the evening, ice in the morning.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The changes are saved.")).to_be_visible()
    second = page.locator(".post").nth(1)
    expect(second).to_contain_text("ice in the morning")
    expect(second.locator(".edited")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.screenshot(path=screenshot_path("thread-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=screenshot_path("thread-phone.png"), full_page=True)
    assert console_errors == []


def test_a_permalink_to_page_two_opens_that_page_at_the_post(page, live_server):
    author = factories.make_member(username="desk_sitter")
    thread = factories.make_thread(author=author, title="Long thread about stretches", replies=24)
    posts = db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).all()
    assert len(posts) == 25
    target = posts[22]

    page.goto(f"/threads/posts/{target.id}")

    expect(page).to_have_url(re.compile(rf"\?page=2#post-{target.id}$"))
    post = page.locator(f"#post-{target.id}")
    expect(post).to_contain_text("Reply 22:")
    expect(post).to_be_in_viewport()
    expect(page.locator(".post")).to_have_count(5)
