"""When something goes wrong, people see a friendly page that gives nothing away."""
import logging

import pytest
from sqlalchemy import text

from forum import create_app
from forum.errors import TITLES
from forum.extensions import db, limiter
from tests import factories
from tests.conftest import csrf_token_from, form_post, sign_in

from .settings import base_config


def assert_friendly(response, status):
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert f"<h1>{TITLES[status]}</h1>".replace("'", "&#39;") in html
    assert "Go to the forum's front page" in html
    assert "Traceback" not in html


@pytest.fixture
def second_app(app):
    """Another app on the suite's database, for settings the shared one can't change."""
    def build(**settings):
        return create_app({**base_config(app.config["SQLALCHEMY_DATABASE_URI"]), **settings})

    yield build
    # The limiter is one object shared by every app, and init_app leaves the
    # last app's RATELIMIT_ENABLED on it: give the suite's app its own back.
    limiter.enabled = app.config["RATELIMIT_ENABLED"]


def test_unknown_page_is_a_friendly_404(client):
    assert_friendly(client.get("/no/such/page"), 404)


def test_missing_thread_is_a_friendly_404(client):
    assert_friendly(client.get("/threads/999999"), 404)


def test_editing_someone_elses_post_is_a_friendly_403(client, member, other_member):
    thread = factories.make_thread(author=other_member)
    sign_in(client, member)
    response = client.get(f"/threads/posts/{thread.last_post_id}/edit")
    assert_friendly(response, 403)


def test_form_without_token_is_a_friendly_400(client):
    assert_friendly(client.post("/auth/login", data={"login": "ana", "password": "x"}), 400)


def test_wrong_method_is_a_friendly_405_that_says_what_is_allowed(client):
    response = client.get("/auth/logout")
    assert_friendly(response, 405)
    assert "POST" in response.headers.get("Allow", "")


def test_a_body_over_the_size_limit_is_a_friendly_413(app, member_client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = form_post(member_client, "/threads/new", {"title": "A very long story", "body": "x" * (limit + 1)}, page="/threads/new")
    assert_friendly(response, 413)


def test_too_many_sign_in_attempts_is_a_friendly_429(second_app, member):
    limited = second_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    client = limited.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    statuses = []
    for n in range(25):
        # A name of its own each time, so that only the per-address limit is met.
        response = client.post("/auth/login", data={"login": f"guess_{n}", "password": "wrong guess here", "csrf_token": token})
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[:-1] == [422] * (len(statuses) - 1)
    assert_friendly(response, 429)
    assert int(response.headers["Retry-After"]) > 0


def test_a_crash_is_a_friendly_500_that_leaks_nothing(second_app, member, caplog):
    crashing = second_app(PROPAGATE_EXCEPTIONS=False)

    @crashing.route("/crash")
    def crash():
        db.session.execute(text("SELECT secret FROM vault_of_secrets"))

    client = crashing.test_client()
    sign_in(client, member)
    # Running migrations in this process (alembic's fileConfig) disables
    # loggers that already exist; a served forum never migrates in-process.
    crashing.logger.disabled = False
    with caplog.at_level(logging.ERROR):
        response = client.get("/crash")
    html = response.get_data(as_text=True)
    assert_friendly(response, 500)
    assert "SELECT secret FROM" not in html
    assert "vault_of_secrets" not in html
    assert "sqlalchemy" not in html.lower()
    # The page still knows who is signed in, so the session survived the failed query.
    assert member.username in html
    # The people running the forum get the details in the log instead.
    assert "vault_of_secrets" in caplog.text


def test_a_plain_exception_is_a_friendly_500(second_app):
    crashing = second_app(PROPAGATE_EXCEPTIONS=False)

    @crashing.route("/boom")
    def boom():
        raise RuntimeError("password=hunter2 at /srv/forum/app.py line 12")

    response = crashing.test_client().get("/boom")
    assert_friendly(response, 500)
    assert "hunter2" not in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/auth/login", "/pages/disclaimer", "/no/such/page"])
def test_pages_carry_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    # No HSTS over plain HTTP in development: it would lock a laptop's browser to https.
    assert "Strict-Transport-Security" not in headers


def test_thread_page_carries_security_headers(client, member):
    thread = factories.make_thread(author=member)
    response = client.get(f"/threads/{thread.id}")
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/auth/login", "/auth/register"])
def test_pages_need_no_inline_script_or_style(client, path):
    # The policy forbids inline script and style, so a page using them would break.
    html = client.get(path).get_data(as_text=True)
    assert "<script>" not in html and "<style" not in html
    assert " style=" not in html and " onclick=" not in html
