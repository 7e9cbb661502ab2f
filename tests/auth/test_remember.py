"""Keep me signed in: a random token, stored hashed, that expires and is
replaced each time it is used; a replayed old one ends the session."""
import hashlib
from datetime import timedelta

from sqlalchemy import select

from forum.accounts.security_models import MemberSession
from forum.auth.sessions import ROTATION_GRACE
from forum.extensions import db
from forum.timeutil import utcnow
from tests.auth.test_views import signed_in_as
from tests.conftest import form_post
from tests.factories import PASSWORD


def remember_me(client, member):
    response = form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302
    return client.get_cookie("remember").value


def the_session(member):
    db.session.expire_all()
    return db.session.scalar(select(MemberSession).where(MemberSession.member_id == member.id))


def browser_with(app, cookie):
    """A browser that was closed: no session cookie, only the remember-me one."""
    browser = app.test_client()
    browser.set_cookie("remember", cookie)
    return browser


def test_the_cookie_is_random_and_only_its_hash_is_stored(app, member):
    first = remember_me(app.test_client(), member)
    second = remember_me(app.test_client(), member)
    assert first != second
    selector, validator = first.split(":")
    row = db.session.scalar(select(MemberSession).where(MemberSession.remember_selector == selector))
    assert row.remember_hash == hashlib.sha256(validator.encode()).hexdigest()
    assert timedelta(days=29) < row.remember_expires_at - utcnow() <= timedelta(days=30)


def test_the_cookie_is_httponly_lax_and_lasts_thirty_days(client, member):
    response = form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD, "remember": "y"})
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and f"Max-Age={30 * 86400}" in cookie
    assert "Secure" not in cookie  # plain http in the tests; FORUM_HTTPS adds it (tests/test_config.py)


def test_flask_logins_own_never_changing_cookie_is_not_used(client, member):
    remember_me(client, member)
    assert client.get_cookie("remember_token") is None


def test_a_closed_browser_comes_back_signed_in_and_the_cookie_is_replaced(app, member):
    old = remember_me(app.test_client(), member)
    browser = browser_with(app, old)
    assert signed_in_as(browser) == "ana_runner"
    new = browser.get_cookie("remember").value
    assert new != old and new.split(":")[0] == old.split(":")[0]
    # The browser now has a session of its own: the next page needs no cookie swap.
    assert signed_in_as(browser) == "ana_runner"
    assert browser.get_cookie("remember").value == new
    row = the_session(member)
    assert row.previous_remember_hash == hashlib.sha256(old.split(":")[1].encode()).hexdigest()


def test_two_requests_sent_at_once_with_the_old_cookie_both_stay_signed_in(app, member):
    old = remember_me(app.test_client(), member)
    assert signed_in_as(browser_with(app, old)) == "ana_runner"
    # The second request left before the first one's answer arrived.
    assert signed_in_as(browser_with(app, old)) == "ana_runner"
    assert the_session(member).ended_at is None


def test_an_old_cookie_replayed_after_the_grace_minute_ends_the_session(app, member):
    old = remember_me(app.test_client(), member)
    owner = browser_with(app, old)
    assert signed_in_as(owner) == "ana_runner"
    row = the_session(member)
    row.remember_rotated_at = utcnow() - ROTATION_GRACE - timedelta(seconds=1)
    db.session.commit()

    thief = browser_with(app, old)
    assert signed_in_as(thief) is None
    assert thief.get_cookie("remember") is None
    assert the_session(member).ended_at is not None
    # The owner's copy is ended too: whoever holds the cookie must sign in again.
    assert signed_in_as(owner) is None


def test_a_tampered_validator_ends_the_session(app, member):
    selector, _ = remember_me(app.test_client(), member).split(":")
    assert signed_in_as(browser_with(app, f"{selector}:made-up")) is None
    assert the_session(member).ended_at is not None


def test_an_expired_cookie_is_ignored_and_deleted(app, member):
    cookie = remember_me(app.test_client(), member)
    row = the_session(member)
    row.remember_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    browser = browser_with(app, cookie)
    assert signed_in_as(browser) is None
    assert browser.get_cookie("remember") is None


def test_an_unknown_cookie_is_ignored_and_deleted(app, member):
    browser = browser_with(app, "no-such-selector:whatever")
    assert signed_in_as(browser) is None
    assert browser.get_cookie("remember") is None


def test_signing_out_ends_the_remember_me_token_too(app, client, member):
    cookie = remember_me(client, member)
    form_post(client, "/auth/logout", {}, page="/")
    assert signed_in_as(browser_with(app, cookie)) is None
    row = the_session(member)
    assert row.ended_at is not None and row.remember_selector is None


def test_a_remembered_session_is_not_fresh(app, member):
    # Flask-Login's "fresh" marks a session signed in with a password just now.
    browser = browser_with(app, remember_me(app.test_client(), member))
    browser.get("/")
    with browser.session_transaction() as flask_session:
        assert flask_session["_fresh"] is False
