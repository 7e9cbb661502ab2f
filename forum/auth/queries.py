"""Who is signing in, and who a browser is signed in as."""
from sqlalchemy import or_, select

from ..accounts.models import User, email_key, username_key
from ..accounts.passwords import verify_password
from ..accounts.security_models import MemberSession
from ..extensions import db


def account_for(login):
    """The account whose username or email is `login`, else None."""
    return db.session.scalar(
        select(User).where(or_(User.username_key == username_key(login), User.email_key == email_key(login)))
    )


def authenticate(login, password):
    """The member whose username or email and password match, else None,
    counting nothing (signing in through the page counts wrong passwords:
    session_services.sign_in_with_password).

    An unknown account and a wrong password are indistinguishable, in the
    answer and in the time taken.
    """
    user = account_for(login)
    if not verify_password(user.password_hash if user else None, password):
        return None
    return user


def signed_in(member_id, token_hash):
    """(member, session) for a live session of a member not deleted, in one
    query, else None."""
    try:
        member_id = int(member_id)
    except (TypeError, ValueError):
        return None
    row = db.session.execute(
        select(User, MemberSession)
        .join(MemberSession, MemberSession.member_id == User.id)
        .where(User.id == member_id, User.deleted_at.is_(None),
               MemberSession.token_hash == token_hash, MemberSession.ended_at.is_(None))
    ).first()
    return tuple(row) if row is not None else None


def remembered(selector):
    """(member, session) holding this remember-me selector, live, else None."""
    row = db.session.execute(
        select(User, MemberSession)
        .join(MemberSession, MemberSession.member_id == User.id)
        .where(MemberSession.remember_selector == selector, User.deleted_at.is_(None),
               MemberSession.ended_at.is_(None))
    ).first()
    return tuple(row) if row is not None else None


def live_sessions(member):
    """The member's signed-in browsers, most recently used first."""
    return db.session.scalars(
        select(MemberSession)
        .where(MemberSession.member_id == member.id, MemberSession.ended_at.is_(None))
        .order_by(MemberSession.last_seen_at.desc(), MemberSession.id.desc())
    ).all()
