"""Settings from the environment: safe without anything set, strict in production."""
import stat

import pytest
from sqlalchemy import text

from forum import create_app
from forum.config import ConfigError, from_environment
from forum.extensions import db
from tests import factories
from tests.conftest import csrf_token_from, form_post

from .settings import base_config


@pytest.fixture
def clean_env(monkeypatch):
    """No forum settings inherited from whoever runs the suite."""
    for name in ("DATABASE_URL", "SECRET_KEY", "FORUM_ENV", "FORUM_HTTPS", "FORUM_PROXIES", "FORUM_TRUSTED_PROXIES",
                 "MAIL_TRANSPORT", "MAIL_HOST", "MAIL_OUTBOX", "MAIL_SECURITY", "MAIL_PORT", "FORUM_URL", "FORUM_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_database_defaults_to_a_sqlite_file_in_the_instance_folder(clean_env, tmp_path):
    settings = from_environment(tmp_path, {})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'forum.db'}"


@pytest.mark.parametrize("given, expected", [
    ("postgres://ana:pw@db.internal:5432/forum", "postgresql+psycopg://ana:pw@db.internal:5432/forum"),
    ("postgresql://ana:pw@db.internal/forum", "postgresql+psycopg://ana:pw@db.internal/forum"),
    ("postgresql+psycopg://ana@db.internal/forum", "postgresql+psycopg://ana@db.internal/forum"),
    ("sqlite:////srv/forum/forum.db", "sqlite:////srv/forum/forum.db"),
])
def test_database_url_is_rewritten_for_psycopg(clean_env, tmp_path, given, expected):
    clean_env.setenv("DATABASE_URL", given)
    assert from_environment(tmp_path, {})["SQLALCHEMY_DATABASE_URI"] == expected


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("only SQLite needs these pragmas")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() > 0
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize("secret", [None, "", "   "])
def test_production_refuses_to_start_without_a_secret_key(clean_env, tmp_path, secret):
    clean_env.setenv("FORUM_ENV", "production")
    if secret is not None:
        clean_env.setenv("SECRET_KEY", secret)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        from_environment(tmp_path, {})
    with pytest.raises(ConfigError):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert not (tmp_path / "secret_key").exists()


def test_production_with_a_secret_key_starts_and_uses_it(clean_env, tmp_path):
    clean_env.setenv("FORUM_ENV", "production")
    clean_env.setenv("SECRET_KEY", "a-real-production-secret")
    clean_env.setenv("MAIL_HOST", "smtp.example.org")
    clean_env.setenv("FORUM_URL", "https://forum.example.org")
    settings = from_environment(tmp_path, {})
    assert settings["TRUSTED_HOSTS"] == ["forum.example.org"]
    assert settings["SECRET_KEY"] == "a-real-production-secret"
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert (settings["MAIL_TRANSPORT"], settings["MAIL_HOST"], settings["MAIL_PORT"]) == ("smtp", "smtp.example.org", 587)


def test_production_without_a_mail_server_refuses_to_start(clean_env, tmp_path):
    # Without email nobody could confirm an address or reset a password.
    clean_env.setenv("FORUM_ENV", "production")
    clean_env.setenv("SECRET_KEY", "a-real-production-secret")
    clean_env.setenv("FORUM_URL", "https://forum.example.org")
    with pytest.raises(ConfigError, match="MAIL_HOST must be set"):
        from_environment(tmp_path, {})


def test_production_without_its_address_refuses_to_start(clean_env, tmp_path):
    clean_env.setenv("FORUM_ENV", "production")
    clean_env.setenv("SECRET_KEY", "a-real-production-secret")
    clean_env.setenv("MAIL_HOST", "smtp.example.org")
    with pytest.raises(ConfigError, match="FORUM_URL must be set"):
        from_environment(tmp_path, {})


