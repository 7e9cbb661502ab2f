"""Passkeys through the pages: confirming the password first, adding one,
signing in with it, removing it; and what each step refuses. A passkey made
in Python (soft_authenticator) plays the browser's part; the real browser
journey is tests/browser/test_passkeys.py."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.accounts.security_models import Passkey
from forum.auth import passkey_services
from forum.auth.passkeys import RelyingParty, registration_options
from forum.errors import PermissionDenied
from forum.extensions import db
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import csrf_token_from, form_post, sign_in

from .soft_authenticator import SoftAuthenticator, challenge_of


def post_json(client, url, body=None, page="/auth/login", **kwargs):
    """POST JSON as static/js/passkeys.js does: the CSRF token in a header."""
    token = csrf_token_from(client.get(page).get_data(as_text=True))
    return client.post(url, json=body or {}, headers={"X-CSRFToken": token}, **kwargs)


def confirm(client, password=factories.PASSWORD, next="/settings/passkeys"):
    return form_post(client, f"/auth/confirm-password?next={next}", {"password": password, "next": next},
                     page=f"/auth/confirm-password?next={next}")


def passkeys_of(member):
    db.session.expire_all()
    return db.session.scalars(select(Passkey).where(Passkey.member_id == member.id)).all()


def give_passkey(member, name="Work laptop"):
    """A passkey added through the service, as the settings page would."""
    authenticator = SoftAuthenticator()
    options_json, challenge = registration_options(member)
    passkey_services.add_passkey(member, name, authenticator.create(json.loads(options_json)), challenge)
    return authenticator


def add_through_the_page(client, authenticator, name="My phone", **answer):
    options = post_json(client, "/settings/passkeys/options", {"name": name}, page="/settings/passkeys")
    assert options.status_code == 200, options.get_json()
    return post_json(client, "/settings/passkeys", {"credential": authenticator.create(options.get_json(), **answer)},
                     page="/settings/passkeys")


def sign_in_with(client, authenticator, next="", **answer):
    options = post_json(client, "/auth/passkey/options")
    assert options.status_code == 200
    return post_json(client, "/auth/passkey/verify", {"credential": authenticator.get(options.get_json(), **answer), "next": next})


@pytest.fixture
def confirmed_client(member_client):
    assert confirm(member_client).status_code == 302
    return member_client


# Confirming the password.

def test_the_confirm_page_asks_for_the_password(member_client):
    page = member_client.get("/auth/confirm-password?next=/settings/passkeys")
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.get_data(as_text=True)


def test_a_wrong_password_is_said_beside_the_field(member_client):
    response = confirm(member_client, password="not my password at all")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="password-error"' in html and "your password. Check it and try again" in html
    # Still not confirmed: adding a passkey is refused.
    assert post_json(member_client, "/settings/passkeys/options", {"name": "x"}, page="/settings/passkeys").status_code == 403


def test_the_right_password_goes_back_where_the_member_was(member_client):
    response = confirm(member_client)
    assert response.status_code == 302 and response.headers["Location"] == "/settings/passkeys"


def test_confirming_never_sends_the_member_off_the_site(member_client):
    response = confirm(member_client, next="https://evil.example/")
    assert response.headers["Location"] == "/settings/"


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get("/auth/confirm-password").status_code == 302
    assert client.get("/settings/passkeys").headers["Location"].startswith("/auth/login")


def test_the_confirmation_wears_off_after_ten_minutes(confirmed_client, monkeypatch):
    later = utcnow() + timedelta(minutes=11)
    monkeypatch.setattr("forum.auth.fresh.utcnow", lambda: later)
    response = post_json(confirmed_client, "/settings/passkeys/options", {"name": "Phone"}, page="/settings/passkeys")
    assert response.status_code == 403
    assert response.get_json()["confirm"] == "/auth/confirm-password?next=/settings/passkeys"


def test_signing_in_again_is_not_a_confirmation(confirmed_client, member):
    sign_in(confirmed_client, member)
    assert post_json(confirmed_client, "/settings/passkeys/options", {"name": "x"}, page="/settings/passkeys").status_code == 403


# The settings page and adding a passkey.

def test_the_page_lists_passkeys_and_says_they_need_javascript(member_client, member):
    give_passkey(member, name="Kitchen tablet")
    html = member_client.get("/settings/passkeys").get_data(as_text=True)
    assert "Kitchen tablet" in html and "not used yet" in html
    assert "Adding a passkey needs JavaScript" in html
    assert 'value="Passkey 2"' in html


def test_adding_needs_a_fresh_confirmation(member_client, member):
    response = post_json(member_client, "/settings/passkeys/options", {"name": "Phone"}, page="/settings/passkeys")
    assert response.status_code == 403
    assert response.get_json()["confirm"].startswith("/auth/confirm-password")
    response = post_json(member_client, "/settings/passkeys", {"credential": {}}, page="/settings/passkeys")
    assert response.status_code == 403
    assert passkeys_of(member) == []


def test_the_options_carry_a_challenge_and_exclude_the_members_passkeys(confirmed_client, member, other_member):
    mine = give_passkey(member)
    give_passkey(other_member)
    options = post_json(confirmed_client, "/settings/passkeys/options", {"name": "Phone"}, page="/settings/passkeys").get_json()
    assert len(challenge_of(options)) >= 32
    assert options["rp"] == {"id": "forum.test", "name": "Piriformis & Sciatica Community"}
    assert [c["id"] for c in options["excludeCredentials"]] == [mine.id]
    assert options["authenticatorSelection"]["residentKey"] == "preferred"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    # The user handle is not the member's id or address.
    assert member.email not in str(options) and options["user"]["id"] not in (str(member.id), "")


def test_the_relying_party_comes_from_forum_url_not_the_host_header(confirmed_client):
    token = csrf_token_from(confirmed_client.get("/settings/passkeys").get_data(as_text=True))
    # The same browser, its cookie sent to whatever Host it claims.
    cookie = confirmed_client.get_cookie("session")
    confirmed_client.set_cookie("session", cookie.value, domain="evil.example")
    forged = confirmed_client.post("/settings/passkeys/options", json={"name": "Phone"},
                                   headers={"X-CSRFToken": token}, base_url="http://evil.example")
    # Another host is refused outright (TRUSTED_HOSTS); the forum's own
    # address names the relying party, whatever host the page was asked on.
    assert forged.status_code == 400
    options = confirmed_client.post("/settings/passkeys/options", json={"name": "Phone"},
                                    headers={"X-CSRFToken": token})  # asked on "localhost"
    assert options.status_code == 200
    assert options.get_json()["rp"]["id"] == "forum.test"


def test_a_bad_name_is_refused_before_the_browser_asks(confirmed_client):
    response = post_json(confirmed_client, "/settings/passkeys/options", {"name": "   "}, page="/settings/passkeys")
    assert response.status_code == 422 and response.get_json()["field"] == "name"
    response = post_json(confirmed_client, "/settings/passkeys/options", {"name": "x" * 61}, page="/settings/passkeys")
    assert response.status_code == 422


def test_a_member_adds_a_passkey(confirmed_client, member):
    response = add_through_the_page(confirmed_client, SoftAuthenticator(), name="  My   phone ")
    assert response.status_code == 200 and response.get_json() == {"redirect": "/settings/passkeys"}
    [passkey] = passkeys_of(member)
    assert passkey.name == "My phone" and passkey.transports == "internal"
    html = confirmed_client.get("/settings/passkeys").get_data(as_text=True)
    assert "Passkey “My phone” added" in html


@pytest.mark.parametrize("answer", [{"origin": "https://evil.example"}, {"rp_id": "evil.example"}])
def test_a_passkey_made_for_another_site_is_refused(confirmed_client, member, answer):
    response = add_through_the_page(confirmed_client, SoftAuthenticator(), **answer)
    assert response.status_code == 400 and "couldn't be checked" in response.get_json()["error"]
    assert passkeys_of(member) == []


def test_an_answer_to_another_challenge_is_refused(confirmed_client, member):
    first = post_json(confirmed_client, "/settings/passkeys/options", {"name": "A"}, page="/settings/passkeys").get_json()
    post_json(confirmed_client, "/settings/passkeys/options", {"name": "B"}, page="/settings/passkeys")
    response = post_json(confirmed_client, "/settings/passkeys", {"credential": SoftAuthenticator().create(first)},
                         page="/settings/passkeys")
    assert response.status_code == 400
    assert passkeys_of(member) == []


def test_a_challenge_is_answered_once(confirmed_client, member):
    options = post_json(confirmed_client, "/settings/passkeys/options", {"name": "A"}, page="/settings/passkeys").get_json()
    answer = SoftAuthenticator().create(options)
    assert post_json(confirmed_client, "/settings/passkeys", {"credential": answer}, page="/settings/passkeys").status_code == 200
    again = post_json(confirmed_client, "/settings/passkeys", {"credential": answer}, page="/settings/passkeys")
    assert again.status_code == 400 and "too long" in again.get_json()["error"]
    assert len(passkeys_of(member)) == 1


def test_the_same_passkey_is_not_added_twice(confirmed_client, member):
    authenticator = SoftAuthenticator()
    add_through_the_page(confirmed_client, authenticator)
    response = add_through_the_page(confirmed_client, authenticator)
    assert response.status_code == 400 and "already" in response.get_json()["error"]


def test_without_a_token_nothing_is_added(confirmed_client, member):
    response = confirmed_client.post("/settings/passkeys/options", json={"name": "Phone"})
    assert response.status_code == 400
    assert "passkey_add" not in str(response.headers)


def test_passkeys_are_not_offered_at_a_numeric_address(app, confirmed_client, monkeypatch):
    monkeypatch.setitem(app.config, "FORUM_URL", "http://127.0.0.1:5000")
    assert "be used at this address of the forum" in confirmed_client.get("/settings/passkeys").get_data(as_text=True)
    assert post_json(confirmed_client, "/auth/passkey/options").status_code == 400


def test_the_relying_party_is_the_forums_name_and_origin():
    party = RelyingParty("https://forum.example.org:8443/")
    assert (party.id, party.origin, party.usable) == ("forum.example.org", "https://forum.example.org:8443", True)
    assert RelyingParty("http://[::1]:5000").usable is False


# Signing in with a passkey.

def test_a_member_signs_in_with_a_passkey(client, member):
    authenticator = give_passkey(member)
    options = post_json(client, "/auth/passkey/options").get_json()
    assert "allowCredentials" not in options or options["allowCredentials"] == []
    assert options["userVerification"] == "preferred" and options["rpId"] == "forum.test"
    response = post_json(client, "/auth/passkey/verify",
                         {"credential": authenticator.get(options), "next": "/settings/passkeys"})
    assert response.get_json() == {"redirect": "/settings/passkeys"}
    assert "Sign out" in client.get("/").get_data(as_text=True)
    [passkey] = passkeys_of(member)
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_signing_in_never_sends_the_member_off_the_site(client, member):
    response = sign_in_with(client, give_passkey(member), next="//evil.example/")
    assert response.get_json() == {"redirect": "/"}


def test_an_unknown_passkey_is_refused(client, member):
    response = sign_in_with(client, SoftAuthenticator())
    assert response.status_code == 400 and "isn't recognised" in response.get_json()["error"]
    assert "Sign out" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("answer", [{"origin": "https://evil.example"}, {"rp_id": "evil.example"}])
def test_a_signature_for_another_site_is_refused(client, member, answer):
    response = sign_in_with(client, give_passkey(member), **answer)
    assert response.status_code == 400 and "couldn't be checked" in response.get_json()["error"]
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_a_signature_over_another_challenge_is_refused(client, member):
    authenticator = give_passkey(member)
    old = post_json(client, "/auth/passkey/options").get_json()
    post_json(client, "/auth/passkey/options")
    response = post_json(client, "/auth/passkey/verify", {"credential": authenticator.get(old)})
    assert response.status_code == 400


def test_a_sign_in_answer_cant_be_replayed(client, member):
    authenticator = give_passkey(member)
    options = post_json(client, "/auth/passkey/options").get_json()
    answer = authenticator.get(options)
    assert post_json(client, "/auth/passkey/verify", {"credential": answer}).status_code == 200
    assert post_json(client, "/auth/passkey/verify", {"credential": answer}).status_code == 400


def test_a_signature_counter_that_went_backwards_is_refused(client, member):
    authenticator = give_passkey(member)
    assert sign_in_with(client, authenticator).status_code == 200
    assert sign_in_with(client, authenticator).status_code == 200
    authenticator.sign_count = 1  # a clone that missed the last use
    response = sign_in_with(client, authenticator, count_up=False)
    assert response.status_code == 400


def test_a_deleted_account_cant_sign_in_with_its_passkey(client, member):
    authenticator = give_passkey(member)
    member.deleted_at = utcnow()
    db.session.commit()
    assert sign_in_with(client, authenticator).status_code == 400


def test_a_suspended_member_signs_in_and_is_told(client):
    suspended = factories.make_suspended(username="sus_pended")
    authenticator = give_passkey(suspended)
    assert sign_in_with(client, authenticator).status_code == 200
    assert "Your account is suspended" in client.get("/").get_data(as_text=True)


def test_an_expired_challenge_is_refused(client, member, monkeypatch):
    authenticator = give_passkey(member)
    options = post_json(client, "/auth/passkey/options").get_json()
    later = utcnow() + timedelta(minutes=6)
    monkeypatch.setattr("forum.auth.challenges.utcnow", lambda: later)
    response = post_json(client, "/auth/passkey/verify", {"credential": authenticator.get(options)})
    assert response.status_code == 400 and "too long" in response.get_json()["error"]


def test_the_sign_in_page_offers_a_passkey_to_browsers_that_can(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert "Sign in with a passkey" in html and html.count("data-passkey-signin hidden") == 1
    assert "js/passkeys.js" in html


# Removing a passkey.

def test_removing_needs_a_fresh_confirmation_and_comes_back(member_client, member):
    give_passkey(member)
    [passkey] = passkeys_of(member)
    response = form_post(member_client, f"/settings/passkeys/{passkey.id}/remove", {}, page="/settings/passkeys")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/confirm-password?next=/settings/passkeys"
    assert len(passkeys_of(member)) == 1
    assert confirm(member_client).headers["Location"] == "/settings/passkeys"
    response = form_post(member_client, f"/settings/passkeys/{passkey.id}/remove", {}, page="/settings/passkeys",
                         follow_redirects=True)
    assert "Passkey “Work laptop” removed" in response.get_data(as_text=True)
    assert passkeys_of(member) == []


def test_a_removed_passkey_no_longer_signs_in(confirmed_client, client_for, member):
    authenticator = give_passkey(member)
    [passkey] = passkeys_of(member)
    form_post(confirmed_client, f"/settings/passkeys/{passkey.id}/remove", {}, page="/settings/passkeys")
    assert sign_in_with(client_for(), authenticator).status_code == 400


def test_someone_elses_passkey_is_not_there(confirmed_client, other_member):
    give_passkey(other_member)
    [theirs] = passkeys_of(other_member)
    response = form_post(confirmed_client, f"/settings/passkeys/{theirs.id}/remove", {}, page="/settings/passkeys")
    assert response.status_code == 404
    assert len(passkeys_of(other_member)) == 1
    assert form_post(confirmed_client, "/settings/passkeys/999999/remove", {}, page="/settings/passkeys").status_code == 404


def test_the_services_refuse_another_members_passkey_and_a_deleted_account(member, other_member):
    give_passkey(other_member)
    [theirs] = passkeys_of(other_member)
    with pytest.raises(PermissionDenied):
        passkey_services.remove_passkey(member, theirs)
    member.deleted_at = utcnow()
    db.session.commit()
    with pytest.raises(PermissionDenied):
        passkey_services.add_passkey(member, "Phone", {}, b"challenge")


def test_the_owner_is_emailed_when_a_passkey_is_added_or_removed(app, confirmed_client, member):
    from tests.mail_helpers import sent_emails, text_of

    add_through_the_page(confirmed_client, SoftAuthenticator(), name="Kitchen tablet")
    [passkey] = passkeys_of(member)
    form_post(confirmed_client, f"/settings/passkeys/{passkey.id}/remove", {}, page="/settings/passkeys")
    added, removed = [m for m in sent_emails(app, to=member.email) if "passkey" in m["Subject"]]
    assert added["Subject"] == "A passkey was added to your account"
    assert 'A passkey named "Kitchen tablet" was just added' in text_of(added)
    assert removed["Subject"] == "A passkey was removed from your account"
    assert "http://forum.test/auth/forgot-password" in text_of(removed)
