"""A member's account, from joining to turning off an email, in a real Chromium.

ana_runner joins through the Join page and is told to check her inbox (and
is not signed in); she opens the confirmation email from the outbox folder,
follows its link and presses the button: now she is signed in. Someone who
copied her cookies before she signed out, session and "keep me signed in"
alike, finds them worthless afterwards. She forgets her password and sets a
new one from the emailed link: the new one works, the old one no longer
does. She adds a passkey (after confirming her password) and signs in with
it alone. desk_sitter replies to her thread and she is emailed; her mail
client's one-click unsubscribe (a bare POST, no cookie, no form token) turns
those emails off, her settings say "Never", and the next reply sends none.

Everything runs at http://localhost with FORUM_URL set to it: WebAuthn needs
a named site, and the emailed links then lead back to the same forum.
Screenshots of every settings page at 1280 and 360 px.
"""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from forum.accounts.models import User
from forum.extensions import db
from tests import factories
from tests.mail_helpers import links_in, text_of

from . import account_data as data
from .account_data import emails_to, notification, screenshots, sign_in, subject

pytestmark = pytest.mark.browser

ADDRESS = "ana_runner@example.org"
FIRST_PASSWORD = "heat ice walking elliptical"
NEW_PASSWORD = "figure four stretch twice daily"
TITLE = "Buttock pain when sitting after a fall"


@pytest.fixture
def forum(app, live_server, monkeypatch):
    address = data.localhost_address(live_server)
    monkeypatch.setitem(app.config, "FORUM_URL", address)
    return address


@pytest.fixture
def open_browser(browser, forum):
    """open_browser(**options): a page at localhost in a context of its own."""
    pages = []

    def make(**options):
        pages.append(data.open_context(browser, forum, **options))
        return pages[-1]

    yield make
    for page in pages:
        page.context.close()


def sign_out_button(page):
    return page.get_by_role("button", name="Sign out", exact=True)


def join_and_confirm(page, app, forum):
    page.goto("/")
    page.get_by_role("link", name="Join", exact=True).click()
    page.get_by_label("Username").fill(data.MEMBER)
    page.get_by_label("Email").fill(ADDRESS)
    page.get_by_label("Password").fill(FIRST_PASSWORD)
    page.get_by_label("I accept the community guidelines").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    expect(sign_out_button(page)).to_have_count(0)

    [confirmation] = emails_to(app, ADDRESS, 1, subject("Confirm your email address"))
    link = links_in(confirmation)[0]
    assert link.startswith(f"{forum}/auth/confirm/")
    page.goto(link)
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_text("Thank you: your address is confirmed, and you're signed in.")).to_be_visible()
    expect(sign_out_button(page)).to_be_visible()


def is_signed_in(page):
    """Open a members-only page: True if it shows, False if sent to sign in."""
    page.goto("/settings/")
    if re.search(r"/auth/login\?next=", page.url):
        return False
    expect(page.get_by_role("heading", level=1)).to_have_text("Account and security")
    return True


def replay(thief, cookies):
    thief.context.clear_cookies()
    thief.context.add_cookies(cookies)
    return is_signed_in(thief)


def copied_cookies_stop_working(page, thief):
    saved = page.context.cookies()
    assert replay(thief, saved), "the copied cookies should work while she is signed in"
    sign_out_button(page).click()
    expect(page.get_by_text("You're signed out.")).to_be_visible()
    assert not replay(thief, saved), "a cookie copied before signing out still signs in"

    # "Keep me signed in": the long-lived cookie dies with the session too.
    sign_in(page, data.MEMBER, FIRST_PASSWORD, remember=True)
    expect(sign_out_button(page)).to_be_visible()
    remembered = [c for c in page.context.cookies() if c["name"] == "remember"]
    assert remembered, "ticking 'Keep me signed in' should set the remember cookie"
    sign_out_button(page).click()
    expect(page.get_by_text("You're signed out.")).to_be_visible()
    assert not replay(thief, remembered), "a remember cookie copied before signing out still signs in"
    thief.context.clear_cookies()


