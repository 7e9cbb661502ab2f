"""Passkeys in a real Chromium, with its virtual authenticator standing in
for a phone's or laptop's screen lock.

ana_runner signs in with her password, opens her passkey settings, confirms
her password when asked, adds a passkey, signs out, signs in again with the
passkey alone (no password typed), and removes it. Without JavaScript the
settings page says passkeys need it and the sign-in page offers only the
password.

WebAuthn needs a secure context and a relying party that is a name, not an
IP address: http://localhost is both, so these pages are opened at
localhost (the live server listens on 127.0.0.1, which localhost resolves
to) and the forum's FORUM_URL is set to that address for the test.
"""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from forum.accounts.security_models import Passkey
from forum.extensions import db
from tests import factories

from .screens import DESKTOP, screenshot_path

pytestmark = pytest.mark.browser

AUTHENTICATOR = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True}


@pytest.fixture
def forum_at_localhost(app, live_server, monkeypatch):
    address = f"http://localhost:{urlsplit(live_server).port}"
    monkeypatch.setitem(app.config, "FORUM_URL", address)
    return address


@pytest.fixture
def open_browser(browser, forum_at_localhost):
    """open_browser(**options): a page of a browser context of its own at
    localhost, with a virtual authenticator plugged in when JavaScript runs."""
    contexts = []

    def make(java_script_enabled=True):
        context = browser.new_context(base_url=forum_at_localhost, viewport=DESKTOP, java_script_enabled=java_script_enabled)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if java_script_enabled:
            cdp = context.new_cdp_session(page)
            cdp.send("WebAuthn.enable")
            page.authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})["authenticatorId"]
            page.cdp = cdp
        return page

    yield make
    for context in contexts:
        context.close()


def sign_in_with_password(page, member, address):
    page.goto("/auth/login")
    page.get_by_label("Username or email").fill(member.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{address}/")


def confirm_password(page):
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your password")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passkeys")


def passkeys_of(member):
    db.session.expire_all()
    return db.session.scalars(select(Passkey).where(Passkey.member_id == member.id)).all()


def test_a_member_adds_a_passkey_signs_in_with_it_and_removes_it(open_browser, forum_at_localhost):
    member = factories.make_member(username="ana_runner")
    page = open_browser()
    sign_in_with_password(page, member, forum_at_localhost)

    page.goto("/settings/passkeys")
    expect(page.get_by_text("Adding a passkey needs JavaScript")).to_be_hidden()
    expect(page.get_by_text("You haven't added a passkey yet.")).to_be_visible()
    page.screenshot(path=screenshot_path("passkeys-none.png"), full_page=True)

    # Not confirmed yet in this session: the forum asks for the password first.
    page.get_by_label("Name").fill("My laptop")
    page.get_by_role("button", name="Add a passkey").click()
    confirm_password(page)
    page.get_by_label("Name").fill("My laptop")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator(".flashes")).to_contain_text("Passkey “My laptop” added")
    item = page.locator(".passkey-list li").filter(has_text="My laptop")
    expect(item).to_contain_text("not used yet")
    page.screenshot(path=screenshot_path("passkeys-added.png"), full_page=True)
    # The same device again: the options exclude the passkey it holds, and the page says so.
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("status").filter(has_text="already")).to_contain_text("This device already holds a passkey")
    assert [p.name for p in passkeys_of(member)] == ["My laptop"]
    stored = page.cdp.send("WebAuthn.getCredentials", {"authenticatorId": page.authenticator})["credentials"]
    assert [c["isResidentCredential"] for c in stored] == [True]

    # Signed out, she comes back with the passkey and types nothing.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/auth/login?next=/settings/passkeys")
    page.screenshot(path=screenshot_path("passkeys-sign-in.png"), full_page=True)
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(f"{forum_at_localhost}/settings/passkeys")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(item).to_contain_text("last used")
    assert passkeys_of(member)[0].last_used_at is not None

    # Removing it asks for the password again: signing in is not a confirmation.
    item.get_by_role("button", name="Remove").click()
    confirm_password(page)
    page.locator(".passkey-list li").filter(has_text="My laptop").get_by_role("button", name="Remove").click()
    expect(page.locator(".flashes")).to_contain_text("Passkey “My laptop” removed")
    expect(page.get_by_text("You haven't added a passkey yet.")).to_be_visible()
    page.screenshot(path=screenshot_path("passkeys-removed.png"), full_page=True)
    assert passkeys_of(member) == []

    # The authenticator still holds it, but the forum no longer knows it.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/auth/login")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page.get_by_role("status").filter(has_text="recognised")).to_contain_text("isn't recognised here")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_a_cancelled_prompt_is_explained(open_browser, forum_at_localhost):
    member = factories.make_member(username="desk_sitter")
    page = open_browser()
    sign_in_with_password(page, member, forum_at_localhost)
    page.goto("/auth/confirm-password?next=/settings/passkeys")
    confirm_password(page)
    page.evaluate("""() => {
        // A prompt the person closes: the browser answers NotAllowedError.
        navigator.credentials.create = () => Promise.reject(new DOMException("closed", "NotAllowedError"));
    }""")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("status").filter(has_text="cancelled")).to_contain_text("nothing changed")
    page.screenshot(path=screenshot_path("passkeys-cancelled.png"), full_page=True)
    assert passkeys_of(member) == []


def test_without_javascript_the_password_is_all_there_is(open_browser, forum_at_localhost):
    member = factories.make_member(username="night_owl")
    page = open_browser(java_script_enabled=False)
    page.goto("/auth/login")
    expect(page.get_by_role("button", name="Sign in with a passkey")).to_be_hidden()
    sign_in_with_password(page, member, forum_at_localhost)
    page.goto("/settings/passkeys")
    expect(page.get_by_text("Adding a passkey needs JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Add a passkey")).to_be_hidden()
    page.screenshot(path=screenshot_path("passkeys-no-javascript.png"), full_page=True)
