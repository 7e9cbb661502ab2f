"""Bookmarks: a member keeps posts to read later, from the post's own
button, and finds them on one list, newest first; a post they may no
longer read shows as no longer available."""
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from forum.errors import PermissionDenied
from forum.extensions import db
from forum.following import bookmark_services
from forum.following.models import Bookmark
from forum.moderation import steps as moderation_steps
from forum.threads import services as thread_services
from tests import factories
from tests.conftest import csrf_token_from
from tests.factories import text_of
from tests.threads.conftest import post_card

JSON = {"Accept": "application/json"}


@pytest.fixture
def thread(member, other_member, category):
    return factories.make_thread(author=other_member, category=category, title="Heat or ice after a long drive?",
                                 replies=2, reply_author=other_member)


def kept(member):
    return db.session.scalars(select(Bookmark.post_id).where(Bookmark.member_id == member.id)
                              .order_by(Bookmark.created_at, Bookmark.post_id)).all()


def press(browser, post, wanted=None, headers=None, page=None):
    token = csrf_token_from(browser.get(page or f"/threads/posts/{post.id}", follow_redirects=True).get_data(as_text=True))
    data = {"csrf_token": token, **({"press": wanted} if wanted else {})}
    return browser.post(f"/following/bookmarks/posts/{post.id}", data=data, headers=headers or {})


def bookmark_button(card):
    match = re.search(r'<form[^>]*action="/following/bookmarks/posts/\d+".*?</form>', card, re.S)
    return match.group(0) if match else None


# Services

def test_bookmarking_twice_keeps_one_and_taking_off_twice_is_harmless(member, thread):
    post = factories.posts_of(thread)[1]
    bookmark_services.bookmark_post(member, post)
    bookmark_services.bookmark_post(member, post)
    assert kept(member) == [post.id]
    bookmark_services.unbookmark_post(member, post)
    bookmark_services.unbookmark_post(member, post)
    assert kept(member) == []


def test_a_post_one_may_not_read_is_not_bookmarked_but_can_be_taken_off(member, moderator, thread):
    post = factories.posts_of(thread)[1]
    bookmark_services.bookmark_post(member, post)
    moderation_steps.hide_post(moderator, post, "Personal details.")
    db.session.commit()
    bookmark_services.unbookmark_post(member, post)
    with pytest.raises(PermissionDenied, match="hidden"):
        bookmark_services.bookmark_post(member, post)
    assert kept(member) == []


def test_a_suspended_member_does_not_bookmark(thread):
    suspended = factories.make_suspended(username="paused_pat")
    with pytest.raises(PermissionDenied, match="suspended"):
        bookmark_services.bookmark_post(suspended, factories.posts_of(thread)[0])
    assert kept(suspended) == []


# The button

def test_without_javascript_the_button_comes_back_to_the_post_pressed(client_for, member, thread):
    post = factories.posts_of(thread)[1]
    browser = client_for(member)
    response = press(browser, post, "on")

    assert response.status_code == 302 and response.headers["Location"] == f"/threads/posts/{post.id}"
    page = browser.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "Bookmarked: it's in your bookmarks." in text_of(page)
    button = bookmark_button(post_card(page, post.id))
    assert 'aria-pressed="true"' in button and 'name="press" value="off"' in button
    assert 'aria-pressed="false"' in bookmark_button(post_card(page, factories.posts_of(thread)[0].id))
    assert kept(member) == [post.id]

    press(browser, post, "off")
    assert kept(member) == []


def test_a_double_click_asks_the_same_twice(client_for, member, thread):
    post = factories.posts_of(thread)[1]
    browser = client_for(member)
    press(browser, post, "on")
    press(browser, post, "on")
    assert kept(member) == [post.id]


def test_with_javascript_the_answer_is_the_new_state(client_for, member, thread):
    post = factories.posts_of(thread)[1]
    browser = client_for(member)
    answer = press(browser, post, "on", headers=JSON)
    assert answer.status_code == 200 and answer.get_json() == {"pressed": True, "message": "Bookmarked: it's in your bookmarks."}
    # Without a word on what it asks, the button toggles.
    assert press(browser, post, headers=JSON).get_json()["pressed"] is False
    assert kept(member) == []


def test_without_a_token_nothing_is_kept(client_for, member, thread):
    post = factories.posts_of(thread)[1]
    response = client_for(member).post(f"/following/bookmarks/posts/{post.id}", data={"press": "on"}, headers=JSON)
    assert response.status_code == 400 and kept(member) == []


