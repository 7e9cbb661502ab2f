"""A member on a 360 px phone, tired and interrupted: from a notification's
link to the first post they haven't read in a long thread, a reply started
from the button at the top, the page closed halfway and the words found
again, a quote taken into the reply, the reply up and in view; then dark
mode, chosen in settings. Screenshots of the thread, the composer and the
re-acceptance page, light and dark, go to test-artifacts/screenshots/."""
import pytest
from playwright.sync_api import expect

from forum.extensions import db
from tests import factories

from .screens import screenshot_path

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
PHONE_OPTIONS = {"viewport": SMALL_PHONE, "is_mobile": True, "has_touch": True}
HALF_WRITTEN = "Same here: long drives set mine off. What finally helped was "
FINISHED = "getting out every 45 minutes to walk round the car."


@pytest.fixture
def long_thread(app, monkeypatch):
    """45 posts, 10 to a page; desk_sitter has read the first page."""
    monkeypatch.setitem(app.config, "POSTS_PER_PAGE", 10)
    factories.make_category(name="Sciatica", slug="sciatica")
    ruth = factories.make_member(username="ruth_on_ice")
    reader = factories.make_member(username="desk_sitter")
    thread = factories.make_thread(author=ruth, title="Sciatica and long car journeys: what works for you?",
                                   body="Every drive over an hour ends with my left leg burning.")
    for n in range(9):
        factories.make_post(thread, author=ruth if n % 2 else reader, body=f"Earlier reply {n + 2}: stopping often helps me a little.")
    return {"thread": thread, "ruth": ruth, "reader": reader}


def in_view(page, selector):
    return page.evaluate("s => { const r = document.querySelector(s).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }", selector)


def add_posts(thread, author, count, start):
    for n in range(count):
        factories.make_post(thread, author=author, body=f"Reply {start + n}: a cushion with a cut-out, and cruise control so I can shift.")


def test_reading_and_replying_on_a_phone(new_page, signed_in, long_thread):
    thread, reader = long_thread["thread"], long_thread["reader"]
    page = new_page(**PHONE_OPTIONS)
    signed_in(page, reader)
    page.goto(f"/threads/{thread.id}")  # page 1 of 1 read: ten posts
    add_posts(thread, long_thread["ruth"], 25, start=11)  # now 35 posts, 4 pages; 25 unread

    # A notification's link lands on the first post they haven't read.
    page.goto(f"/threads/{thread.id}/unread")
    expect(page).to_have_url(f"{page.url.split('/threads')[0]}/threads/{thread.id}/{thread.slug}?page=2#post-{thread.first_post_id + 10}")
    expect(page.locator(".pager-position").first).to_have_text("Page 2 of 4")
    assert in_view(page, f"#post-{thread.first_post_id + 10}")
    expect(page.get_by_text("New since your last visit")).to_be_visible()
    page.screenshot(path=screenshot_path("phone-thread-light.png"))

    # Reply from the button at the top: the composer, ready to type in.
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".thread-tools").get_by_role("link", name="Reply").click()
    box = page.get_by_role("region", name="Reply").get_by_label("Your post")
    expect(box).to_be_focused()
    page.keyboard.type(HALF_WRITTEN)
    page.wait_for_timeout(600)  # the draft is kept as they type

    # Interrupted: the page is closed. Back later, the words are there.
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(f"/threads/{thread.id}?page=2")
    box = page.get_by_role("region", name="Reply").get_by_label("Your post")
    expect(box).to_have_value(HALF_WRITTEN)
    expect(page.locator(".draft-offer")).to_contain_text("unsent draft")
    page.locator("#reply").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path("phone-composer-light.png"))

    # A quote goes into the same box, linking back to the quoted post.
    quoted = page.locator(f"#post-{thread.first_post_id + 12}")
    quoted.get_by_role("link", name="Quote").click()
    expect(box).to_have_value(HALF_WRITTEN.rstrip() + "\n\n> **ruth_on_ice** [wrote]"
                              f"(/threads/posts/{thread.first_post_id + 12}):\n>\n"
                              f"> Reply 13: a cushion with a cut-out, and cruise control so I can shift.\n\n")
    assert page.url.endswith("?page=2") or "#" in page.url  # still on the thread page, not the reply page
    box.press("End")
    page.keyboard.type(FINISHED)
    page.get_by_role("region", name="Reply").get_by_role("button", name="Post reply").click()

    # Up, in view, and said so.
    note = page.get_by_role("status").filter(has_text="Your reply is up.")
    expect(note).to_be_visible()
    mine = page.locator(".post", has=note)
    expect(mine).to_contain_text(FINISHED)
    expect(mine.get_by_role("link", name="wrote")).to_have_attribute("href", f"/threads/posts/{thread.first_post_id + 12}")
    assert in_view(page, ".posted-note")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('forum-draft:')).length") == 0

    # Dark mode, chosen in settings, wins over the device's light.
    page.get_by_text("Menu").click()
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Reading").first.click()
    page.get_by_label("Dark").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your reading settings are saved.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.goto(f"/threads/{thread.id}?page=2")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(247, 245, 240)", background
    page.screenshot(path=screenshot_path("phone-thread-dark.png"))
    page.locator("#reply").scroll_into_view_if_needed()
    page.get_by_role("region", name="Reply").get_by_label("Your post").fill(HALF_WRITTEN)
    page.screenshot(path=screenshot_path("phone-composer-dark.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_re_acceptance_page_shows_what_changed_first(new_page, signed_in, long_thread, scheme):
    thread, reader = long_thread["thread"], long_thread["reader"]
    moderator = factories.make_member(username="mod_rosa", role="moderator")
    first = factories.publish(moderator, body="Nothing here is a diagnosis.\n\nTalk to your own clinician.")
    reader.disclaimer_version_id = first.id
    db.session.commit()
    factories.publish(moderator, body="Nothing here is a diagnosis or a treatment plan.\n\nTalk to your own clinician.",
                      must_accept=True)

    page = new_page(color_scheme=scheme, **PHONE_OPTIONS)
    signed_in(page, reader)
    page.goto(f"/threads/{thread.id}/reply")
    page.get_by_label("Your post").fill("Heat at night helps me.")
    page.get_by_role("button", name="Post reply").click()

    expect(page.get_by_role("heading", name="The medical disclaimer has changed")).to_be_visible()
    changes = page.locator(".changes-since")
    expect(changes.locator(".text-diff ins")).to_contain_text("or a treatment plan")
    heading = page.get_by_role("heading", name=f"What changed since you accepted version {first.id}")
    full = page.get_by_role("heading", name="The full text", exact=False)
    assert heading.bounding_box()["y"] < full.bounding_box()["y"]
    page.screenshot(path=screenshot_path(f"phone-reaccept-{scheme}.png"), full_page=True)

    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Accept and continue").click()
    expect(page.get_by_text("Heat at night helps me.")).to_be_visible()
