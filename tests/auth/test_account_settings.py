"""Settings > Password and email: changing either, as a member does it."""
from sqlalchemy import select

from forum.accounts.models import User
from forum.accounts.passwords import verify_password
from forum.auth.tokens import make_token
from forum.extensions import db
from tests.conftest import form_post, sign_in
from tests.factories import PASSWORD, make_member, reload
from tests.mail_helpers import last_email, sent_emails, text_of

from .links import clock_moved, newest_link, press_button

NEW_PASSWORD = "heat pad and gentle walks"


def change_password(client, current=PASSWORD, new=NEW_PASSWORD):
    return form_post(client, "/settings/account/password", {"current_password": current, "new_password": new},
                     page="/settings/account")


def change_email(client, address, password=PASSWORD):
    return form_post(client, "/settings/account/email", {"email": address, "password": password},
                     page="/settings/account")


def test_the_page_shows_the_address_and_whether_it_is_confirmed(client):
    member = make_member(username="unsure", confirmed=False)
    sign_in(client, member)
    html = client.get("/settings/account").get_data(as_text=True)
    assert "unsure@example.org" in html and "not confirmed yet" in html
    assert "<h2 id=\"password-heading\">Change your password</h2>" in html


def test_the_page_needs_a_member(client):
    response = client.get("/settings/account")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


# Changing the password

def test_changing_the_password(member_client, app, member):
    response = change_password(member_client)
    assert response.status_code == 302
    assert verify_password(reload(member).password_hash, NEW_PASSWORD)
    email = last_email(app)
    assert (email["To"], email["Subject"]) == ("ana_runner@example.org", "Your password was changed")
    assert "Every other device" in member_client.get("/settings/account").get_data(as_text=True)


def test_changing_the_password_signs_out_every_other_device_but_this_one(app, member_client, member):
    elsewhere = sign_in(app.test_client(), member)
    change_password(member_client)
    assert "Sign out" not in elsewhere.get("/").get_data(as_text=True)
    assert "Sign out" in member_client.get("/").get_data(as_text=True)


def test_a_wrong_current_password_is_refused_beside_the_field(member_client, member, app):
    response = change_password(member_client, current="not my password at all")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="current_password-error"' in html and "That isn&#39;t your current password." in html
    assert verify_password(reload(member).password_hash, PASSWORD)
    assert sent_emails(app) == []


def test_a_weak_new_password_is_refused_beside_the_field(member_client, member):
    response = change_password(member_client, new="password123")
    assert response.status_code == 422
    assert 'id="new_password-error"' in response.get_data(as_text=True)
    assert verify_password(reload(member).password_hash, PASSWORD)


# Changing the address

def test_changing_the_address_takes_the_link_sent_to_the_new_one(member_client, app, member):
    response = change_email(member_client, "ana.new@example.org")
    assert response.status_code == 302
    page = member_client.get("/settings/account").get_data(as_text=True)
    assert "sent a link to ana.new@example.org" in page
    assert reload(member).email == "ana_runner@example.org"
    notice = last_email(app, to="ana_runner@example.org")
    assert notice["Subject"] == "A change of your email address was asked for"
    assert "an***@example.org" in text_of(notice)

    link = newest_link(app, to="ana.new@example.org")
    assert member_client.get(link).status_code == 200
    assert reload(member).email == "ana_runner@example.org"
    assert press_button(member_client, link).status_code == 302
    member = reload(member)
    assert (member.email, member.email_key) == ("ana.new@example.org", "ana.new@example.org")
    assert member.email_confirmed_at is not None
    assert form_post(app.test_client(), "/auth/login", {"login": "ana.new@example.org", "password": PASSWORD}).status_code == 302


def test_a_change_link_works_once(member_client, app, member):
    change_email(member_client, "ana.new@example.org")
    link = newest_link(app, to="ana.new@example.org")
    press_button(member_client, link)
    assert member_client.get(link).status_code == 410


def test_a_change_link_expires_after_a_day(app, member, monkeypatch):
    with clock_moved(monkeypatch, -(24 * 3600 + 60)):
        token = make_token("change_email", member, address="ana.new@example.org")
    assert app.test_client().get(f"/auth/confirm-email-change/{token}").status_code == 410
    assert reload(member).email == "ana_runner@example.org"


def test_a_tampered_change_link_is_refused(app, member):
    token = make_token("change_email", member, address="ana.new@example.org")
    assert app.test_client().get(f"/auth/confirm-email-change/{token[:-3]}abc").status_code == 400


def test_a_change_link_moves_only_its_own_member(app, member, other_member):
    token = make_token("change_email", other_member, address="desk.new@example.org")
    press_button(app.test_client(), f"/auth/confirm-email-change/{token}")
    assert reload(member).email == "ana_runner@example.org"
    assert reload(other_member).email == "desk.new@example.org"


def test_an_address_someone_else_uses_gets_the_same_answer_and_no_link(member_client, app, other_member):
    response = change_email(member_client, "Desk_Sitter@example.org")
    assert response.status_code == 302
    page = member_client.get("/settings/account").get_data(as_text=True)
    assert "sent a link to Desk_Sitter@example.org" in page
    assert sent_emails(app, to="Desk_Sitter@example.org") == []
    assert sent_emails(app, to="desk_sitter@example.org") == []


def test_an_address_taken_after_the_link_was_sent_is_refused(member_client, app, member):
    change_email(member_client, "ana.new@example.org")
    link = newest_link(app, to="ana.new@example.org")
    make_member(username="quicker", email="ana.new@example.org")
    response = press_button(member_client, link)
    assert response.status_code == 302 and response.headers["Location"] == "/settings/account"
    page = member_client.get("/settings/account").get_data(as_text=True)
    assert "Another account uses that address now" in page
    assert reload(member).email == "ana_runner@example.org"


def test_a_wrong_password_changes_nothing_and_sends_nothing(member_client, app, member):
    response = change_email(member_client, "ana.new@example.org", password="a wrong password here")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="password-error"' in html and 'value="ana.new@example.org"' in html
    assert sent_emails(app) == []


def test_a_malformed_address_is_refused_beside_the_field(member_client, app):
    response = change_email(member_client, "not-an-address")
    assert response.status_code == 422
    assert 'id="email-error"' in response.get_data(as_text=True)
    assert sent_emails(app) == []


def test_their_own_address_is_refused(member_client, app):
    response = change_email(member_client, "ANA_RUNNER@example.org")
    assert response.status_code == 422
    assert "That is already your address." in response.get_data(as_text=True)


def test_a_move_leaves_no_account_on_the_old_address(member_client, app, member):
    change_email(member_client, "ana.new@example.org")
    press_button(member_client, newest_link(app, to="ana.new@example.org"))
    assert db.session.scalar(select(User.id).where(User.email_key == "ana_runner@example.org")) is None
