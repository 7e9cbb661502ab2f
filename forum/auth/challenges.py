"""The challenge a browser's passkey must sign, kept in the session between
handing out the options and checking the answer.

Taken out as it is read, so one answer can't be checked twice in this
session, and refused after a few minutes: the session is a signed cookie, so
an old copy of it could still hold a challenge, and the age bounds how long
a captured answer could be replayed with one.
"""
from flask import session
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from ..timeutil import utcnow

LIFETIME_SECONDS = 5 * 60


def keep_challenge(purpose, challenge, **extra):
    session[f"passkey_{purpose}"] = {"challenge": bytes_to_base64url(challenge), "at": utcnow().timestamp(), **extra}


def take_challenge(purpose):
    """(challenge bytes, the extras kept with it), or (None, {}) when there is
    none or it is too old."""
    kept = session.pop(f"passkey_{purpose}", None)
    if not isinstance(kept, dict) or not isinstance(kept.get("challenge"), str):
        return None, {}
    age = utcnow().timestamp() - kept.get("at", 0)
    if not 0 <= age <= LIFETIME_SECONDS:
        return None, {}
    extra = {k: v for k, v in kept.items() if k not in ("challenge", "at")}
    return base64url_to_bytes(kept["challenge"]), extra
