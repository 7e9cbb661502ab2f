"""Accounts and email, for the browser tests: the forum opened at
http://localhost (WebAuthn needs a named site, and the emailed links point
at FORUM_URL, so both are that one address), browser contexts there, and the
pages the accessibility checks open.

Ids, names and tokens only are kept in the scene: the accessibility module
builds it once and uses it across tests, after the session that made the
objects has gone.
"""
import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from forum.accounts.security_models import Passkey
from forum.auth.tokens import make_token
from forum.extensions import db
from forum.notifications.emailing import unsubscribe_url
from tests import factories
from tests.mail_helpers import sent_emails

from .screens import DESKTOP, PHONE, screenshot_path

AUTHENTICATOR = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                 "hasUserVerification": True, "isUserVerified": True}
# A second device, so the sessions page has a phone beside the desktop.
PHONE_AGENT = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
MEMBER = "ana_runner"
NEWCOMER = "new_here"


def localhost_address(live_server):
    return f"http://localhost:{urlsplit(live_server).port}"


def open_context(browser, address, authenticator=False, **options):
    """A page in a browser context of its own at `address`; with a CDP
    virtual authenticator plugged in when asked."""
    context = browser.new_context(base_url=address, viewport=options.pop("viewport", DESKTOP), **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    if authenticator:
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})
    return page


def sign_in(page, login, password=factories.PASSWORD, remember=False):
    page.goto("/auth/login")
    page.get_by_label("Username or email").fill(login)
    page.get_by_label("Password").fill(password)
    if remember:
        page.get_by_label("Keep me signed in on this device").check()
    page.get_by_role("button", name="Sign in", exact=True).click()


def emails_to(app, address, count, about=None, wait=5.0):
    """The emails sent to `address` (only those `about(message)` is true of,
    when given) once there are `count` of them: the server's thread writes
    them, so give it a moment."""
    def found():
        return [m for m in sent_emails(app, to=address) if about is None or about(m)]

    deadline = time.monotonic() + wait
    while len(found()) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    emails = found()
    assert len(emails) == count, f"{len(emails)} such emails to {address}, expected {count}"
    return emails


def subject(words):
    return lambda message: message["Subject"] == words


def notification(message):
    return message["List-Unsubscribe"] is not None


def screenshots(page, name):
    """The page at 1280 px, then laid out again at 360 px, where it must not
    scroll sideways; the page is left at 1280 px."""
    page.screenshot(path=screenshot_path(f"account-{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"
    page.screenshot(path=screenshot_path(f"account-{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


# The accessibility scene.

def build_scene():
    """ana_runner (confirmed, a passkey, signed in on a phone as well) and
    new_here (just registered, not confirmed), with the tokens their emails
    would carry."""
    member = factories.make_member(username=MEMBER)
    newcomer = factories.make_member(username=NEWCOMER, confirmed=False)
    db.session.add(Passkey(member_id=member.id, credential_id="a-test-credential", public_key=b"not a key",
                           name="My laptop", transports="internal"))
    factories.make_session(member, user_agent=PHONE_AGENT)
    return {
        "confirm": make_token("confirm_email", newcomer),
        "change": make_token("change_email", member, address="ana.new@example.org"),
        "reset": make_token("reset_password", member),
        "unsubscribe": unsubscribe_url(newcomer, "own_threads"),
    }


def _submit_empty(page):
    page.get_by_role("button", name="Email me a link").click()
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()


def _stop_emails(page):
    page.get_by_role("button", name="Stop emails").click()
    expect(page.get_by_role("heading", name="Emails stopped")).to_be_visible()


# name: (who is signed in, where, its heading, what is done there first)
PAGES = {
    "settings-index": ("member", "/settings/", "Account and security", None),
    "settings-account": ("member", "/settings/account", "Password and email", None),
    "settings-sessions": ("member", "/settings/sessions", "Signed-in devices", None),
    "settings-passkeys": ("member", "/settings/passkeys", "Passkeys", None),
    "settings-emails": ("member", "/settings/emails", "Email notifications", None),
    "settings-unconfirmed": ("newcomer", "/settings/account", "Password and email", None),
    "confirm-password": ("member", "/auth/confirm-password?next=/settings/passkeys", "Confirm your password", None),
    "sign-in": ("nobody", "/auth/login", "Sign in", None),
    "check-inbox": ("nobody", "/auth/check-your-inbox", "Check your inbox", None),
    "confirm-email": ("nobody", "/auth/confirm/{confirm}", "Confirm your email address", None),
    "confirm-email-change": ("nobody", "/auth/confirm-email-change/{change}", "Confirm your new email address", None),
    "forgot-password": ("nobody", "/auth/forgot-password", "Forgot your password?", None),
    "forgot-password-error": ("nobody", "/auth/forgot-password", "Forgot your password?", _submit_empty),
    "reset-link-sent": ("nobody", "/auth/forgot-password/sent", "Check your inbox", None),
    "reset-password": ("nobody", "/auth/reset-password/{reset}", "Choose a new password", None),
    "bad-link": ("nobody", "/auth/reset-password/not-a-real-link", "This link can't be used", None),
    "unsubscribe": ("nobody", "{unsubscribe}", "Stop these emails?", None),
    "unsubscribed": ("nobody", "{unsubscribe}", "Emails stopped", _stop_emails),
}


def what_it_shows(page, name):
    """What the page must show for the check to be about the right thing."""
    if name == "settings-sessions":
        expect(page.locator(".session-list > li")).to_have_count(2)
    elif name == "settings-passkeys":
        expect(page.locator(".passkey-list > li")).to_have_count(1)
        expect(page.get_by_role("button", name="Add a passkey")).to_be_visible()
    elif name == "settings-unconfirmed":
        expect(page.get_by_text("Please confirm your email address")).to_be_visible()
    elif name == "sign-in":
        expect(page.get_by_role("button", name="Sign in with a passkey")).to_be_visible()
