"""What is new since a member's last visit: on the thread page, the
category page and the home page; and the home page's recent activity."""
import re

from forum.moderation import services as moderation
from forum.threads import services as thread_services
from tests import factories
from tests.factories import text_of


def test_the_thread_page_says_how_many_replies_are_new_and_jumps_to_the_first(app, client_for, member, other_member):
    thread = factories.make_thread(author=other_member, replies=2)
    browser = client_for(member)
    first_visit = browser.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "since your last visit" not in first_visit

    new = [factories.make_post(thread, author=other_member) for _ in range(3)]
    html = browser.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "First unread (3 new)" in text_of(html)
    # The first new one is marked in place.
    assert html.index('id="new"') < html.index(f'id="post-{new[0].id}"')
    assert html.index(f'id="post-{new[0].id}"') - html.index('id="new"') < 200

    again = browser.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "since your last visit" not in again and "First unread" not in again


def test_the_jump_lands_on_the_first_unread_post_across_pages(app, client_for, member, other_member):
    per_page = app.config["POSTS_PER_PAGE"]
    thread = factories.make_thread(author=other_member, replies=per_page - 1)
    browser = client_for(member)
    browser.get(f"/threads/{thread.id}")
    first_new = factories.make_post(thread, author=other_member)
    factories.make_post(thread, author=other_member)

    response = browser.get(f"/threads/{thread.id}/unread")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?page=2#post-{first_new.id}")
    assert client_for().get(f"/threads/{thread.id}/unread").headers["Location"].endswith(f"/threads/{thread.id}/{thread.slug}")


def test_the_category_page_marks_threads_with_new_replies(client_for, member, other_member, category):
    read = factories.make_thread(author=other_member, category=category, title="Read and quiet")
    busy = factories.make_thread(author=other_member, category=category, title="Read, then busy")
    factories.make_thread(author=other_member, category=category, title="Never opened")
    browser = client_for(member)
    browser.get(f"/threads/{read.id}")
    browser.get(f"/threads/{busy.id}")
    factories.make_post(busy, author=other_member)
    factories.make_post(busy, author=other_member)

    html = browser.get(f"/categories/{category.slug}").get_data(as_text=True)

    links = re.findall(r'<a class="news-link" href="([^"]+)">(\d+) new', html)
    assert links == [(f"/threads/{busy.id}/unread", "2")]
    home = text_of(browser.get("/").get_data(as_text=True))
    assert "1 with new replies for you" in home


def test_the_home_page_lists_followed_threads_with_news(client_for, member, other_member):
    mine = factories.make_thread(author=member, title="My sciatica diary")
    browser = client_for(member)
    assert "Threads you follow with new replies" not in browser.get("/").get_data(as_text=True)
    factories.make_post(mine, author=other_member)

    html = browser.get("/").get_data(as_text=True)

    section = html[html.index("Threads you follow with new replies"):html.index("<h2>Categories</h2>")]
    assert "My sciatica diary" in section and "1 new" in text_of(section)
    browser.get(f"/threads/{mine.id}")
    assert "Threads you follow with new replies" not in browser.get("/").get_data(as_text=True)


def test_recent_activity_respects_what_each_reader_may_see(client_for, member, other_member, moderator, category):
    factories.make_thread(author=member, category=category, title="Open to all")
    secret = thread_services.start_thread(member, category, "Members only worries", "Just between us.", members_only=True)
    hidden = factories.make_thread(author=other_member, category=category, title="Selling supplements")
    moderation.hide_post(moderator, factories.posts_of(hidden)[0], "Advertising.")
    factories.make_post(secret, author=other_member, body="Thinking of you.")

    def activity(browser):
        html = browser.get("/").get_data(as_text=True)
        return text_of(html[html.index('id="activity-heading"'):])

    visitor, reader = activity(client_for()), activity(client_for(other_member))
    assert "Open to all" in visitor and "Members only worries" not in visitor and "Selling supplements" not in visitor
    assert "Members only worries" in reader and "Selling supplements" not in reader
    assert f"{other_member.username} replied in Members only worries" in reader
