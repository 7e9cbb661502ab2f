"""Confirming the address: a signed link, a page with a button, and a clear
answer for a link that can't be used."""
from datetime import timedelta

from sqlalchemy import select

from forum.accounts.models import User
from forum.auth.tokens import make_token
from forum.extensions import db
from forum.mail.models import OutgoingEmail
from tests.conftest import form_post, sign_in
from tests.factories import make_member, reload
from tests.mail_helpers import sent_emails

from .links import clock_moved, newest_link, press_button

SIGNUP = {"username": "sore_hip", "email": "sore.hip@example.org", "password": "tennis ball under the glute", "accept": "y"}


def join(client):
    form_post(client, "/auth/register", SIGNUP, page="/auth/register")
    return db.session.scalar(select(User).where(User.username == "sore_hip"))


def confirmed(member):
    return reload(member).email_confirmed_at is not None


def test_following_the_link_and_pressing_the_button_confirms_and_signs_in(client, app):
    member = join(client)
    response = press_button(client, newest_link(app))
    assert response.status_code == 302
    assert confirmed(member)
    home = client.get("/").get_data(as_text=True)
    assert "Thank you: your address is confirmed" in home and "Sign out" in home


def test_opening_the_link_changes_nothing(client, app):
    # Mail scanners open links; only the button confirms.
    member = join(client)
    page = client.get(newest_link(app))
    assert page.status_code == 200
    assert "Confirm my address" in page.get_data(as_text=True)
    assert not confirmed(member)
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_a_used_link_gets_a_clear_page(client, app):
    join(client)
    link = newest_link(app)
    press_button(client, link)
    response = app.test_client().get(link)
    assert response.status_code == 410
    assert "already been used" in response.get_data(as_text=True)


def test_an_expired_link_gets_a_clear_page_and_confirms_nothing(app, monkeypatch):
    member = make_member(username="late_reader", confirmed=False)
    with clock_moved(monkeypatch, -int(timedelta(days=7, minutes=1).total_seconds())):
        token = make_token("confirm_email", member)
    client = app.test_client()
    response = client.get(f"/auth/confirm/{token}")
    assert response.status_code == 410
    assert "has expired" in response.get_data(as_text=True)
    assert "Ask for a new link" in response.get_data(as_text=True)
    response = form_post(client, f"/auth/confirm/{token}", {}, page="/auth/login")
    assert response.status_code == 410
    assert not confirmed(member)


def test_a_link_six_days_old_still_works(app, monkeypatch):
    member = make_member(username="slow_reader", confirmed=False)
    with clock_moved(monkeypatch, -int(timedelta(days=6).total_seconds())):
        token = make_token("confirm_email", member)
    assert press_button(app.test_client(), f"/auth/confirm/{token}").status_code == 302
    assert confirmed(member)


def test_a_tampered_link_is_refused(client, app):
    member = join(client)
    link = newest_link(app)
    for bad in (link[:-2] + ("AA" if not link.endswith("AA") else "BB"), "/auth/confirm/not-a-token"):
        response = client.get(bad)
        assert response.status_code == 400
        assert "isn't complete" in response.get_data(as_text=True)
    assert not confirmed(member)


def test_a_token_made_for_another_purpose_is_refused(app):
    member = make_member(username="mixed_up", confirmed=False)
    token = make_token("reset_password", member)
    assert app.test_client().get(f"/auth/confirm/{token}").status_code == 400
    assert not confirmed(member)


def test_one_members_link_confirms_only_that_member(app):
    ana = make_member(username="ana_unconfirmed", confirmed=False)
    ben = make_member(username="ben_unconfirmed", confirmed=False)
    press_button(app.test_client(), f"/auth/confirm/{make_token('confirm_email', ana)}")
    assert confirmed(ana) and not confirmed(ben)


def test_an_unconfirmed_member_sees_a_notice_on_settings_pages_only(app, client):
    member = make_member(username="not_yet", confirmed=False)
    sign_in(client, member)
    for page in ("/settings/", "/settings/account"):
        html = client.get(page).get_data(as_text=True)
        assert "Please confirm your email address" in html and "Send the link again" in html
    assert "Please confirm your email address" not in client.get("/").get_data(as_text=True)


def test_a_confirmed_member_sees_no_notice(member_client):
    assert "Please confirm your email address" not in member_client.get("/settings/account").get_data(as_text=True)


def test_sending_the_link_again(app, client):
    member = make_member(username="lost_it", confirmed=False)
    sign_in(client, member)
    response = form_post(client, "/auth/confirmation/send-again", {}, page="/settings/account")
    assert response.status_code == 302
    assert "sent a new link to lost_it@example.org" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert press_button(client, newest_link(app, to="lost_it@example.org")).status_code == 302
    assert confirmed(member)


def test_a_confirmed_member_is_sent_nothing_again(app, member_client):
    form_post(member_client, "/auth/confirmation/send-again", {}, page="/settings/account")
    assert sent_emails(app) == []


def test_sending_the_link_again_needs_a_member(client):
    response = form_post(client, "/auth/confirmation/send-again", {}, page="/auth/login")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_sending_the_link_again_is_rate_limited(app_with_config):
    limited = app_with_config(RATELIMIT_ENABLED=True)
    with limited.app_context():
        member = make_member(username="impatient", confirmed=False)
        client = limited.test_client()
        sign_in(client, member)
        statuses = [form_post(client, "/auth/confirmation/send-again", {}, page="/settings/account").status_code
                    for _ in range(4)]
        assert statuses == [302, 302, 302, 429]
        assert db.session.query(OutgoingEmail).count() == 3
