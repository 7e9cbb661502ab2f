"""Members-only threads: visitors and search engines see the title and a way
in, never the posts; members read as before; the author or a moderator
switches it, and a moderator switching someone else's is audited."""
import json

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from forum.errors import PermissionDenied
from forum.extensions import db
from forum.permissions import can
from forum.threads import queries, services
from forum.threads.models import Thread
from tests import factories
from tests.conftest import form_post, sign_in
from tests.factories import audit_entries, make_moderator, make_suspended, reload, text_of

FIRST_POST = "Sitting at my desk *burns* down the back of my left leg."
REPLY = "Mine eased with a standing desk and short walks."
NOTE = "This thread is for members only. Sign in or register to read it."
NOINDEX = '<meta name="robots" content="noindex">'


def members_only_thread(author, category, title="Desk job and sciatica", replies=0):
    thread = services.start_thread(author, category, title, FIRST_POST, members_only=True)
    for _ in range(replies):
        factories.make_post(thread, body=REPLY)
    return thread


@pytest.fixture
def thread(member, category):
    return members_only_thread(member, category, replies=1)


def url_of(thread, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/threads/{thread.id}/{thread.slug}" + (f"?{query}" if query else "")


# What a visitor sees

def test_a_visitor_sees_the_title_the_category_and_a_way_in_but_no_post(client, thread, category):
    response = client.get(url_of(thread))

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Desk job and sciatica" in html and category.name in html
    assert NOTE in text_of(html)
    assert "/auth/login?next=" in html and "/auth/register" in html
    assert NOINDEX in html
    assert "burns" not in html and "standing desk" not in html
    # No reply box either: there is nothing to reply to.
    assert 'action="/threads/' + str(thread.id) + '/reply"' not in html


def test_a_later_page_shows_a_visitor_the_same(client, category, member):
    thread = members_only_thread(member, category, replies=30)
    response = client.get(url_of(thread, page=2))
    assert response.status_code == 200
    assert NOTE in text_of(response.get_data(as_text=True))
    assert "standing desk" not in response.get_data(as_text=True)


def test_a_post_permalink_leads_a_visitor_to_the_same(client, thread):
    [_, reply] = factories.posts_of(thread)
    response = client.get(f"/threads/posts/{reply.id}", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert NOTE in text_of(html) and "standing desk" not in html and "burns" not in html


def test_a_visitor_page_reads_no_posts(client, page_queries, thread):
    response, statements = page_queries(url_of(thread))
    assert response.status_code == 200
    assert not [s for s in statements if "FROM posts" in s]


# What members see

@pytest.mark.parametrize("reader", ["author", "other member", "suspended member", "moderator"])
def test_members_read_it_as_before_with_a_marker(client, thread, other_member, reader):
    person = {"author": thread.author, "other member": other_member, "suspended member": make_suspended(),
              "moderator": make_moderator()}[reader]
    sign_in(client, person)

    html = client.get(url_of(thread)).get_data(as_text=True)

    assert "burns" in html and "standing desk" in html
    assert '<span class="tag">Members only</span>' in html
    assert NOTE not in text_of(html)
    # Still kept out of search engines, whoever fetched the page.
    assert NOINDEX in html


def test_a_thread_for_everyone_has_no_marker_and_may_be_indexed(client, member, category):
    thread = factories.make_thread(author=member, category=category, body=FIRST_POST)
    html = client.get(url_of(thread)).get_data(as_text=True)
    assert "burns" in html
    assert "Members only" not in html and NOINDEX not in html


def test_a_members_only_page_costs_a_member_what_any_thread_page_does(client, page_queries, category, member, other_member):
    from tests.threads.test_queries_count import THREAD_PAGE_QUERIES

    thread = members_only_thread(member, category, replies=5)
    sign_in(client, factories.make_member(username="quiet_reader"))
    response, statements = page_queries(url_of(thread))
    assert response.status_code == 200
    assert len(statements) == THREAD_PAGE_QUERIES["member"]


# Choosing it when starting a thread

def new_thread(category, **extra):
    return {"category_id": str(category.id), "title": "Sciatica after sitting all day", "body": FIRST_POST, **extra}


def test_the_new_thread_form_offers_the_checkbox(member_client):
    html = member_client.get("/threads/new").get_data(as_text=True)
    assert 'type="checkbox"' in html and 'name="members_only"' in html
    assert "Members only: visitors and search engines see only the title" in html


@pytest.mark.parametrize("ticked, expected", [({"members_only": "y"}, True), ({}, False)])
def test_a_member_chooses_it_when_starting_a_thread(member_client, category, ticked, expected):
    response = form_post(member_client, "/threads/new", new_thread(category, **ticked), page="/threads/new")
    assert response.status_code == 302
    assert db.session.scalar(select(Thread.members_only)) is expected


def test_an_expired_form_keeps_the_choice(app, member_client, category, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", -1)
    response = form_post(member_client, "/threads/new", new_thread(category, members_only="y"), page="/threads/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    # Kept, ticked: sent again, the thread is still for members only.
    assert 'name="members_only" type="checkbox" value="y" checked' in html


# Switching it later

def switch(client, thread, setting):
    return form_post(client, f"/threads/{thread.id}/members-only/{setting}", {}, page=url_of(thread))


def test_the_author_opens_it_to_everyone_and_closes_it_again_unaudited(client, thread):
    sign_in(client, thread.author)
    page = client.get(url_of(thread)).get_data(as_text=True)
    assert "Let everyone read this thread" in page

    assert switch(client, thread, "off").status_code == 302
    assert reload(thread).members_only is False
    assert "Keep this thread for members only" in client.get(url_of(thread)).get_data(as_text=True)
    assert switch(client, thread, "on").status_code == 302
    assert reload(thread).members_only is True
    assert audit_entries("set_members_only") == []


def test_another_member_may_not_switch_it_nor_sees_the_button(client, thread, other_member):
    sign_in(client, other_member)
    assert "Let everyone read this thread" not in client.get(url_of(thread)).get_data(as_text=True)
    assert switch(client, thread, "off").status_code == 403
    assert reload(thread).members_only is True


def test_switching_needs_the_forms_token(client, thread):
    sign_in(client, thread.author)
    assert client.post(f"/threads/{thread.id}/members-only/off").status_code == 400
    assert reload(thread).members_only is True


def test_a_visitor_is_sent_to_sign_in(client, thread):
    response = form_post(client, f"/threads/{thread.id}/members-only/off", {})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert reload(thread).members_only is True


def test_a_moderator_switches_someone_elses_and_it_is_audited(client, category, member):
    thread = factories.make_thread(author=member, category=category, title="Foam rolling for piriformis?")
    moderator = make_moderator(username="mod_kim")
    sign_in(client, moderator)

    assert switch(client, thread, "on").status_code == 302

    assert reload(thread).members_only is True
    [entry] = audit_entries("set_members_only")
    assert (entry.actor_id, entry.target_type, entry.target_id, entry.subject_id) == (moderator.id, "thread", thread.id, member.id)
    snapshot = json.loads(entry.snapshot)
    assert snapshot["members_only"] is True and snapshot["title"] == "Foam rolling for piriformis?"
    [told] = factories.notifications_for(member)
    assert told.kind == "thread_access" and "for members only" in told.body


def test_a_moderator_switching_their_own_is_not_audited(category):
    moderator = make_moderator()
    thread = factories.make_thread(author=moderator, category=category)
    services.set_members_only(moderator, thread, True)
    assert reload(thread).members_only is True and audit_entries() == []


def test_asking_for_what_is_already_so_records_nothing(moderator, thread):
    services.set_members_only(moderator, thread, True)
    assert audit_entries() == []


def test_a_suspended_author_may_not_switch_it(category, member):
    thread = factories.make_thread(author=member, category=category)
    member.suspended_until = make_suspended().suspended_until
    db.session.commit()
    with pytest.raises(PermissionDenied):
        services.set_members_only(member, thread, True)
    assert reload(thread).members_only is False


# The visitor's page on the member's profile

def test_a_profile_shows_a_visitor_only_the_title_of_a_members_only_reply(client, thread, other_member, category):
    factories.make_post(thread, author=other_member, body="Piriformis stretches twice a day did it for me.")
    factories.make_post(factories.make_thread(category=category), author=other_member, body="Walking helps me too.")

    visitor = client.get(f"/members/{other_member.username}").get_data(as_text=True)
    assert "Desk job and sciatica" in visitor and '<span class="tag">Members only</span>' in visitor
    assert "Piriformis stretches" not in visitor and "Walking helps me too." in visitor

    sign_in(client, factories.make_member())
    assert "Piriformis stretches" in client.get(f"/members/{other_member.username}").get_data(as_text=True)


# The one rule for lists offered to visitors (a feed, a sitemap, later)

def test_visible_to_visitors_agrees_with_the_permission(member, category):
    open_thread = factories.make_thread(author=member, category=category)
    closed = members_only_thread(member, category)
    shown = db.session.scalars(queries.visible_to_visitors(select(Thread))).all()
    visitor = AnonymousUserMixin()
    assert shown == [open_thread]
    assert [t for t in (open_thread, closed) if can(visitor, "read_thread", t)] == shown