def test_the_secret_key_file_is_private_from_the_start(clean_env, tmp_path, monkeypatch):
    import os

    # Made with its mode in the one call that creates it, so even with a
    # permissive umask it is never readable by others, not for a moment:
    # every file the process creates meanwhile is checked.
    created = []
    real_open = os.open

    def watching_open(path, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT:
            created.append((str(path), mode))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", watching_open)
    old = os.umask(0)
    try:
        from_environment(tmp_path, {})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert created == [(str(tmp_path / "secret_key"), 0o600)]


def test_a_request_for_another_host_is_refused(app_with_config):
    forum = app_with_config(FORUM_URL="https://forum.example.org", TRUSTED_HOSTS=["forum.example.org"])
    browser = forum.test_client()
    assert browser.get("/", headers={"Host": "evil.example"}).status_code == 400
    page = browser.get("/", headers={"Host": "forum.example.org"})
    assert page.status_code == 200 and "evil.example" not in page.get_data(as_text=True)


def test_development_writes_emails_to_the_outbox_folder(clean_env, tmp_path):
    settings = from_environment(tmp_path, {})
    assert settings["MAIL_TRANSPORT"] == "file"
    assert settings["MAIL_OUTBOX"] == str(tmp_path / "outbox")


def test_development_generates_a_key_once_and_keeps_it(clean_env, tmp_path):
    first = from_environment(tmp_path, {})["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert len(first) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert from_environment(tmp_path, {})["SECRET_KEY"] == first


def test_each_new_instance_gets_its_own_key(clean_env, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert from_environment(tmp_path / "a", {})["SECRET_KEY"] != from_environment(tmp_path / "b", {})["SECRET_KEY"]


def test_session_cookies_are_httponly_and_lax(clean_env, tmp_path):
    settings = from_environment(tmp_path, {})
    for prefix in ("SESSION", "REMEMBER"):
        assert settings[f"{prefix}_COOKIE_HTTPONLY"] is True
        assert settings[f"{prefix}_COOKIE_SAMESITE"] == "Lax"
        assert settings[f"{prefix}_COOKIE_SECURE"] is False


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_cookies_are_secure_when_served_over_https(clean_env, tmp_path, value):
    clean_env.setenv("FORUM_HTTPS", value)
    settings = from_environment(tmp_path, {})
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_SECURE"] is True
    assert settings["PREFERRED_URL_SCHEME"] == "https"


def test_test_config_wins_over_the_environment(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", "postgres://ana@db.internal/forum")
    settings = from_environment(tmp_path, {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "k"})
    assert settings["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
    assert not (tmp_path / "secret_key").exists()


def _set_cookie_headers(response):
    return response.headers.getlist("Set-Cookie")


def test_sign_in_response_sets_httponly_lax_cookies(client, member):
    response = form_post(client, "/auth/login", {"login": member.username, "password": factories.PASSWORD, "remember": "y"})
    assert response.status_code == 302
    cookies = _set_cookie_headers(response)
    assert {c.split("=", 1)[0] for c in cookies} >= {"session", "remember"}
    for cookie in cookies:
        assert "HttpOnly" in cookie, cookie
        assert "SameSite=Lax" in cookie, cookie
        assert "Secure" not in cookie, cookie


def test_sign_in_over_https_sets_secure_cookies(app, clean_env):
    clean_env.setenv("FORUM_HTTPS", "1")
    https_app = create_app(base_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    with https_app.app_context():
        member = factories.make_member(username="secure_sam")
        client = https_app.test_client()
        login_url = "https://localhost/auth/login"
        token = csrf_token_from(client.get(login_url).get_data(as_text=True))
        # Over HTTPS the CSRF check also wants the Referer a browser sends.
        response = client.post(
            login_url,
            data={"login": member.username, "password": factories.PASSWORD, "csrf_token": token},
            headers={"Referer": login_url},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        cookies = _set_cookie_headers(response)
        assert cookies
        for cookie in cookies:
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")


# Behind a reverse proxy, each person still has their own rate limit.

def _wrong_passwords_until_slowed_down(client, forwarded_for):
    for attempt in range(1, 30):
        response = client.post("/auth/login", data={
            "login": "nobody_at_all", "password": "guessing again 123",
            "csrf_token": csrf_token_from(client.get("/auth/login").get_data(as_text=True)),
        }, headers={"X-Forwarded-For": forwarded_for})
        if response.status_code == 429:
            return attempt
    return None


def test_behind_a_proxy_one_persons_wrong_passwords_do_not_lock_out_everyone(app_with_config, member):
    limited = app_with_config(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=["127.0.0.1"])
    guesser, neighbour = limited.test_client(), limited.test_client()
    # Both reach the forum through the same proxy, from their own addresses.
    assert _wrong_passwords_until_slowed_down(guesser, "203.0.113.5") is not None

    signed_in = neighbour.post("/auth/login", data={
        "login": member.username, "password": factories.PASSWORD,
        "csrf_token": csrf_token_from(neighbour.get("/auth/login").get_data(as_text=True)),
    }, headers={"X-Forwarded-For": "198.51.100.7"})
    assert signed_in.status_code == 302


def test_without_a_proxy_a_forged_forwarded_address_does_not_escape_the_limit(app_with_config, member):
    limited = app_with_config(RATELIMIT_ENABLED=True)
    guesser = limited.test_client()
    assert _wrong_passwords_until_slowed_down(guesser, "203.0.113.5") is not None
    assert _wrong_passwords_until_slowed_down(guesser, "198.51.100.7") == 1
