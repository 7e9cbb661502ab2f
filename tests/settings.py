"""Where the suite's database lives, and the settings every test app shares."""
import os
import tempfile
from pathlib import Path


def database_url():
    """TEST_DATABASE_URL (PostgreSQL in CI) or a SQLite file of our own."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    folder = Path(tempfile.mkdtemp(prefix="forum-tests-"))
    return f"sqlite:///{folder / 'forum.db'}"


def base_config(url):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": url,
        # A fast hash keeps the suite quick; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "RATELIMIT_ENABLED": False,
        "MAIL_TRANSPORT": "file",
        "MAIL_OUTBOX": str(Path(tempfile.mkdtemp(prefix="forum-outbox-"))),
        "FORUM_URL": "http://forum.test",
    }
