"""Fresh confirmation: some changes to an account (adding or removing a
passkey) need the member to have typed their password a moment ago in this
session, so a browser left signed in, or a stolen session cookie, isn't
enough to give someone else a way in.

Signing in doesn't count: a remembered sign-in from weeks ago would then be
"fresh". The mark lives in the session, which is emptied at every sign-in
and sign-out.
"""
from datetime import timedelta

from flask import session

from ..accounts.passwords import verify_password
from ..timeutil import utcnow

FRESH_FOR = timedelta(minutes=10)
_KEY = "password_confirmed_at"


def mark_confirmed():
    session[_KEY] = utcnow().timestamp()


def confirmed_recently():
    when = session.get(_KEY)
    if not isinstance(when, (int, float)):
        return False
    age = utcnow().timestamp() - when
    return 0 <= age <= FRESH_FOR.total_seconds()


def confirm_password(member, password):
    """True, and the session marked as freshly confirmed, when `password` is
    `member`'s."""
    if not verify_password(member.password_hash, password or ""):
        return False
    mark_confirmed()
    return True
