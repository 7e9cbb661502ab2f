"""Reacting through the pages: a one-button form without JavaScript, a
JSON answer for the script, and the "who reacted" page."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.moderation import steps as moderation_steps
from forum.reactions.models import Reaction
from forum.threads import services as thread_services
from tests import factories
from tests.conftest import csrf_token_from, sign_in
from tests.factories import reload, text_of
from tests.threads.conftest import post_card

JSON = {"Accept": "application/json"}


def thread_page(thread):
    return f"/threads/{thread.id}"


def press(browser, post, kind, wanted=None, headers=None, page=None):
    """Press a reaction's button as the page draws it: its own token, and
    what it asks for (`wanted`: "on", "off", or None for a bare toggle)."""
    token = csrf_token_from(browser.get(page or f"/threads/posts/{post.id}", follow_redirects=True).get_data(as_text=True))
    data = {"csrf_token": token, **({"press": wanted} if wanted else {})}
    return browser.post(f"/reactions/posts/{post.id}/{kind}", data=data, headers=headers or {})


def count_of(post, kind="helpful"):
    return getattr(reload(post), f"{kind}_count")


def button(card, kind):
    """The reaction button of `kind` on a post's card, or None."""
    match = re.search(rf'<form[^>]*action="/reactions/posts/\d+/{kind}".*?</form>', card, re.S)
    return match.group(0) if match else None


# Without JavaScript

def test_a_press_comes_back_to_the_post_with_a_message_and_the_button_pressed(client_for, member, desks_reply, thread):
    browser = client_for(member)
    response = press(browser, desks_reply, "helpful", "on")

    assert response.status_code == 302 and response.headers["Location"] == f"/threads/posts/{desks_reply.id}"
    page = browser.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "You reacted “Helpful”." in text_of(page)
    helpful = button(post_card(page, desks_reply.id), "helpful")
    assert 'aria-pressed="true"' in helpful and '<span class="reaction-count">1</span>' in helpful
    assert 'name="press" value="off"' in helpful
    me_too = button(post_card(page, desks_reply.id), "me_too")
    assert 'aria-pressed="false"' in me_too and 'name="press" value="on"' in me_too
    assert count_of(desks_reply) == 1


def test_pressing_again_takes_it_back(client_for, member, desks_reply):
    browser = client_for(member)
    press(browser, desks_reply, "me_too", "on")
    response = press(browser, desks_reply, "me_too", "off")

    assert response.status_code == 302
    page = browser.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "You took back your “Me too”." in text_of(page)
    assert 'aria-pressed="false"' in button(post_card(page, desks_reply.id), "me_too")
    assert count_of(desks_reply, "me_too") == 0


def test_a_button_that_does_not_say_toggles(client_for, member, desks_reply):
    browser = client_for(member)
    press(browser, desks_reply, "helpful")
    assert count_of(desks_reply) == 1
    press(browser, desks_reply, "helpful")
    assert count_of(desks_reply) == 0


def test_a_double_click_counts_once(client_for, member, desks_reply):
    browser = client_for(member)
    # The same button, pressed twice before the page came back: it asks "on" twice.
    token = csrf_token_from(browser.get(f"/threads/posts/{desks_reply.id}", follow_redirects=True).get_data(as_text=True))
    for _ in range(2):
        assert browser.post(f"/reactions/posts/{desks_reply.id}/helpful", data={"csrf_token": token, "press": "on"}).status_code == 302
    assert count_of(desks_reply) == 1
    assert db.session.scalar(select(func.count()).select_from(Reaction)) == 1


# With JavaScript

def test_the_script_is_answered_with_the_count_and_state(client_for, member, desks_reply):
    browser = client_for(member)
    response = press(browser, desks_reply, "helpful", "on", headers=JSON)

    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json() == {"kind": "helpful", "pressed": True, "count": 1, "message": "You reacted “Helpful”."}

    other = client_for(factories.make_member(username="hip_hurts"))
    assert press(other, desks_reply, "helpful", "on", headers=JSON).get_json()["count"] == 2
    taken = press(browser, desks_reply, "helpful", "off", headers=JSON).get_json()
    assert (taken["pressed"], taken["count"]) == (False, 1)


def test_the_thread_page_loads_the_script_and_allows_it(client, thread):
    response = client.get(thread_page(thread))
    assert re.search(r'<script src="/static/js/reactions\.js\?v=[0-9a-f]{12}" defer></script>', response.get_data(as_text=True))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert client.get("/static/js/reactions.js").status_code == 200


# Refusals

def test_without_a_token_nothing_is_counted(client_for, member, desks_reply):
    browser = client_for(member)
    for headers in ({}, JSON):
        response = browser.post(f"/reactions/posts/{desks_reply.id}/helpful", data={"press": "on"}, headers=headers)
        assert response.status_code == 400
    assert count_of(desks_reply) == 0
    assert db.session.scalar(select(func.count()).select_from(Reaction)) == 0


def test_a_visitor_is_sent_to_sign_in_and_then_back_to_the_post(client, desks_reply):
    response = press(client, desks_reply, "helpful", "on", page="/auth/login")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/auth/login"
    assert parse_qs(location.query)["next"] == [f"/threads/posts/{desks_reply.id}"]
    assert count_of(desks_reply) == 0


def test_ones_own_post_is_refused(client_for, other_member, desks_reply):
    response = press(client_for(other_member), desks_reply, "helpful", "on")
    assert response.status_code == 403
    assert "You can't react to your own post." in text_of(response.get_data(as_text=True))
    assert count_of(desks_reply) == 0


