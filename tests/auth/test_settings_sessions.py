"""Settings > Signed-in devices: see where you're signed in, sign out there.

(Here rather than tests/settings/: a package of that name would hide
tests/settings.py, the suite's settings.)"""
import re
from datetime import timedelta

from forum.auth.devices import device_name
from forum.timeutil import utcnow
from tests.auth.test_remember import browser_with
from tests.auth.test_sessions import sessions_of
from tests.auth.test_views import signed_in_as
from tests.conftest import form_post, sign_in
from tests.factories import PASSWORD, make_session, make_suspended, reload, text_of

PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/126.0.0.0 Mobile Safari/537.36")
MAC = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
       "Version/17.5 Safari/605.1.15")
EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0")
IPHONE_FIREFOX = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                  "(KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15")


def page(client):
    return client.get("/settings/sessions").get_data(as_text=True)


def test_device_names_are_short_and_readable():
    assert device_name(PHONE) == "Chrome on Android"
    assert device_name(MAC) == "Safari on macOS"
    assert device_name(EDGE) == "Edge on Windows"
    assert device_name(IPHONE_FIREFOX) == "Firefox on iPhone"
    assert device_name("") == "An unknown browser"


def test_the_page_lists_live_devices_with_this_one_marked(client, member, other_member):
    client.environ_base["HTTP_USER_AGENT"] = MAC
    sign_in(client, member)
    make_session(member, user_agent=PHONE, created_at=utcnow() - timedelta(days=3),
                 last_seen_at=utcnow() - timedelta(hours=5))
    make_session(member, user_agent=EDGE, ended_at=utcnow())
    make_session(other_member, user_agent=IPHONE_FIREFOX)

    text = text_of(page(client))
    assert "Safari on macOS (this device)" in text
    assert "Chrome on Android" in text and "Signed in 3 days ago · last active 5 hours ago" in text
    assert "Edge on Windows" not in text and "Firefox on iPhone" not in text
    # One "Sign out" per other device, none for this one.
    assert len(re.findall(r">Sign out<span", page(client))) == 1


def test_signing_out_another_device_ends_it_and_keeps_this_one(app, client, member):
    sign_in(client, member)
    phone = app.test_client()
    phone.environ_base["HTTP_USER_AGENT"] = PHONE
    sign_in(phone, member)
    phone_row = sessions_of(member)[-1]

    response = form_post(client, f"/settings/sessions/{phone_row.id}/end", {}, page="/settings/sessions")
    assert response.status_code == 302
    assert signed_in_as(phone) is None
    assert signed_in_as(client) == "ana_runner"
    assert "Chrome on Android" not in page(client)


def test_another_members_session_cannot_be_ended(client, member, other_member):
    sign_in(client, member)
    theirs = make_session(other_member)
    response = form_post(client, f"/settings/sessions/{theirs.id}/end", {}, page="/settings/sessions")
    assert response.status_code == 403
    assert reload(theirs).ended_at is None


def test_sign_out_everywhere_else_keeps_only_this_device(app, client, member):
    sign_in(client, member)
    others = [sign_in(app.test_client(), member) for _ in range(2)]
    response = form_post(client, "/settings/sessions/end-others", {}, page="/settings/sessions", follow_redirects=True)
    assert "Signed out on 2 other devices." in text_of(response.get_data(as_text=True))
    assert [signed_in_as(other) for other in others] == [None, None]
    assert signed_in_as(client) == "ana_runner"


def test_sign_out_everywhere_includes_this_device_and_remember_me(app, client, member):
    sign_in(client, member)
    laptop = app.test_client()
    form_post(laptop, "/auth/login", {"login": member.username, "password": PASSWORD, "remember": "y"})
    kept = laptop.get_cookie("remember").value

    response = form_post(client, "/settings/sessions/end-all", {}, page="/settings/sessions")
    assert response.status_code == 302
    assert signed_in_as(client) is None and signed_in_as(laptop) is None
    assert signed_in_as(browser_with(app, kept)) is None
    assert all(row.ended_at is not None and row.remember_selector is None for row in sessions_of(member))


def test_a_suspended_member_can_still_sign_out_their_devices(app, client):
    suspended = make_suspended(username="cross_words")
    sign_in(client, suspended)
    other = sign_in(app.test_client(), suspended)
    assert form_post(client, "/settings/sessions/end-others", {}, page="/settings/sessions").status_code == 302
    assert signed_in_as(other) is None


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/settings/sessions")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_buttons_are_posts_with_a_token(member_client):
    assert member_client.get("/settings/sessions/end-all").status_code == 405
    assert member_client.post("/settings/sessions/end-all").status_code == 400
    assert signed_in_as(member_client) == "ana_runner"
