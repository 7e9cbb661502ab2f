"""Password hashing and the rules a new password must meet."""
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_common = None

# Checked against when the account doesn't exist, so a wrong username takes
# as long to refuse as a wrong password.
_DUMMY_HASH = None


def common_passwords():
    global _common
    if _common is None:
        words = _COMMON_FILE.read_text().split()
        _common = frozenset(w.strip().lower() for w in words if w.strip())
    return _common


def problem_with(password, username="", email=""):
    """Why this password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 4:
        return "That password is one of the most common ones; choose something less guessable."
    if username and username.lower() in lowered:
        return "Your password shouldn't contain your username."
    if email and email.split("@")[0].lower() in lowered and len(email.split("@")[0]) >= 4:
        return "Your password shouldn't contain your email address."
    return None


def hash_password(password):
    return generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


def verify_password(password_hash, password):
    global _DUMMY_HASH
    if password_hash is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password("not-a-real-password-at-all")
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)
