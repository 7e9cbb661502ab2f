"""X-Forwarded-For is believed only from the proxies the forum was told about."""
import pytest
from flask import Flask, request

from forum.config import ConfigError, from_environment
from forum.proxies import TrustedProxies, parse_networks
from tests import factories
from tests.conftest import csrf_token_from


def echo_app(trusted):
    """A tiny app behind the middleware that says who it thinks is asking."""
    app = Flask(__name__)

    @app.get("/")
    def who():
        return f"{request.remote_addr} {request.scheme}"

    app.wsgi_app = TrustedProxies(app.wsgi_app, parse_networks(trusted))
    return app.test_client()


def seen(client, remote, forwarded_for=None, proto=None):
    headers = {}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    if proto is not None:
        headers["X-Forwarded-Proto"] = proto
    return client.get("/", headers=headers, environ_base={"REMOTE_ADDR": remote}).get_data(as_text=True)


def test_a_forged_header_from_an_untrusted_address_is_ignored():
    client = echo_app("10.0.0.1")
    assert seen(client, "203.0.113.5", "198.51.100.7", "https") == "203.0.113.5 http"


def test_with_no_proxies_configured_nothing_is_believed(app, client):
    assert app.config["TRUSTED_PROXIES"] == []
    assert seen(echo_app(""), "127.0.0.1", "198.51.100.7") == "127.0.0.1 http"


def test_a_trusted_proxy_is_believed():
    assert seen(echo_app("10.0.0.1"), "10.0.0.1", "198.51.100.7", "https") == "198.51.100.7 https"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    client = echo_app("10.0.0.0/8, 192.168.1.1")
    # The client forged the left-most entry; our proxies appended the rest.
    assert seen(client, "10.0.0.1", "6.6.6.6, 198.51.100.7, 192.168.1.1, 10.2.3.4") == "198.51.100.7 http"


def test_a_chain_of_only_trusted_addresses_leaves_the_proxy_as_the_client():
    assert seen(echo_app("10.0.0.0/8"), "10.0.0.1", "10.0.0.2, 10.0.0.3") == "10.0.0.1 http"


def test_garbage_in_the_chain_stops_the_walk():
    assert seen(echo_app("10.0.0.1"), "10.0.0.1", "198.51.100.7, not-an-address") == "10.0.0.1 http"


def test_ipv6_proxies_and_clients():
    assert seen(echo_app("::1, fd00::/8"), "::1", "2001:db8::7, fd00::2") == "2001:db8::7 http"


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("FORUM_PROXIES", "FORUM_TRUSTED_PROXIES", "SECRET_KEY", "FORUM_ENV"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("value, expected", [
    (None, []), ("", []), ("127.0.0.1", ["127.0.0.1/32"]),
    ("10.0.0.0/8, ::1", ["10.0.0.0/8", "::1/128"]),
])
def test_trusted_proxies_are_read_from_the_environment(clean_env, tmp_path, value, expected):
    if value is not None:
        clean_env.setenv("FORUM_TRUSTED_PROXIES", value)
    assert from_environment(tmp_path, {})["TRUSTED_PROXIES"] == expected


def test_a_bad_address_stops_the_forum_starting(clean_env, tmp_path):
    clean_env.setenv("FORUM_TRUSTED_PROXIES", "10.0.0.1, proxy.internal")
    with pytest.raises(ConfigError, match="proxy.internal"):
        from_environment(tmp_path, {})


def test_the_old_proxy_count_is_refused_with_directions(clean_env, tmp_path):
    clean_env.setenv("FORUM_PROXIES", "1")
    with pytest.raises(ConfigError, match="FORUM_TRUSTED_PROXIES"):
        from_environment(tmp_path, {})


def _wrong_password(client, forwarded_for):
    return client.post("/auth/login", data={
        "login": "nobody_at_all", "password": "guessing again 123",
        "csrf_token": csrf_token_from(client.get("/auth/login").get_data(as_text=True)),
    }, headers={"X-Forwarded-For": forwarded_for}, environ_base={"REMOTE_ADDR": "203.0.113.5"})


def test_the_forum_refuses_a_forged_header_from_an_untrusted_address(app_with_config, member):
    # The proxy is 10.0.0.1; this request comes straight from 203.0.113.5.
    limited = app_with_config(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=["10.0.0.1"])
    guesser = limited.test_client()
    statuses = [_wrong_password(guesser, f"198.51.100.{n}").status_code for n in range(1, 25)]
    assert 429 in statuses  # every forged address still counted against 203.0.113.5
    neighbour = limited.test_client()
    signed_in = neighbour.post("/auth/login", data={
        "login": member.username, "password": factories.PASSWORD,
        "csrf_token": csrf_token_from(neighbour.get("/auth/login").get_data(as_text=True)),
    }, environ_base={"REMOTE_ADDR": "198.51.100.99"})
    assert signed_in.status_code == 302
