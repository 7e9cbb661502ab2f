"""Settings, read from the environment with safe defaults.

Development needs nothing set: the database is a SQLite file under
instance/ and the secret key is generated once and kept there. Production
(FORUM_ENV=production) refuses to start without SECRET_KEY.
"""
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit


class ConfigError(RuntimeError):
    pass


def _flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path, production, overrides):
    # A blank value (an empty line in an env file) is no key at all.
    key = (overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY") or "").strip()
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set when FORUM_ENV=production.")
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        # Readable by its owner only from the moment it exists (O_EXCL: two
        # processes starting at once can't both write one).
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as out:
                out.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _database_url(instance_path):
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "forum.db")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _trusted_proxies():
    # The addresses of the reverse proxies in front of the forum. Their
    # X-Forwarded-* headers are believed only on connections from them:
    # otherwise anyone could claim any address and walk past the rate limits.
    from .proxies import parse_networks

    if os.environ.get("FORUM_PROXIES", "").strip():
        raise ConfigError(
            "FORUM_PROXIES (a count of proxies) is no longer read: set FORUM_TRUSTED_PROXIES to the proxies' "
            "own addresses or networks, comma-separated (for example 127.0.0.1 or 10.0.0.0/8), and unset FORUM_PROXIES."
        )
    try:
        return [str(network) for network in parse_networks(os.environ.get("FORUM_TRUSTED_PROXIES", ""))]
    except ValueError as error:
        raise ConfigError(f"FORUM_TRUSTED_PROXIES: {error}.") from None


def _mail(instance_path, production, overrides):
    """Where email goes: an SMTP server in production (MAIL_HOST...), .eml
    files under instance/outbox otherwise, so nothing needs a mail server."""
    transport = (overrides.get("MAIL_TRANSPORT") or os.environ.get("MAIL_TRANSPORT", "").strip()
                 or ("smtp" if production else "file"))
    if transport not in {"smtp", "file"}:
        raise ConfigError("MAIL_TRANSPORT must be smtp or file.")
    security = os.environ.get("MAIL_SECURITY", "starttls").strip().lower()
    if security not in {"starttls", "tls", "none"}:
        raise ConfigError("MAIL_SECURITY must be starttls, tls or none.")
    if transport == "smtp" and production and not (overrides.get("MAIL_HOST") or os.environ.get("MAIL_HOST")):
        raise ConfigError("MAIL_HOST must be set when FORUM_ENV=production (or MAIL_TRANSPORT=file).")
    return {
        "MAIL_TRANSPORT": transport,
        "MAIL_HOST": os.environ.get("MAIL_HOST", "localhost"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT") or (465 if security == "tls" else 587)),
        "MAIL_SECURITY": security,
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_CA_FILE": os.environ.get("MAIL_CA_FILE", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Chronic Pain Forum <forum@localhost>"),
        "MAIL_OUTBOX": os.environ.get("MAIL_OUTBOX") or str(Path(instance_path) / "outbox"),
    }


def _forum_url(production, overrides):
    url = (overrides.get("FORUM_URL") or os.environ.get("FORUM_URL") or "").strip().rstrip("/")
    if url:
        if not urlsplit(url).hostname:
            raise ConfigError("FORUM_URL must be the forum's address, like https://forum.example.org")
        return url
    if production:
        raise ConfigError("FORUM_URL must be set when FORUM_ENV=production: links in emails and pages use it.")
    return f"http://localhost:{os.environ.get('PORT') or 5000}"


def _trusted_hosts(forum_url, production):
    """FORUM_URL's host, with FORUM_HOSTS (comma-separated) beside it; in
    development the loopback names too."""
    hosts = [urlsplit(forum_url).hostname] + [h.strip() for h in os.environ.get("FORUM_HOSTS", "").split(",") if h.strip()]
    if not production:
        hosts += ["localhost", "127.0.0.1"]
    return list(dict.fromkeys(hosts))


def from_environment(instance_path, overrides):
    """The settings; `overrides` (a test_config mapping) wins over the environment."""
    production = overrides.get("FORUM_ENV", os.environ.get("FORUM_ENV", "development")) == "production"
    https = _flag("FORUM_HTTPS", default=production)
    secret_key = _secret_key(instance_path, production, overrides)
    forum_url = _forum_url(production, overrides)
    settings = {
        "FORUM_ENV": "production" if production else "development",
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 512 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 30,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "WTF_CSRF_TIME_LIMIT": 60 * 60 * 4,
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", default=True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "TRUSTED_PROXIES": _trusted_proxies(),
        "THREADS_PER_PAGE": 25,
        "POSTS_PER_PAGE": 20,
        # The forum's public address, for links in emails (never the Host header).
        "FORUM_URL": forum_url,
        # Requests naming any other host are refused (400), so no link the
        # forum builds from a request (canonical, feeds) can name a stranger's.
        "TRUSTED_HOSTS": _trusted_hosts(forum_url, production),
        **_mail(instance_path, production, overrides),
    }
    settings.update(overrides)
    return settings
