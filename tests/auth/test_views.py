import re
from html import escape, unescape

import pytest
from sqlalchemy import select

from forum.accounts.models import User
from forum.extensions import db
from tests.conftest import csrf_token_from, form_post
from tests.factories import PASSWORD

GOOD_SIGNUP = {
    "username": "sore_hip",
    "email": "sore.hip@example.org",
    "password": "tennis ball under the glute",
    "accept": "y",
}


def register_with(client, **changes):
    data = {**GOOD_SIGNUP, **changes}
    data = {name: value for name, value in data.items() if value is not None}
    return form_post(client, "/auth/register", data, page="/auth/register")


def field_error(html, field):
    """The error message shown beside one form field, or None."""
    match = re.search(rf'<p class="error-message" id="{field}-error">(.*?)</p>', html, re.S)
    return match and unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Error:", "").strip()


def stored(username):
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


def signed_in_as(client):
    html = client.get("/").get_data(as_text=True)
    match = re.search(r'<a href="/members/([^"]+)">', html)
    return match and match.group(1)


# Joining

def test_a_visitor_sees_the_registration_form(client):
    html = client.get("/auth/register").get_data(as_text=True)
    for name in ("username", "email", "password", "accept"):
        assert f'name="{name}"' in html
    assert 'href="/pages/guidelines"' in html and 'href="/disclaimer/"' in html


def test_joining_sends_a_confirmation_link_and_records_acceptance(client):
    # Nobody is signed in yet: the page answers the same whether or not the
    # address had an account (tests/auth/test_registration.py).
    response = register_with(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/check-your-inbox"
    assert signed_in_as(client) is None
    user = stored("sore_hip")
    assert user.email_confirmed_at is None
    assert user.guidelines_accepted_at is not None
    assert user.disclaimer_accepted_at is not None
    assert GOOD_SIGNUP["password"] not in user.password_hash


@pytest.mark.parametrize("username,message", [
    ("ab", "Use 3 to 30 characters."),
    ("a" * 31, "Use 3 to 30 characters."),
    ("sore hip", "Use only letters, digits, and _ - ."),
    ("sore<hip>", "Use only letters, digits, and _ - ."),
])
def test_a_bad_username_is_refused_beside_the_field_with_the_form_refilled(client, username, message):
    response = register_with(client, username=username)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "username") == message
    assert 'value="sore.hip@example.org"' in html
    assert f'value="{escape(username)}"' in html
    assert GOOD_SIGNUP["password"] not in html
    assert stored(username) is None


def test_a_username_taken_in_another_case_is_refused(client, member):
    response = register_with(client, username="Ana_Runner")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "username") == "That username is taken. Try another."
    assert GOOD_SIGNUP["password"] not in html
    assert stored("ana_runner").email == "ana_runner@example.org"


def test_an_email_already_used_in_another_case_makes_no_account_and_says_nothing(client, member):
    response = register_with(client, email="ANA_RUNNER@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/check-your-inbox"
    assert stored("sore_hip") is None


@pytest.mark.parametrize("password,message", [
    ("rainy4hip", "Use at least 10 characters."),
    ("password123", "That password is one of the most common ones; choose something less guessable."),
    ("qwertyuiop", "That password is one of the most common ones; choose something less guessable."),
    ("1234567890", "That password is one of the most common ones; choose something less guessable."),
])
def test_a_weak_password_is_refused_beside_the_field_and_not_echoed(client, password, message):
    response = register_with(client, password=password)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "password") == message
    assert f'value="{password}"' not in html
    assert 'value="sore_hip"' in html
    assert stored("sore_hip") is None


def test_joining_without_ticking_the_accept_box_is_refused(client):
    response = register_with(client, accept=None)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "accept") == "Please read and accept the guidelines and disclaimer."
    assert stored("sore_hip") is None


def test_joining_without_a_csrf_token_is_refused(client):
    response = client.post("/auth/register", data=GOOD_SIGNUP)
    assert response.status_code == 400
    assert stored("sore_hip") is None


# Signing in

