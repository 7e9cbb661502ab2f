"""Signed-in browsers, as building blocks of bigger verbs (signing in and
out, a password change or reset, "sign out everywhere").

Only hashes are stored: the session cookie carries a random token, the
remember-me cookie a selector (to find the row) and a validator, so a copy
of the table signs nobody in.
"""
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import update

from ..accounts.security_models import MemberSession
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step

REMEMBER_FOR = timedelta(days=30)
# Two requests sent at once with the same remember-me cookie: the second
# still finds the validator the first replaced.
ROTATION_GRACE = timedelta(seconds=60)
USER_AGENT_MAX = 200
_FORGET_REMEMBER = dict(remember_selector=None, remember_hash=None, previous_remember_hash=None,
                        remember_rotated_at=None, remember_expires_at=None)


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


@step
def end_sessions(member, keep=None):
    """End every live session of `member` but the one whose id is `keep`,
    with its remember-me token, in one UPDATE. Returns how many ended."""
    ending = update(MemberSession).where(MemberSession.member_id == member.id, MemberSession.ended_at.is_(None))
    if keep is not None:
        ending = ending.where(MemberSession.id != keep)
    result = db.session.execute(
        ending.values(ended_at=utcnow(), **_FORGET_REMEMBER).execution_options(synchronize_session=False)
    )
    return result.rowcount


@step
def end_one_session(member_session):
    member_session.ended_at = utcnow()
    for name, value in _FORGET_REMEMBER.items():
        setattr(member_session, name, value)


@step
def open_session(member, remember, user_agent):
    """A new signed-in browser. Returns (row, session token, remember-me
    cookie value or None): the secrets are never stored."""
    token = secrets.token_urlsafe(32)
    row = MemberSession(member_id=member.id, token_hash=digest(token), user_agent=(user_agent or "")[:USER_AGENT_MAX])
    cookie = None
    if remember:
        selector = secrets.token_urlsafe(16)
        validator = secrets.token_urlsafe(32)
        row.remember_selector = selector
        row.remember_hash = digest(validator)
        row.remember_expires_at = utcnow() + REMEMBER_FOR
        cookie = f"{selector}:{validator}"
    db.session.add(row)
    db.session.flush()
    return row, token, cookie


@step
def rotate_remember(member_session):
    """A fresh session token and remember-me validator on the same row; the
    replaced validator is accepted for ROTATION_GRACE more. Returns (session
    token, remember-me cookie value)."""
    now = utcnow()
    token, validator = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    member_session.token_hash = digest(token)
    member_session.previous_remember_hash = member_session.remember_hash
    member_session.remember_hash = digest(validator)
    member_session.remember_rotated_at = now
    member_session.remember_expires_at = now + REMEMBER_FOR
    member_session.last_seen_at = now
    return token, f"{member_session.remember_selector}:{validator}"


def remember_verdict(member_session, validator, now):
    """What a remember-me cookie found `member_session` says: "current",
    "grace" (the validator it replaced a moment ago), "expired" or "stolen"
    (an older validator: someone else used the cookie first)."""
    if member_session.remember_expires_at is None or member_session.remember_expires_at <= now:
        return "expired"
    presented = digest(validator)
    if secrets.compare_digest(presented, member_session.remember_hash or ""):
        return "current"
    rotated = member_session.remember_rotated_at
    if (member_session.previous_remember_hash and rotated and now - rotated <= ROTATION_GRACE
            and secrets.compare_digest(presented, member_session.previous_remember_hash)):
        return "grace"
    return "stolen"