def test_a_visitor_is_sent_to_sign_in_and_sees_no_button(client, thread):
    post = factories.posts_of(thread)[1]
    response = press(client, post, "on", page="/auth/login")
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"
    assert bookmark_button(post_card(client.get(f"/threads/{thread.id}").get_data(as_text=True), post.id)) is None
    assert db.session.scalars(select(Bookmark)).all() == []


def test_a_suspended_member_is_refused(client_for, thread):
    post = factories.posts_of(thread)[1]
    response = press(client_for(factories.make_suspended(username="paused_pat")), post, "on")
    assert response.status_code == 403
    assert db.session.scalars(select(Bookmark)).all() == []


# The list

def test_the_header_leads_to_the_list(client, client_for, member):
    assert 'href="/following/bookmarks"' in client_for(member).get("/").get_data(as_text=True)
    assert 'href="/following/bookmarks"' not in client.get("/").get_data(as_text=True)
    response = client.get("/following/bookmarks")
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login"


def test_the_list_is_newest_first_with_title_author_and_a_link_to_the_post(client_for, member, other_member, thread, category):
    first, second = factories.posts_of(thread)[1:]
    other = factories.make_thread(author=other_member, category=category, title="Foam roller or tennis ball")
    browser = client_for(member)
    for post in (first, factories.posts_of(other)[0], second):
        press(browser, post, "on")

    html = browser.get("/following/bookmarks").get_data(as_text=True)
    links = re.findall(r'<p class="bookmark-title"><a href="/threads/posts/(\d+)">([^<]+)</a>', html)
    assert links == [(str(second.id), "Heat or ice after a long drive?"), (str(other.first_post_id), "Foam roller or tennis ball"),
                     (str(first.id), "Heat or ice after a long drive?")]
    assert text_of(html).count("A post by desk_sitter") == 3
    # Only hers: desk's list is empty.
    assert "No bookmarks yet." in text_of(client_for(other_member).get("/following/bookmarks").get_data(as_text=True))


def test_a_post_no_longer_readable_shows_as_unavailable_and_can_be_removed(client_for, member, other_member, moderator, thread):
    hidden, deleted = factories.posts_of(thread)[1:]
    browser = client_for(member)
    press(browser, hidden, "on")
    press(browser, deleted, "on")
    moderation_steps.hide_post(moderator, hidden, "Personal details.")
    db.session.commit()
    thread_services.delete_post(other_member, deleted)

    html = browser.get("/following/bookmarks").get_data(as_text=True)
    assert text_of(html).count("A post that is no longer available") == 2
    assert "/threads/posts/" not in html and "Heat or ice" not in text_of(html.split("<h1>")[1])

    token = csrf_token_from(html)
    response = browser.post(f"/following/bookmarks/posts/{hidden.id}?next=/following/bookmarks", data={"csrf_token": token, "press": "off"})
    assert response.status_code == 302 and response.headers["Location"] == "/following/bookmarks"
    assert kept(member) == [deleted.id]


def test_a_remove_button_never_sends_anyone_off_the_site(client_for, member, thread):
    post = factories.posts_of(thread)[1]
    browser = client_for(member)
    token = csrf_token_from(browser.get("/following/bookmarks").get_data(as_text=True))
    response = browser.post(f"/following/bookmarks/posts/{post.id}?next=//evil.example/", data={"csrf_token": token, "press": "on"})
    assert response.headers["Location"] == f"/threads/posts/{post.id}"


def test_the_list_is_paged_and_costs_the_same_however_long(client_for, member, other_member, thread, count_queries, monkeypatch):
    browser = client_for(member)
    for post in factories.posts_of(thread):
        bookmark_services.bookmark_post(member, post)

    def cost(url):
        with count_queries() as queries:
            assert browser.get(url).status_code == 200
        return queries.count

    short = cost("/following/bookmarks")
    for n in range(12):
        post = factories.make_post(thread, author=factories.make_practitioner() if n % 3 == 0 else other_member, body=f"Reply {n}")
        bookmark_services.bookmark_post(member, post)
    assert cost("/following/bookmarks") == short

    monkeypatch.setattr("forum.reactions.bookmark_views.BOOKMARKS_PER_PAGE", 5)
    html = browser.get("/following/bookmarks?page=2").get_data(as_text=True)
    assert html.count('class="bookmark-title"') == 5 and 'aria-current="page">2<' in html
    assert browser.get("/following/bookmarks?page=4").status_code == 404
