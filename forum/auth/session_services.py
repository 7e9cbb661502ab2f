"""Signing in and out, and a member's signed-in browsers: the verbs.

The Flask side (cookies, the current member) is in session.py; these take
plain arguments and commit once.
"""
import logging
from datetime import timedelta
from typing import NamedTuple

from sqlalchemy import select, update

from ..accounts.passwords import verify_password
from ..accounts.security_models import MemberSession
from ..errors import Refused
from ..extensions import db
from ..mail.steps import queue_email
from ..permissions import require
from ..timeutil import utcnow
from ..transactions import step
from . import queries
from .limits import LOCK_FOR, TOO_MANY, clear_failures, count_failure, count_unknown_failure, paused, unknown_paused
from .sessions import USER_AGENT_MAX, end_one_session, end_sessions, open_session, remember_verdict, rotate_remember

log = logging.getLogger(__name__)

# last_seen_at is approximate on purpose: a write on every page would be a
# write on every read.
SEEN_EVERY = timedelta(hours=1)


class SignInPaused(Refused):
    status = 429


class Opened(NamedTuple):
    session_id: int
    token: str
    remember_cookie: str | None


class Restored(NamedTuple):
    member: object
    session_id: int
    # None when the browser keeps the cookies it has (a request sent at the
    # same moment as the one that replaced them).
    token: str | None = None
    remember_cookie: str | None = None


@step
def _send_sign_in_locked(member):
    queue_email(
        member.email, "sign_in_locked", "Someone tried to sign in to your account many times", "sign_in_locked",
        member_id=member.id, username=member.username, minutes=int(LOCK_FOR.total_seconds() // 60),
    )


def sign_in_with_password(login, password, known_accounts=()):
    """The member whose username or email and password match, else None.

    Refuses with SignInPaused, without checking the password, while the
    account is slowed down or locked (limits.py), unless this browser is one
    the member signed in from before (`known_accounts`). Counts a wrong
    password against the account; the tenth in a row locks it and emails
    its owner once. An unknown account is answered as a wrong password, in
    the same time."""
    member = queries.account_for(login)
    if _paused(member, login, known_accounts):
        verify_password(member.password_hash if member else None, "")  # the same hashing work as any other answer
        raise SignInPaused(TOO_MANY, field="password")
    matched = verify_password(member.password_hash if member else None, password)
    if matched:
        clear_failures(member)
    elif member is None:
        count_unknown_failure(login)
    elif count_failure(member):
        _send_sign_in_locked(member)
    db.session.commit()
    return member if matched else None


def _paused(member, login, known_accounts):
    if member is None:
        return unknown_paused(login)
    return member.id not in known_accounts and paused(member, utcnow())


def begin_session(member, remember, user_agent):
    """Record a browser `member` just signed in on."""
    row, token, cookie = open_session(member, remember, user_agent)
    opened = Opened(row.id, token, cookie)
    db.session.commit()
    return opened


def restore_session(selector, validator, user_agent):
    """Sign a browser back in from its remember-me cookie, replacing the
    session token and the validator. Returns Restored, or None when the
    cookie is unknown, expired or ended. A validator older than the one
    just replaced means someone else used a copy of the cookie: that
    session is ended, on both browsers."""
    found = queries.remembered(selector)
    if found is None:
        return None
    member, row = found
    verdict = remember_verdict(row, validator, utcnow())
    restored = None
    if verdict == "grace":
        return Restored(member, row.id)
    if verdict == "stolen":
        log.warning("Remember-me cookie replayed for member %s: session %s ended", member.id, row.id)
        end_one_session(row)
    elif verdict == "current":
        if user_agent:
            row.user_agent = user_agent[:USER_AGENT_MAX]
        restored = Restored(member, row.id, *rotate_remember(row))
    db.session.commit()
    return restored


def note_seen(session_id):
    """Mark a session used now (called at most once per SEEN_EVERY)."""
    db.session.execute(update(MemberSession).where(MemberSession.id == session_id).values(last_seen_at=utcnow()))
    db.session.commit()


def sign_out(session_id):
    """End the session this browser is signed in with."""
    row = db.session.get(MemberSession, session_id)
    if row is not None and row.ended_at is None:
        end_one_session(row)
    db.session.commit()


def end_session(actor, session_id):
    """End one of `actor`'s own sessions (another browser). Refuses another
    member's session, or one already ended, as not found."""
    row = db.session.scalar(select(MemberSession).where(MemberSession.id == session_id, MemberSession.ended_at.is_(None)))
    require(actor, "end_session", row)
    end_one_session(row)
    db.session.commit()


def end_other_sessions(actor, member, keep):
    """End every session of `member` but the one with id `keep`."""
    require(actor, "end_sessions", member)
    ended = end_sessions(member, keep=keep)
    db.session.commit()
    return ended


def end_all_sessions(actor, member):
    """End every session of `member`, the one in use included."""
    require(actor, "end_sessions", member)
    ended = end_sessions(member)
    db.session.commit()
    return ended