def reset_password(page, app):
    page.goto("/auth/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(ADDRESS)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_text("If an account uses that address, we've sent a link to it.")).to_be_visible()

    [reset] = emails_to(app, ADDRESS, 1, subject("Reset your password"))
    page.goto(next(link for link in links_in(reset) if "/auth/reset-password/" in link))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change my password").click()
    expect(page.get_by_text("Your password is changed")).to_be_visible()
    expect(sign_out_button(page)).to_be_visible()
    emails_to(app, ADDRESS, 1, subject("Your password was changed"))

    sign_out_button(page).click()
    sign_in(page, data.MEMBER, FIRST_PASSWORD)
    expect(page.locator("#password-error")).to_contain_text("That username or email and password don't match.")
    sign_in(page, ADDRESS, NEW_PASSWORD)
    expect(sign_out_button(page)).to_be_visible()


def add_passkey_and_sign_in_with_it(page, app, forum):
    page.goto("/settings/passkeys")
    page.get_by_label("Name").fill("My laptop")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your password")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passkeys")
    page.get_by_label("Name").fill("My laptop")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator(".flashes")).to_contain_text("Passkey “My laptop” added")
    emails_to(app, ADDRESS, 1, subject("A passkey was added to your account"))

    sign_out_button(page).click()
    page.goto("/auth/login?next=/settings/passkeys")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(f"{forum}/settings/passkeys")
    expect(sign_out_button(page)).to_be_visible()
    expect(page.locator(".passkey-list li").filter(has_text="My laptop")).to_contain_text("last used")


def settings_screenshots(page, phone):
    """Every settings page, with a second device (her phone) signed in."""
    sign_in(phone, data.MEMBER, NEW_PASSWORD)
    expect(sign_out_button(phone)).to_be_visible()
    for name, path in (("index", "/settings/"), ("password-and-email", "/settings/account"),
                       ("sessions", "/settings/sessions"), ("passkeys", "/settings/passkeys"),
                       ("emails", "/settings/emails")):
        page.goto(path)
        if name == "sessions":
            devices = page.locator(".session-list > li")
            expect(devices).to_have_count(2)
            expect(devices.filter(has_text="(this device)")).to_have_count(1)
            expect(devices.filter(has_text="Firefox on Android")).to_have_count(1)
        screenshots(page, name)


def start_thread(page, category):
    page.goto("/")
    page.get_by_role("link", name=category.name).first.click()
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Your post").fill("It started after I fell on ice. Sitting at my desk makes it worse.")
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    return page.url


def reply(page, thread_url, words):
    page.goto(thread_url)
    page.get_by_label("Your post").fill(words)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("article.post").filter(has_text=words)).to_be_visible()


def notifications_of_member():
    return factories.notifications_for(db.session.scalar(select(User).where(User.username == data.MEMBER)))


def unsubscribe_with_one_click(page, app, replier, thread_url, mail_client):
    reply(replier, thread_url, "Heat helped me in the evenings.")
    [notice] = emails_to(app, ADDRESS, 1, notification)
    assert f"desk_sitter replied in “{TITLE}”" in text_of(notice)
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(r"<(.+)>", notice["List-Unsubscribe"]).group(1)
    assert unsubscribe in links_in(notice), "the body carries the same signed link"

    # As a mail client sends it (RFC 8058): no cookie, no form token.
    assert mail_client.context.cookies() == []
    answer = mail_client.context.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"}, max_redirects=0)
    assert answer.status == 200, answer.text()
    assert "Emails stopped" in answer.text()

    page.goto("/settings/emails")
    own_threads = page.get_by_role("group", name="Replies to threads you started")
    expect(own_threads.get_by_label("Never")).to_be_checked()
    # She reads the thread, so the next reply is news of its own (unread
    # replies are grouped into one notification, emailed once).
    page.goto(thread_url)
    told = len(notifications_of_member())
    reply(replier, thread_url, "Ice in the mornings, too.")
    # Still told on the notifications page; no longer emailed.
    assert len(notifications_of_member()) == told + 1
    # Jobs run before the reply's page answers (FORUM_JOBS=immediate): an email would be there.
    assert len(emails_to(app, ADDRESS, 1, notification)) == 1


def test_a_member_joins_signs_out_resets_adds_a_passkey_and_unsubscribes(app, open_browser, forum):
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    replier = factories.make_member(username="desk_sitter")
    page = open_browser(authenticator=True)
    thief = open_browser(user_agent=data.PHONE_AGENT)

    join_and_confirm(page, app, forum)
    copied_cookies_stop_working(page, thief)
    reset_password(page, app)
    add_passkey_and_sign_in_with_it(page, app, forum)
    settings_screenshots(page, phone=thief)
    thread_url = start_thread(page, category)

    replying = open_browser()
    sign_in(replying, replier.username)
    expect(sign_out_button(replying)).to_be_visible()
    unsubscribe_with_one_click(page, app, replying, thread_url, mail_client=open_browser())
