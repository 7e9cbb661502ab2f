"""Wrong passwords are counted per account, whatever address they come from."""
from datetime import timedelta

import pytest

from forum.auth import limits
from forum.extensions import db
from forum.timeutil import utcnow
from tests.auth.test_views import field_error, signed_in_as
from tests.conftest import form_post
from tests.factories import PASSWORD, make_member, reload
from tests.mail_helpers import clear_outbox, links_in, sent_emails, text_of

WRONG = "That username or email and password don't match. Check them and try again."


@pytest.fixture(autouse=True)
def _empty_outbox(app):
    clear_outbox(app)


def attempt(app, login, password, address):
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser, form_post(browser, "/auth/login", {"login": login, "password": password})


class Clock:
    """The sign-in rules' idea of now, moved by the tests."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def wait(self, delta):
        self.now += delta


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(limits, "utcnow", clock)
    monkeypatch.setattr("forum.auth.session_services.utcnow", clock)
    return clock


def guess(app, login, times, clock=None, start=0):
    """`times` wrong passwords, each from an address of its own; a patient
    guesser (with `clock`) waits out each slow-down before the next one."""
    answers = []
    for n in range(times):
        answers.append(attempt(app, login, "guessing again 123", f"203.0.113.{start + n + 1}")[1])
        if clock is not None:
            clock.wait(limits.PAUSE + timedelta(seconds=1))
    return answers


def test_thirty_wrong_passwords_from_thirty_addresses_lock_the_account(app, member, clock):
    answers = guess(app, member.username, 30, clock)
    assert [r.status_code for r in answers[:10]] == [422] * 10
    assert all(r.status_code == 429 for r in answers[10:])
    browser, right = attempt(app, member.username, PASSWORD, "198.51.100.7")
    assert right.status_code == 429
    assert field_error(right.get_data(as_text=True), "password") == limits.TOO_MANY
    assert signed_in_as(browser) is None
    assert reload(member).sign_in_locked_until > clock.now


def test_after_five_failures_each_one_closes_the_account_for_a_while(app, member, clock):
    guess(app, member.username, 5)
    # Right password, too soon after: refused without saying whether it was right.
    _, right = attempt(app, member.username, PASSWORD, "198.51.100.7")
    assert right.status_code == 429
    assert WRONG not in right.get_data(as_text=True)
    # Nor is a refused attempt counted.
    assert reload(member).sign_in_failures == 5

    clock.wait(limits.PAUSE + timedelta(seconds=1))
    [sixth] = guess(app, member.username, 1, start=10)
    assert sixth.status_code == 422
    assert attempt(app, member.username, PASSWORD, "198.51.100.8")[1].status_code == 429
    clock.wait(limits.PAUSE + timedelta(seconds=1))
    assert attempt(app, member.username, PASSWORD, "198.51.100.9")[1].status_code == 302
    assert reload(member).sign_in_failures == 0


def test_four_failures_do_not_slow_anyone_down(app, member):
    guess(app, member.username, 4)
    assert attempt(app, member.username, PASSWORD, "198.51.100.7")[1].status_code == 302


def test_the_lock_sends_one_email_to_the_owner_with_a_reset_link(app, member, clock):
    guess(app, member.username, 30, clock)
    emails = sent_emails(app, to=member.email)
    assert [m["Subject"] for m in emails] == ["Someone tried to sign in to your account many times"]
    assert "http://forum.test/auth/forgot-password" in links_in(emails[0])
    assert "guessing again" not in text_of(emails[0])


def test_a_browser_the_member_signed_in_from_before_is_not_locked_out(app, member, clock):
    home, first = attempt(app, member.username, PASSWORD, "198.51.100.7")
    assert first.status_code == 302
    assert home.get_cookie("known_device") is not None
    form_post(home, "/auth/logout", {}, page="/")

    guess(app, member.username, 30, clock)
    again = form_post(home, "/auth/login", {"login": member.username, "password": PASSWORD})
    assert again.status_code == 302
    assert signed_in_as(home) == "ana_runner"
    # Signing in clears the count and the lock.
    assert reload(member).sign_in_locked_until is None


def test_a_known_device_cookie_for_another_account_or_forged_does_not_help(app, member, other_member, clock):
    elsewhere, _ = attempt(app, other_member.username, PASSWORD, "198.51.100.9")
    guess(app, member.username, 12, clock)
    assert form_post(elsewhere, "/auth/login", {"login": member.username, "password": PASSWORD}).status_code == 429

    forger, _ = attempt(app, "nobody_at_all", "x" * 12, "198.51.100.10")
    forger.set_cookie("known_device", "WzFd.forged.signature")
    assert form_post(forger, "/auth/login", {"login": member.username, "password": PASSWORD}).status_code == 429


def test_the_lock_runs_out(app, member, clock):
    guess(app, member.username, 10, clock)
    assert attempt(app, member.username, PASSWORD, "198.51.100.6")[1].status_code == 429
    clock.wait(limits.LOCK_FOR)
    _, right = attempt(app, member.username, PASSWORD, "198.51.100.7")
    assert right.status_code == 302


def test_guessing_on_after_the_lock_runs_out_locks_again_quietly(app, member, clock):
    guess(app, member.username, 10, clock)
    clock.wait(limits.LOCK_FOR)
    guess(app, member.username, 1, start=50)
    _, right = attempt(app, member.username, PASSWORD, "198.51.100.7")
    assert right.status_code == 429
    assert len(sent_emails(app, to=member.email)) == 1


def test_a_success_resets_the_count(app, member):
    guess(app, member.username, 4)
    attempt(app, member.username, PASSWORD, "198.51.100.7")
    assert reload(member).sign_in_failures == 0
    assert [r.status_code for r in guess(app, member.username, 5, start=20)] == [422] * 5


def test_failures_sent_at_once_are_all_counted(member):
    # Counted in SQL (failures + 1), not read, added to and written back.
    stale = reload(member)
    for _ in range(3):
        limits.count_failure(stale)
    db.session.commit()
    assert reload(member).sign_in_failures == 3


def test_an_unknown_account_is_answered_as_a_wrong_password(app, member):
    _, unknown = attempt(app, "nobody_at_all", "guessing again 123", "203.0.113.200")
    _, wrong = attempt(app, member.username, "guessing again 123", "203.0.113.201")
    assert unknown.status_code == wrong.status_code == 422
    assert field_error(unknown.get_data(as_text=True), "password") == field_error(wrong.get_data(as_text=True), "password") == WRONG


def test_a_lock_on_one_account_leaves_others_alone(app, member, clock):
    guess(app, member.username, 12, clock)
    desk = make_member(username="desk_worker")
    assert attempt(app, desk.username, PASSWORD, "203.0.113.99")[1].status_code == 302


def test_guessing_at_a_name_with_no_account_is_answered_like_guessing_at_an_account(app, member):
    known = guess(app, member.username, 12)
    unknown = guess(app, "never_registered_here", 12, start=100)
    assert [a.status_code for a in unknown] == [a.status_code for a in known]
    assert [field_error(a.get_data(as_text=True), "password") for a in unknown] == \
        [field_error(a.get_data(as_text=True), "password") for a in known]
    assert 429 in [a.status_code for a in unknown], "the slow-down shows for both"