def test_a_suspended_member_is_refused(client_for, desks_reply, thread):
    browser = client_for(factories.make_suspended(username="paused_pat"))
    response = press(browser, desks_reply, "me_too", "on")
    assert response.status_code == 403
    assert count_of(desks_reply, "me_too") == 0
    # Nor are they offered the buttons.
    assert button(post_card(browser.get(thread_page(thread)).get_data(as_text=True), desks_reply.id), "me_too") is None


def test_a_hidden_post_is_refused(client_for, member, moderator, desks_reply):
    browser = client_for(member)
    token = csrf_token_from(browser.get(f"/threads/posts/{desks_reply.id}", follow_redirects=True).get_data(as_text=True))
    moderation_steps.hide_post(moderator, desks_reply, "Selling supplements.")
    db.session.commit()
    response = browser.post(f"/reactions/posts/{desks_reply.id}/helpful", data={"csrf_token": token, "press": "on"})
    assert response.status_code == 403 and count_of(desks_reply) == 0


@pytest.mark.parametrize("url", ["/reactions/posts/999/helpful", "/reactions/posts/1/angry"])
def test_no_such_post_or_kind(client_for, member, desks_reply, url):
    browser = client_for(member)
    token = csrf_token_from(browser.get("/").get_data(as_text=True))
    assert browser.post(url, data={"csrf_token": token, "press": "on"}).status_code == 404


# What each person is shown

def test_the_author_and_visitors_see_counts_and_a_link_not_buttons(client, client_for, member, other_member, desks_reply, thread):
    press(client_for(member), desks_reply, "helpful", "on")
    for browser in (client, client_for(other_member)):
        card = post_card(browser.get(thread_page(thread)).get_data(as_text=True), desks_reply.id)
        assert button(card, "helpful") is None and button(card, "me_too") is None
        assert "Helpful 1" in text_of(card) and "Me too" not in text_of(card)
        assert f'href="/reactions/posts/{desks_reply.id}"' in card


def test_no_link_to_who_reacted_while_nobody_has(client, desks_reply, thread):
    card = post_card(client.get(thread_page(thread)).get_data(as_text=True), desks_reply.id)
    assert "/reactions/posts/" not in card and "Helpful" not in text_of(card)


def test_a_members_marks_cost_one_query_and_a_visitors_none(client, page_queries, member, other_member, thread):
    for n in range(6):
        factories.make_post(thread, author=other_member, body=f"Reply {n}: heat helps.")
    visitor_statements = page_queries(thread_page(thread))[1]
    sign_in(client, member)
    response, statements = page_queries(thread_page(thread))

    assert response.status_code == 200
    assert [s for s in visitor_statements if "reactions" in s or "bookmarks" in s] == []
    marks = [s for s in statements if "reactions" in s or "bookmarks" in s]
    assert len(marks) == 1 and "UNION ALL" in marks[0]


def test_three_reactions_are_one_notification_on_the_page(client_for, member, other_member, desks_reply):
    for person in (member, factories.make_member(username="hip_hurts"), factories.make_member(username="foam_roller")):
        press(client_for(person), desks_reply, "helpful", "on")

    page = text_of(client_for(other_member).get("/notifications/").get_data(as_text=True))
    assert page.count("3 people found your") == 1 and page.count("found your") == 1
    assert reload(other_member).unread_notifications == 1


# Who reacted

def test_who_reacted_names_the_people_by_kind(client, client_for, member, desks_reply):
    hip = factories.make_member(username="hip_hurts")
    press(client_for(member), desks_reply, "helpful", "on")
    press(client_for(hip), desks_reply, "helpful", "on")
    press(client_for(hip), desks_reply, "me_too", "on")

    response = client.get(f"/reactions/posts/{desks_reply.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    helpful, me_too = html.split('id="reacted-helpful"')[1].split('id="reacted-me_too"')
    assert "hip_hurts" in helpful and "ana_runner" in helpful
    assert "hip_hurts" in me_too and "ana_runner" not in me_too
    assert f'href="/threads/posts/{desks_reply.id}"' in html


def test_who_reacted_never_names_a_deleted_account(client, client_for, desks_reply):
    from forum.privacy import services as privacy_services

    leaving = factories.make_member(username="leaving_lou")
    press(client_for(leaving), desks_reply, "helpful", "on")
    privacy_services.delete_account(leaving, leaving, True, factories.PASSWORD)

    page = text_of(client.get(f"/reactions/posts/{desks_reply.id}").get_data(as_text=True))
    assert "leaving_lou" not in page and "Former member" not in page
    assert count_of(desks_reply) == 0


def test_who_reacted_is_not_there_for_a_post_one_may_not_read(client, client_for, member, other_member, moderator, category):
    kept = factories.make_thread(author=member, category=category, title="Only for members", replies=1, reply_author=other_member)
    thread_services.set_members_only(member, kept, True)
    reply = factories.posts_of(kept)[1]

    assert client.get(f"/reactions/posts/{reply.id}").status_code == 404
    assert client_for(factories.make_member(username="hip_hurts")).get(f"/reactions/posts/{reply.id}").status_code == 200

    moderation_steps.hide_post(moderator, reply, "Personal details.")
    db.session.commit()
    assert client_for(member).get(f"/reactions/posts/{reply.id}").status_code == 404
    assert client.get("/reactions/posts/999").status_code == 404


def test_a_visitor_cannot_react_in_a_members_only_thread_nor_see_its_buttons(client, member, other_member, category):
    kept = factories.make_thread(author=member, category=category, title="Only for members", replies=1, reply_author=other_member)
    thread_services.set_members_only(member, kept, True)
    reply = factories.posts_of(kept)[1]

    html = client.get(thread_page(kept)).get_data(as_text=True)
    assert "/reactions/posts/" not in html
    assert press(client, reply, "helpful", "on", page="/auth/login").status_code == 302
    assert count_of(reply) == 0
