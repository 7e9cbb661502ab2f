"""Registering and signing in."""
from sqlalchemy import or_, select

from ..accounts.models import User
from ..accounts.passwords import verify_password
from ..accounts.steps import create_account
from ..disclaimer.queries import current_version
from ..disclaimer.steps import record_acceptance
from ..errors import Refused
from ..extensions import db


def register(username, email, password, accepted_terms, role="member"):
    """Create an account that has accepted the guidelines and the current
    disclaimer, recording when and which version.

    Refuses a registration that did not accept them, and whatever
    `create_account` refuses (a bad or taken username or email, a weak
    password).
    """
    if not accepted_terms:
        raise Refused("Please read and accept the guidelines and disclaimer.", field="accept")
    user = create_account(username, email, password, role=role)
    user.guidelines_accepted_at = user.created_at
    record_acceptance(user, current_version(), at=user.created_at)
    db.session.commit()
    return user


def authenticate(login, password):
    """The member whose username or email and password match, else None.

    An unknown account and a wrong password are indistinguishable, in the
    answer and in the time taken.
    """
    key = login.strip().lower()
    user = db.session.scalar(
        select(User).where(or_(User.username_key == key, User.email_key == key))
    )
    if not verify_password(user.password_hash if user else None, password):
        return None
    return user
