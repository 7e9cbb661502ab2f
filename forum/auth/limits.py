"""How many wrong passwords an account takes, counted per account whatever
address they come from (the per-address limits stay in front).

Five wrong in a row and the account's password sign-in slows down: each
further failure closes it for PAUSE. Ten and it is locked for LOCK_FOR,
and its owner gets one email. So that a stranger guessing can't keep a
member out, none of it applies in a browser the member has signed in from
before (a signed "known device" cookie), to passkeys or to the emailed
reset link; and the lock runs out by itself.

A name or address with no account is slowed down and locked the same way
(counted where the rate limits are, RATELIMIT_STORAGE_URI, so shared by
every app host), so that guessing at it can't tell a stranger whether an
account exists.
"""
import hashlib

from datetime import timedelta

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from limits.storage import storage_from_string
from sqlalchemy import update

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step

SLOW_DOWN_AFTER = 5
PAUSE = timedelta(seconds=30)
LOCK_AFTER = 10
LOCK_FOR = timedelta(minutes=15)
TOO_MANY = "Too many attempts: wait a minute and try again."

KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_FOR = timedelta(days=365)
# A shared computer remembers a few accounts, not a crowd.
KNOWN_DEVICE_ACCOUNTS = 5


def paused(member, now):
    """Whether password sign-in to `member` is refused for now."""
    if member.sign_in_locked_until is not None and member.sign_in_locked_until > now:
        return True
    return (member.sign_in_failures >= SLOW_DOWN_AFTER and member.sign_in_failed_at is not None
            and member.sign_in_failed_at + PAUSE > now)


@step
def count_failure(member):
    """One more wrong password, counted in SQL so that attempts sent at once
    all count. Returns True when this failure locked the account for the
    first time in the run (the moment to tell its owner)."""
    now = utcnow()
    failures = db.session.execute(
        update(User).where(User.id == member.id)
        .values(sign_in_failures=User.sign_in_failures + 1, sign_in_failed_at=now)
        .returning(User.sign_in_failures)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    if failures < LOCK_AFTER:
        return False
    if member.sign_in_locked_until is None or member.sign_in_locked_until <= now:
        # Also once the lock ran out and guessing goes on: locked again, quietly.
        db.session.execute(
            update(User).where(User.id == member.id).values(sign_in_locked_until=now + LOCK_FOR)
            .execution_options(synchronize_session=False)
        )
    return failures == LOCK_AFTER


@step
def clear_failures(member):
    if member.sign_in_failures or member.sign_in_locked_until is not None:
        member.sign_in_failures = 0
        member.sign_in_failed_at = None
        member.sign_in_locked_until = None


def _devices(secret_key):
    return URLSafeTimedSerializer(secret_key, salt="known-device")


def known_accounts(secret_key, cookie):
    """The ids of the accounts this browser has signed in to, from its cookie."""
    if not cookie:
        return []
    try:
        ids = _devices(secret_key).loads(cookie, max_age=int(KNOWN_DEVICE_FOR.total_seconds()))
    except BadData:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def known_device_cookie(secret_key, cookie, member_id):
    """The cookie's new value once `member_id` signed in here."""
    ids = [i for i in known_accounts(secret_key, cookie) if i != member_id]
    return _devices(secret_key).dumps(([member_id] + ids)[:KNOWN_DEVICE_ACCOUNTS])


def _unknown_keys(login):
    digest = hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]
    return tuple(f"sign-in-unknown:{part}:{digest}" for part in ("failures", "paused", "locked"))


def _guesses():
    """Counters of guesses at names with no account; a storage of their own,
    so they count whether or not the rate limits are switched on."""
    storage = current_app.extensions.get("sign_in_guesses")
    if storage is None:
        storage = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
        current_app.extensions["sign_in_guesses"] = storage
    return storage


def unknown_paused(login):
    """Whether guesses at `login`, which names no account, are refused for now."""
    _, pause_key, lock_key = _unknown_keys(login)
    guesses = _guesses()
    return guesses.get(lock_key) > 0 or guesses.get(pause_key) > 0


def count_unknown_failure(login):
    """One more guess at a name with no account: paused and locked after as
    many as an account would be."""
    failures_key, pause_key, lock_key = _unknown_keys(login)
    guesses = _guesses()
    failures = guesses.incr(failures_key, int(LOCK_FOR.total_seconds()))
    if failures >= SLOW_DOWN_AFTER:
        guesses.incr(pause_key, int(PAUSE.total_seconds()))
    if failures >= LOCK_AFTER:
        guesses.incr(lock_key, int(LOCK_FOR.total_seconds()))
