"""Finding and following, as three members live it.

ana_runner follows a thread with its button. desk_sitter, in a browser of
her own, replies there naming ana_runner and night_owl, and finds
ana_runner's reply helpful (the count changes without the page reloading).
ana_runner sees the unread count in the header and her followed thread on
the home page, opens her notifications and follows one to desk_sitter's
reply; night_owl was told of the mention too. ana_runner then searches for
a word of that reply from the header and finds it marked, and related
threads show under the thread. Without JavaScript a reaction still works:
the button posts and the page comes back at the post.

Screenshots of the home page with news, the notifications page and the
search results, at 1280 and 360 px.
"""
import re

import pytest
from playwright.sync_api import expect

from forum.following import services as following_services
from tests import factories

from . import following_data as data
from .screens import DESKTOP, PHONE, screenshot_path

pytestmark = pytest.mark.browser

HERS = "Holding the figure-four stretch for a full minute, twice a day, helped me most."


@pytest.fixture
def forum():
    """The thread (started by hill_walker) with ana_runner's reply in it;
    she turned off following what she replies to, so she follows nothing
    yet. Two other threads share its words."""
    piriformis = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    sciatica = factories.make_category(name="Sciatica", slug="sciatica")
    reader = factories.make_member(username=data.READER)
    following_services.change_following_settings(reader, reader, follow_own_threads=False)
    replier = factories.make_member(username=data.REPLIER)
    third = factories.make_member(username=data.THIRD)
    starter = factories.make_member(username=data.STARTER)
    thread = factories.make_thread(author=starter, category=piriformis, title=data.STRETCHES,
                                   body="Which piriformis stretches helped you? The figure-four stretch eases my buttock pain.")
    factories.make_post(thread, author=reader, body=HERS)
    factories.make_thread(author=third, category=piriformis, title=data.FOAM,
                          body="My piriformis is tight after runs: foam roller, tennis ball, or stretches?")
    factories.make_thread(author=replier, category=sciatica, title=data.DESK,
                          body="Sitting all day at work: which piriformis stretches can I do at my desk?")
    return {"reader": reader, "replier": replier, "third": third, "thread": thread}


def thread_address(thread):
    return f"/threads/{thread.id}/{thread.slug}"


def post_saying(page, words):
    return page.locator("article.post").filter(has_text=words)


def notifications_link(page):
    return page.get_by_role("navigation", name="Account").get_by_role("link", name=re.compile("^Notifications"))


