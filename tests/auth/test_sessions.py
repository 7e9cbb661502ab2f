"""Signing in and out starts a fresh session: nothing from before carries over."""
import hashlib
from datetime import timedelta

from sqlalchemy import select

from forum.accounts.security_models import MemberSession
from forum.auth.sessions import end_sessions
from forum.extensions import db
from forum.timeutil import utcnow
from tests.conftest import csrf_token_from, form_post, sign_in
from tests.auth.test_views import signed_in_as
from tests.factories import make_session, reload
from tests.mail_helpers import last_email, links_in, path_of
from tests.factories import PASSWORD, make_suspended, text_of


def token_on(client, url="/auth/login"):
    return csrf_token_from(client.get(url).get_data(as_text=True))


def mark_read_with(client, token):
    """A harmless change that needs a signed-in member and a valid token."""
    return client.post("/notifications/read", data={"csrf_token": token})


def test_a_token_from_before_signing_in_is_no_good_after(client, member):
    # Someone who saw (or planted) the visitor's session before sign-in
    # must not be able to post as the member with its token.
    before = token_on(client)
    response = client.post("/auth/login", data={"login": member.username, "password": PASSWORD, "csrf_token": before})
    assert response.status_code == 302

    assert mark_read_with(client, before).status_code == 400
    assert mark_read_with(client, token_on(client, "/notifications/")).status_code == 302


def test_a_token_from_before_confirming_is_no_good_after(client):
    # Confirming the address signs the newcomer in.
    before = token_on(client, "/auth/register")
    response = client.post("/auth/register", data={
        "username": "sore_hip", "email": "sore.hip@example.org", "password": "tennis ball under the glute",
        "accept": "y", "csrf_token": before,
    })
    assert response.status_code == 302
    confirm = path_of(links_in(last_email(client.application))[0])
    before = token_on(client, confirm)
    assert client.post(confirm, data={"csrf_token": before}).status_code == 302

    assert mark_read_with(client, before).status_code == 400
    assert mark_read_with(client, token_on(client, "/notifications/")).status_code == 302


def test_a_token_from_a_signed_in_session_is_no_good_after_signing_out(client, member):
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD})
    signed_in_token = token_on(client, "/notifications/")
    assert client.post("/auth/logout", data={"csrf_token": signed_in_token}).status_code == 302

    # The next person at a shared computer signs in; the old page's token stays dead.
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD})
    assert mark_read_with(client, signed_in_token).status_code == 400


def test_signing_out_deletes_the_keep_me_signed_in_cookie(client, member):
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD, "remember": "y"})
    response = form_post(client, "/auth/logout", {}, page="/")

    cleared = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember=")]
    assert len(cleared) == 1
    assert "Max-Age=0" in cleared[0]
    assert client.get_cookie("remember") is None
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_messages_flashed_on_signing_in_and_out_survive_the_fresh_session(client):
    suspended = make_suspended(username="cross_words", reason="Calm down for a few days.")
    signed_in = form_post(client, "/auth/login", {"login": suspended.username, "password": PASSWORD}, follow_redirects=True)
    assert "Calm down for a few days." in text_of(signed_in.get_data(as_text=True))
    signed_out = form_post(client, "/auth/logout", {}, page="/", follow_redirects=True)
    assert "You're signed out." in text_of(signed_out.get_data(as_text=True))


# Server-side sessions: ending one ends it wherever its cookie was copied.

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def sessions_of(member):
    db.session.expire_all()
    return db.session.scalars(select(MemberSession).where(MemberSession.member_id == member.id).order_by(MemberSession.id)).all()


def test_a_session_cookie_copied_before_signing_out_is_no_good_after(app, client, member):
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD})
    copied = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert signed_in_as(thief) == "ana_runner"

    form_post(client, "/auth/logout", {}, page="/")
    assert signed_in_as(client) is None
    assert signed_in_as(thief) is None
    [row] = sessions_of(member)
    assert row.ended_at is not None


def test_signing_in_records_the_browser_and_stores_only_a_hash(client, member):
    client.environ_base["HTTP_USER_AGENT"] = FIREFOX + " " + "x" * 300
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD})
    [row] = sessions_of(member)
    assert row.user_agent == (FIREFOX + " " + "x" * 300)[:200]
    assert row.ended_at is None and row.remember_selector is None
    with client.session_transaction() as flask_session:
        token = flask_session["sid"]
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() != token


def test_a_page_loads_the_member_and_their_session_in_one_query(client, member, count_queries):
    sign_in(client, member)
    with count_queries() as q:
        client.get("/")
    touching = [s for s in q.statements if "member_sessions" in s]
    assert len(touching) == 1 and "users" in touching[0]


def test_last_active_is_written_at_most_once_an_hour(client, member, count_queries):
    sign_in(client, member)
    [row] = sessions_of(member)
    with count_queries() as q:
        client.get("/")
    assert not [s for s in q.statements if s.startswith("UPDATE member_sessions")]

    row.last_seen_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    client.get("/")
    assert utcnow() - reload(row).last_seen_at < timedelta(minutes=1)


def test_a_session_of_a_deleted_account_is_nobody(client, member):
    sign_in(client, member)
    member.deleted_at = utcnow()
    db.session.commit()
    assert signed_in_as(client) is None


def test_ending_sessions_keeps_only_the_one_asked_for(member, other_member):
    keep, other = make_session(member), make_session(member)
    remembered = make_session(member, remember=True)
    elsewhere = make_session(other_member)
    assert end_sessions(member, keep=keep.id) == 2
    db.session.commit()
    assert reload(keep).ended_at is None and reload(elsewhere).ended_at is None
    for row in (reload(other), reload(remembered)):
        assert row.ended_at is not None and row.remember_selector is None and row.remember_hash is None