@pytest.mark.parametrize("login", ["ana_runner", "ANA_RUNNER", "ana_runner@example.org", "Ana_Runner@EXAMPLE.org"])
def test_a_member_signs_in_by_username_or_email_in_any_case(client, member, login):
    response = form_post(client, "/auth/login", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_as(client) == "ana_runner"


def set_cookies(response):
    return " ".join(response.headers.getlist("Set-Cookie"))


def test_keep_me_signed_in_sets_a_remember_cookie(client, member):
    response = form_post(client, "/auth/login", {"login": "ana_runner", "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302
    remember = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember=")]
    assert len(remember) == 1
    assert "HttpOnly" in remember[0]
    assert "Expires=" in remember[0]


def test_without_keep_me_signed_in_there_is_no_remember_cookie(client, member):
    response = form_post(client, "/auth/login", {"login": "ana_runner", "password": PASSWORD})
    assert response.status_code == 302
    assert "session=" in set_cookies(response)
    assert "remember=" not in set_cookies(response)


def test_a_wrong_password_and_an_unknown_account_look_the_same(client, member):
    wrong = form_post(client, "/auth/login", {"login": "ana_runner", "password": "not my password at all"})
    unknown = form_post(client, "/auth/login", {"login": "no_such_member", "password": "not my password at all"})
    assert wrong.status_code == unknown.status_code == 422
    wrong_message = field_error(wrong.get_data(as_text=True), "password")
    assert wrong_message == "That username or email and password don't match. Check them and try again."
    assert field_error(unknown.get_data(as_text=True), "password") == wrong_message
    assert field_error(unknown.get_data(as_text=True), "login") is None
    assert "not my password at all" not in wrong.get_data(as_text=True)
    assert signed_in_as(client) is None


# Signing out

def test_signing_out_by_get_is_not_allowed(member_client):
    assert member_client.get("/auth/logout").status_code == 405
    assert signed_in_as(member_client) == "ana_runner"


def test_signing_out_without_a_csrf_token_is_refused(member_client):
    assert member_client.post("/auth/logout").status_code == 400
    assert signed_in_as(member_client) == "ana_runner"


def test_signing_out_with_the_button_signs_the_member_out(member_client):
    response = form_post(member_client, "/auth/logout", {}, page="/")
    assert response.status_code == 302
    assert signed_in_as(member_client) is None


# Where signing in leads

def sign_in_with_next(client, target):
    html = client.get("/auth/login", query_string={"next": target}).get_data(as_text=True)
    return client.post("/auth/login", data={
        "login": "ana_runner", "password": PASSWORD, "next": target, "csrf_token": csrf_token_from(html),
    })


def test_signing_in_returns_to_a_page_on_this_site(client, member):
    response = sign_in_with_next(client, "/threads/1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/threads/1"


@pytest.mark.parametrize("target", [
    "https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/\t/evil.example",
])
def test_signing_in_ignores_a_next_that_leaves_the_site(client, member, target):
    response = sign_in_with_next(client, target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_a_page_that_needs_an_account_sends_a_visitor_to_sign_in_and_back(client, member):
    response = client.get("/threads/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/threads/new"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/threads/new"' in html
    signed = client.post("/auth/login", data={
        "login": "ana_runner", "password": PASSWORD, "next": "/threads/new", "csrf_token": csrf_token_from(html),
    })
    assert signed.headers["Location"] == "/threads/new"


def test_a_signed_in_member_visiting_join_goes_home(member_client):
    response = member_client.get("/auth/register")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# Too many attempts

def test_repeated_failed_sign_ins_from_one_address_are_slowed_down(app_with_config, member):
    limited = app_with_config(RATELIMIT_ENABLED=True)
    client = limited.test_client()
    statuses = []
    for n in range(25):
        # A new name with no account each time: the per-account limit stays out of it.
        response = form_post(client, "/auth/login", {"login": f"nobody_at_all_{n}", "password": "guessing again 123"})
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[0] == 422
    assert statuses[-1] == 429
    html = response.get_data(as_text=True)
    assert "Please slow down" in html
    assert "Wait a minute and try again." in html
    assert "Traceback" not in html

    elsewhere = limited.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert form_post(elsewhere, "/auth/login", {"login": "ana_runner", "password": PASSWORD}).status_code == 302
