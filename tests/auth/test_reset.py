"""A forgotten password: the answer never says whether an address is
registered; the link is signed, single use and expires in an hour."""
import re
from datetime import timedelta

from forum.accounts.passwords import verify_password
from forum.auth.tokens import make_token
from forum.extensions import db
from forum.timeutil import utcnow
from tests.conftest import form_post, sign_in
from tests.factories import PASSWORD, make_member, reload, text_of
from tests.mail_helpers import last_email, sent_emails

from .links import clock_moved, newest_link, press_button

NEW_PASSWORD = "foam roller every evening"


def ask_for_link(client, address):
    return form_post(client, "/auth/forgot-password", {"email": address}, page="/auth/forgot-password")


def main_text(html):
    return text_of(re.search(r"<main.*?</main>", html, re.S).group(0))


def choose(client, link, password=NEW_PASSWORD, again=None):
    return press_button(client, link, {"password": password, "confirm": again or password})


def test_known_and_unknown_addresses_get_the_same_answer(app, member):
    answers = []
    for address in ("ana_runner@example.org", "nobody.here@example.org"):
        client = app.test_client()
        response = ask_for_link(client, address)
        page = client.get(response.headers["Location"])
        answers.append((response.status_code, response.headers["Location"], page.status_code,
                        main_text(page.get_data(as_text=True))))
    assert answers[0] == answers[1]
    assert "If an account uses that address, we've sent a link to it." in answers[0][3]
    assert [e["To"] for e in sent_emails(app)] == ["ana_runner@example.org"]


def test_the_reset_flow_changes_the_password_and_signs_in(client, app, member):
    ask_for_link(client, "Ana_Runner@Example.org")
    assert last_email(app)["Subject"] == "Reset your password"
    response = choose(client, newest_link(app))
    assert response.status_code == 302
    assert "Sign out" in client.get("/").get_data(as_text=True)
    assert verify_password(reload(member).password_hash, NEW_PASSWORD)
    assert last_email(app)["Subject"] == "Your password was changed"


def test_a_reset_ends_every_session_of_the_member(app, client, member):
    elsewhere = sign_in(app.test_client(), member)
    assert "Sign out" in elsewhere.get("/").get_data(as_text=True)
    ask_for_link(client, member.email)
    choose(client, newest_link(app))
    assert "Sign out" not in elsewhere.get("/").get_data(as_text=True)


def test_a_reset_lifts_a_sign_in_lock(client, app, member):
    member.sign_in_failures, member.sign_in_locked_until = 12, utcnow() + timedelta(hours=1)
    db.session.commit()
    ask_for_link(client, member.email)
    choose(client, newest_link(app))
    member = reload(member)
    assert (member.sign_in_failures, member.sign_in_locked_until) == (0, None)


def test_a_reset_link_works_once(client, app, member):
    ask_for_link(client, member.email)
    link = newest_link(app)
    choose(client, link)
    response = app.test_client().get(link)
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "already been used" in html and 'href="/auth/forgot-password"' in html


def test_an_older_link_stops_working_once_the_password_changes(client, app, member):
    ask_for_link(client, member.email)
    first = newest_link(app)
    ask_for_link(client, member.email)
    choose(client, newest_link(app))
    assert app.test_client().get(first).status_code == 410


def test_a_link_older_than_an_hour_has_expired(app, member, monkeypatch):
    with clock_moved(monkeypatch, -3660):
        token = make_token("reset_password", member)
    client = app.test_client()
    response = client.get(f"/auth/reset-password/{token}")
    assert response.status_code == 410
    assert "has expired" in response.get_data(as_text=True)
    response = form_post(client, f"/auth/reset-password/{token}", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 410
    assert verify_password(reload(member).password_hash, PASSWORD)


def test_a_tampered_link_is_refused(app, member):
    token = make_token("reset_password", member)
    client = app.test_client()
    response = client.get(f"/auth/reset-password/{token[:-3]}xyz")
    assert response.status_code == 400
    assert verify_password(reload(member).password_hash, PASSWORD)


def test_a_link_for_one_member_resets_only_that_member(app, member, other_member):
    choose(app.test_client(), f"/auth/reset-password/{make_token('reset_password', other_member)}")
    assert verify_password(reload(member).password_hash, PASSWORD)
    assert verify_password(reload(other_member).password_hash, NEW_PASSWORD)


def test_a_confirmation_link_is_not_a_reset_link(app, member):
    token = make_token("confirm_email", member)
    assert app.test_client().get(f"/auth/reset-password/{token}").status_code == 400


def test_a_weak_new_password_is_refused_beside_the_field(client, app, member):
    ask_for_link(client, member.email)
    response = choose(client, newest_link(app), password="password123")
    assert response.status_code == 422
    assert "one of the most common ones" in response.get_data(as_text=True)
    assert verify_password(reload(member).password_hash, PASSWORD)


def test_the_two_passwords_must_match(client, app, member):
    ask_for_link(client, member.email)
    response = choose(client, newest_link(app), again="something else entirely")
    assert response.status_code == 422
    assert "The two passwords don&#39;t match." in response.get_data(as_text=True)


def test_no_more_than_three_reset_emails_an_hour_per_account(client, app, member):
    for _ in range(5):
        assert ask_for_link(client, member.email).status_code == 302
    assert len(sent_emails(app)) == 3


def test_the_forgot_form_is_rate_limited_per_address(app_with_config):
    limited = app_with_config(RATELIMIT_ENABLED=True)
    with limited.app_context():
        make_member(username="targeted")
        statuses = []
        for _ in range(6):
            # A new browser each time, as from many addresses: the address asked about is the key.
            statuses.append(ask_for_link(limited.test_client(), "targeted@example.org").status_code)
        assert statuses == [302] * 5 + [429]


def test_a_deleted_account_is_sent_nothing(client, app):
    gone = make_member(username="gone_now")
    gone.deleted_at = utcnow()
    db.session.commit()
    ask_for_link(client, "gone_now@example.org")
    assert sent_emails(app) == []
