"""Joining: the page never tells anyone whether an address has an account."""
import re

import pytest
from sqlalchemy import func, select

from forum.accounts import passwords
from forum.accounts.models import User
from forum.extensions import db
from forum.mail.models import OutgoingEmail
from tests.conftest import form_post
from tests.factories import text_of
from tests.mail_helpers import last_email, links_in, path_of, sent_emails
from tests.mail_helpers import text_of as email_text

SIGNUP = {"username": "sore_hip", "email": "sore.hip@example.org", "password": "tennis ball under the glute", "accept": "y"}


def join(client, **changes):
    return form_post(client, "/auth/register", {**SIGNUP, **changes}, page="/auth/register")


def members():
    return db.session.scalar(select(func.count(User.id)))


def main_text(html):
    """What the page says, without the parts that differ on every page
    (the CSRF token of the sign-in form, say)."""
    return text_of(re.search(r"<main.*?</main>", html, re.S).group(0))


@pytest.fixture
def hashes(monkeypatch):
    """Counts the passwords hashed, however the service reaches the hash."""
    calls = []
    real = passwords.generate_password_hash

    def counting(password, **kwargs):
        calls.append(1)
        return real(password, **kwargs)

    monkeypatch.setattr(passwords, "generate_password_hash", counting)
    return calls


def test_a_new_address_gets_an_unconfirmed_account_and_a_confirmation_link(client, app):
    response = join(client)
    assert response.status_code == 302 and response.headers["Location"] == "/auth/check-your-inbox"
    user = db.session.scalar(select(User).where(User.username == "sore_hip"))
    assert user.email_confirmed_at is None
    email = last_email(app)
    assert email["To"] == "sore.hip@example.org"
    assert email["Subject"] == "Confirm your email address"
    assert links_in(email)[0].startswith("http://forum.test/auth/confirm/")
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_a_taken_address_creates_nothing_and_tells_its_owner(client, app, member):
    before = members()
    response = join(client, email="ANA_RUNNER@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/auth/check-your-inbox"
    assert members() == before
    email = last_email(app)
    assert email["To"] == "ana_runner@example.org"
    assert email["Subject"] == "Someone tried to register with your address"
    assert "no new account was made" in email_text(email)
    # With a way back in, in case it was them.
    assert links_in(email)[0].startswith("http://forum.test/auth/reset-password/")
    assert client.get(path_of(links_in(email)[0])).status_code == 200
    # The attempted password is never stored or sent anywhere.
    assert SIGNUP["password"] not in email_text(email)


def test_known_and_unknown_addresses_get_the_same_answer(app, member):
    answers = []
    for address in ("ana_runner@example.org", "nobody.here@example.org"):
        client = app.test_client()
        response = join(client, username=f"joiner{len(answers)}", email=address)
        page = client.get(response.headers["Location"])
        answers.append((response.status_code, response.headers["Location"], page.status_code,
                        main_text(page.get_data(as_text=True))))
    assert answers[0] == answers[1]
    assert "Check your inbox" in answers[0][3]


def test_known_and_unknown_addresses_both_hash_the_password_once(app, member, hashes):
    # The same work both ways, so the time taken says nothing either.
    join(app.test_client(), username="joiner_a", email="ana_runner@example.org")
    known = len(hashes)
    join(app.test_client(), username="joiner_b", email="nobody.here@example.org")
    assert known == 1
    assert len(hashes) - known == 1


def test_each_attempt_sends_exactly_one_email(client, app, member):
    join(client, email="ana_runner@example.org")
    join(client, username="someone_else", email="new.person@example.org")
    assert [e["To"] for e in sent_emails(app)] == ["ana_runner@example.org", "new.person@example.org"]
    kinds = db.session.scalars(select(OutgoingEmail.kind).order_by(OutgoingEmail.id)).all()
    assert kinds == ["register_attempt", "confirm_email"]


def test_a_taken_username_is_still_said(client, app, member):
    response = join(client, username="Ana_Runner")
    assert response.status_code == 422
    assert "That username is taken. Try another." in response.get_data(as_text=True)
    assert sent_emails(app) == []


def test_a_weak_password_is_refused_whether_or_not_the_address_is_known(app, member):
    for address in ("ana_runner@example.org", "nobody.here@example.org"):
        response = join(app.test_client(), email=address, password="password123")
        assert response.status_code == 422
        assert f'value="{address}"' in response.get_data(as_text=True)
    assert sent_emails(app) == []


def test_the_check_your_inbox_page_signs_nobody_in(client):
    response = client.get("/auth/check-your-inbox")
    assert response.status_code == 200
    assert "Sign out" not in response.get_data(as_text=True)


def test_without_a_mail_server_the_page_says_where_the_email_was_saved(client, app, app_with_config):
    # The demo forum writes emails to files: a newcomer trying it must find the link.
    assert app.config["MAIL_OUTBOX"] in client.get("/auth/check-your-inbox").get_data(as_text=True)
    assert app.config["MAIL_OUTBOX"] in client.get("/auth/forgot-password/sent").get_data(as_text=True)
    live = app_with_config(FORUM_ENV="production", MAIL_TRANSPORT="smtp", MAIL_HOST="smtp.example.org")
    page = live.test_client().get("/auth/check-your-inbox").get_data(as_text=True)
    assert "without a mail server" not in page and live.config["MAIL_OUTBOX"] not in page


def test_an_unconfirmed_member_can_sign_in_and_post(client, app, category):
    join(client)
    response = form_post(client, "/auth/login", {"login": "sore_hip", "password": SIGNUP["password"]})
    assert response.status_code == 302
    response = form_post(client, "/threads/new", {"category_id": category.id, "title": "Sitting makes it worse",
                                                  "body": "Since March, mostly the left side."}, page="/threads/new")
    assert response.status_code == 302
