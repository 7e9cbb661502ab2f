"""Reading threads: the thread page, its pages of posts, links to one post."""
import re

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.threads.models import Post
from tests import factories

from .conftest import post_card


def post_ids(thread):
    return db.session.scalars(select(Post.id).where(Post.thread_id == thread.id).order_by(Post.id)).all()


def ids_on(html):
    return [int(n) for n in re.findall(r'<article[^>]*\bid="post-(\d+)"', html)]


@pytest.fixture
def long_thread(member, other_member, category):
    """A thread of 45 posts: three pages of 20, 20 and 5."""
    return factories.make_thread(author=member, category=category, title="My long recovery log", replies=44, reply_author=other_member)


def test_a_visitor_reads_a_thread_without_signing_in(client, thread):
    response = client.get(f"/threads/{thread.id}/{thread.slug}")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1 class=\"thread-heading\">Fell on ice, buttock pain since</h1>" in html
    assert "<p>It started <strong>last winter</strong>.</p>" in html
    assert f'href="/categories/{thread.category.slug}"' in html
    assert 'name="body"' not in html, "visitors get no reply box"
    assert "to reply." in html and "Quote</a>" not in html


def test_each_post_shows_its_author_their_join_date_and_post_count_and_the_time(client, thread, member, other_member):
    reply = factories.make_post(thread, author=other_member, body="Mine came from sitting.")
    factories.make_post(thread, author=other_member, body="And running made it worse.")

    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)

    first, second = post_card(html, post_ids(thread)[0]), post_card(html, reply.id)
    assert ">ana_runner</a>" in first and f"Joined {member.created_at:%-d %b %Y} · 1 post<" in first
    assert ">desk_sitter</a>" in second and f"Joined {other_member.created_at:%-d %b %Y} · 2 posts<" in second
    assert f'<time datetime="{reply.created_at:%Y-%m-%dT%H:%M:%SZ}" title="' in second
    assert ">#2</a>" in second


def test_a_thread_shows_twenty_posts_a_page(client, long_thread):
    ids = post_ids(long_thread)
    url = f"/threads/{long_thread.id}/{long_thread.slug}"

    pages = [client.get(url + suffix).get_data(as_text=True) for suffix in ("", "?page=2", "?page=3")]

    assert [ids_on(page) for page in pages] == [ids[:20], ids[20:40], ids[40:]]
    assert ">#21</a>" in pages[1] and ">#45</a>" in pages[2]
    assert f'href="{url}?page=3" rel="next"' in pages[1]


@pytest.mark.parametrize("page", ["4", "0", "abc", "99999999999"])
def test_a_thread_page_that_does_not_exist_is_not_found(client, long_thread, page):
    assert client.get(f"/threads/{long_thread.id}?page={page}").status_code == 404


@pytest.mark.parametrize("number, page", [(1, None), (20, None), (21, 2), (40, 2), (41, 3), (45, 3)])
def test_a_link_to_a_post_opens_the_page_that_holds_it(client, long_thread, number, page):
    post_id = post_ids(long_thread)[number - 1]

    response = client.get(f"/threads/posts/{post_id}")

    assert response.status_code == 302
    query = f"?page={page}" if page else ""
    assert response.headers["Location"] == f"/threads/{long_thread.id}/my-long-recovery-log{query}#post-{post_id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'id="post-{post_id}"' in html


@pytest.mark.parametrize("url", [
    "/threads/999999", "/threads/999999/some-title", "/threads/posts/999999",
    "/threads/99999999999999999999", "/threads/posts/99999999999999999999",
    "/categories/no-such-place",
])
def test_unknown_threads_posts_and_categories_are_not_found(client, thread, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("path", ["/reply", "/reply?quote=1"])
def test_replying_to_an_unknown_thread_is_not_found(member_client, path):
    assert member_client.get(f"/threads/999999{path}").status_code == 404


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_changing_an_unknown_post_is_not_found(member_client, action):
    assert member_client.get(f"/threads/posts/999999/{action}").status_code == 404
    assert member_client.get(f"/threads/posts/99999999999999999999/{action}").status_code == 404


def test_a_locked_thread_shows_no_reply_box(member_client, member):
    locked = factories.make_thread(author=member, locked=True)

    html = member_client.get(f"/threads/{locked.id}").get_data(as_text=True)

    assert "This thread is locked. No new replies can be added." in html
    assert 'name="body"' not in html
    assert "Quote</a>" not in html