def screenshots(page, name):
    """The page at 1280 px, then laid out again at 360 px, where it must not
    scroll sideways; the page is left at 1280 px."""
    page.screenshot(path=screenshot_path(f"following-journey-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"
    page.screenshot(path=screenshot_path(f"following-journey-{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_a_member_follows_is_told_lands_on_the_reply_and_finds_it_by_search(new_page, signed_in, forum):
    thread = forum["thread"]
    reader = signed_in(new_page(), forum["reader"])
    reader.goto(thread_address(thread))
    expect(reader.get_by_role("heading", level=1)).to_have_text(data.STRETCHES)
    reader.get_by_role("button", name="Follow this thread").click()
    expect(reader.locator(".flashes")).to_contain_text("You're following this thread")
    expect(reader.get_by_role("button", name="Stop following")).to_be_visible()
    expect(notifications_link(reader)).to_have_text("Notifications")

    # desk_sitter replies, naming two members, and finds ana_runner's reply helpful.
    replier = signed_in(new_page(), forum["replier"])
    replier.goto(thread_address(thread))
    replier.get_by_role("region", name="Reply").get_by_label("Your post").fill(data.MENTIONING)
    replier.get_by_role("button", name="Post reply").click()
    expect(replier).to_have_url(re.compile(r"#post-\d+$"))
    reply_id = replier.url.rsplit("#post-", 1)[1]
    reply = replier.locator(f"#post-{reply_id}")
    expect(reply).to_contain_text(data.RARE)
    for name in (data.READER, data.THIRD):
        expect(reply.get_by_role("link", name=f"@{name}")).to_have_attribute("href", f"/members/{name}")

    hers = post_saying(replier, HERS)
    helpful = hers.get_by_role("button", name="Helpful")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    replier.evaluate("window.stillTheSamePage = true")
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful.locator(".reaction-count")).to_have_text("1")
    expect(replier.get_by_role("status").filter(has_text="You reacted")).to_have_text("You reacted “Helpful”.")
    assert replier.evaluate("window.stillTheSamePage === true"), "the page reloaded"
    replier.reload()
    expect(post_saying(replier, HERS).get_by_role("button", name="Helpful")).to_have_attribute("aria-pressed", "true")

    # ana_runner comes back: the count in the header, her thread's news on the home page.
    reader.goto("/")
    expect(notifications_link(reader)).to_have_text("Notifications (2 new)")
    followed = reader.get_by_role("region", name="Threads you follow with new replies")
    expect(followed.get_by_role("link", name=data.STRETCHES, exact=True)).to_be_visible()
    expect(followed.get_by_role("link", name=f"1 new reply in “{data.STRETCHES}”")).to_be_visible()
    expect(reader.locator(".category-item").filter(has_text="Piriformis syndrome")).to_contain_text(
        "1 with new replies for you")
    expect(reader.get_by_role("region", name="Recent activity")).to_contain_text(f"{data.REPLIER} replied in")
    screenshots(reader, "home-with-news")

    notifications_link(reader).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Notifications")
    group = reader.get_by_role("region", name=data.STRETCHES)
    mention = group.locator(".notification").filter(has_text=f"{data.REPLIER} mentioned you.")
    expect(mention).to_have_count(1)
    expect(group).to_contain_text(f"{data.REPLIER} found your post helpful.")
    screenshots(reader, "notifications")

    mention.get_by_role("link", name="Go to the post").click()
    expect(reader).to_have_url(re.compile(rf"{thread_address(thread)}#post-{reply_id}$"))
    landed = reader.locator(f"#post-{reply_id}")
    expect(landed).to_contain_text(data.RARE)
    expect(landed).to_be_in_viewport()
    # Opening the thread read what it was about.
    reader.goto("/notifications/")
    expect(notifications_link(reader)).to_have_text("Notifications")
    expect(reader.locator(".notification.is-unread")).to_have_count(0)

    # night_owl was named too.
    third = signed_in(new_page(), forum["third"])
    expect(notifications_link(third)).to_have_text("Notifications (1 new)")
    notifications_link(third).click()
    expect(third.get_by_role("region", name=data.STRETCHES)).to_contain_text(f"{data.REPLIER} mentioned you.")

    # Searching from the header finds the reply, its word marked.
    search = reader.get_by_role("search", name="Search the forum")
    search.get_by_role("searchbox").fill(data.RARE)
    search.get_by_role("button", name="Search").click()
    expect(reader).to_have_url(re.compile(rf"/search/\?q={data.RARE}$"))
    expect(reader.get_by_role("heading", level=2)).to_have_text("1 post found")
    hit = reader.locator(".search-hit")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark")).to_have_text(re.compile(data.RARE, re.IGNORECASE))
    screenshots(reader, "search-results")

    hit.get_by_role("link", name=data.STRETCHES).click()
    expect(reader).to_have_url(re.compile(rf"#post-{reply_id}$"))
    related = reader.get_by_role("complementary", name="Related threads")
    for title in (data.DESK, data.FOAM):
        expect(related.get_by_role("link", name=title)).to_be_visible()
    expect(related.get_by_role("link", name=data.STRETCHES)).to_have_count(0)


def test_without_javascript_a_reaction_posts_and_comes_back_to_the_post(no_js_page, signed_in, forum):
    thread = forum["thread"]
    page = signed_in(no_js_page, forum["third"])
    page.goto(thread_address(thread))
    hers = post_saying(page, HERS)
    post_id = hers.get_attribute("id")
    with page.expect_navigation():
        hers.get_by_role("button", name="Me too").click()
    expect(page).to_have_url(re.compile(rf"{thread_address(thread)}#{post_id}$"))
    expect(page.locator(".flashes")).to_contain_text("You reacted “Me too”.")
    me_too = post_saying(page, HERS).get_by_role("button", name="Me too")
    expect(me_too).to_have_attribute("aria-pressed", "true")
    expect(me_too.locator(".reaction-count")).to_have_text("1")

    # Pressed again, it is taken back.
    with page.expect_navigation():
        me_too.click()
    expect(page.locator(".flashes")).to_contain_text("You took back your “Me too”.")
    expect(post_saying(page, HERS).get_by_role("button", name="Me too")).to_have_attribute("aria-pressed", "false")
