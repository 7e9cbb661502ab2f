"""Signing in and out starts a fresh session: nothing from before carries over."""
from tests.conftest import csrf_token_from, form_post
from tests.factories import PASSWORD, make_suspended, text_of


def token_on(client, url="/auth/login"):
    return csrf_token_from(client.get(url).get_data(as_text=True))


def mark_read_with(client, token):
    """A harmless change that needs a signed-in member and a valid token."""
    return client.post("/notifications/read", data={"csrf_token": token})


def test_a_token_from_before_signing_in_is_no_good_after(client, member):
    # Someone who saw (or planted) the visitor's session before sign-in
    # must not be able to post as the member with its token.
    before = token_on(client)
    response = client.post("/auth/login", data={"login": member.username, "password": PASSWORD, "csrf_token": before})
    assert response.status_code == 302

    assert mark_read_with(client, before).status_code == 400
    assert mark_read_with(client, token_on(client, "/notifications/")).status_code == 302


def test_a_token_from_before_joining_is_no_good_after(client):
    before = token_on(client, "/auth/register")
    response = client.post("/auth/register", data={
        "username": "sore_hip", "email": "sore.hip@example.org", "password": "tennis ball under the glute",
        "accept": "y", "csrf_token": before,
    })
    assert response.status_code == 302

    assert mark_read_with(client, before).status_code == 400
    assert mark_read_with(client, token_on(client, "/notifications/")).status_code == 302


def test_a_token_from_a_signed_in_session_is_no_good_after_signing_out(client, member):
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD})
    signed_in_token = token_on(client, "/notifications/")
    assert client.post("/auth/logout", data={"csrf_token": signed_in_token}).status_code == 302

    # The next person at a shared computer signs in; the old page's token stays dead.
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD})
    assert mark_read_with(client, signed_in_token).status_code == 400


def test_signing_out_deletes_the_keep_me_signed_in_cookie(client, member):
    form_post(client, "/auth/login", {"login": member.username, "password": PASSWORD, "remember": "y"})
    response = form_post(client, "/auth/logout", {}, page="/")

    cleared = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert len(cleared) == 1
    assert "Max-Age=0" in cleared[0]
    assert client.get_cookie("remember_token") is None
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_messages_flashed_on_signing_in_and_out_survive_the_fresh_session(client):
    suspended = make_suspended(username="cross_words", reason="Calm down for a few days.")
    signed_in = form_post(client, "/auth/login", {"login": suspended.username, "password": PASSWORD}, follow_redirects=True)
    assert "Calm down for a few days." in text_of(signed_in.get_data(as_text=True))
    signed_out = form_post(client, "/auth/logout", {}, page="/", follow_redirects=True)
    assert "You're signed out." in text_of(signed_out.get_data(as_text=True))
