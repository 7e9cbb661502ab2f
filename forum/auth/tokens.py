"""Signed links sent by email: confirming an address, resetting a password,
changing an address, unsubscribing.

A token names the account and carries a fingerprint of what it is about
(the password hash for a reset, the address for a confirmation), so it
stops working once it has been used: using it changes what it fingerprints.
It is signed with SECRET_KEY and a salt per purpose, so a token made for one
purpose is worthless for another, and it expires.
"""
import hashlib
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..accounts.models import User
from ..extensions import db

LIFETIMES = {
    "confirm_email": timedelta(days=7),
    "reset_password": timedelta(hours=1),
    "change_email": timedelta(days=1),
    # Unsubscribe links in emails keep working: the email may be read late.
    "unsubscribe": timedelta(days=3650),
}

EXPIRED, INVALID, USED = "expired", "invalid", "used"


class TokenError(Exception):
    """The link can't be used; `reason` is EXPIRED, INVALID or USED."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _fingerprint(purpose, member, data):
    if purpose == "reset_password":
        state = member.password_hash
    elif purpose == "confirm_email":
        state = f"{member.email_key}|{member.email_confirmed_at is not None}"
    elif purpose == "change_email":
        state = member.email_key
    else:
        state = str(member.id)
    return hashlib.sha256(f"{purpose}|{state}".encode()).hexdigest()[:24]


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"forum-{purpose}")


def make_token(purpose, member, **data):
    """A token for `purpose` about `member`; `data` (short, JSON-able) rides along."""
    if purpose not in LIFETIMES:
        raise ValueError(f"Unknown token purpose {purpose!r}")
    payload = {"m": member.id, "f": _fingerprint(purpose, member, data), **data}
    return _serializer(purpose).dumps(payload)


def read_token(purpose, token):
    """The member a token is about and what it carries, or TokenError."""
    try:
        payload = _serializer(purpose).loads(token, max_age=int(LIFETIMES[purpose].total_seconds()))
    except SignatureExpired:
        raise TokenError(EXPIRED) from None
    except BadSignature:
        raise TokenError(INVALID) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("m"), int):
        raise TokenError(INVALID)
    member = db.session.get(User, payload["m"])
    if member is None or member.deleted_at is not None:
        raise TokenError(INVALID)
    data = {key: value for key, value in payload.items() if key not in {"m", "f"}}
    if payload.get("f") != _fingerprint(purpose, member, data):
        raise TokenError(USED)
    return member, data
