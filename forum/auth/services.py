"""Registering and signing in."""
import re

from sqlalchemy import or_, select

from ..accounts.models import User, email_key, username_key
from ..accounts.passwords import hash_password, problem_with, verify_password
from ..disclaimer.queries import current_version
from ..errors import Refused
from ..extensions import db
from ..timeutil import utcnow

USERNAME_MIN = 3
USERNAME_MAX = 30
USERNAME_PATTERN = r"^[A-Za-z0-9_.-]+$"
EMAIL_MAX = 254


def register(username, email, password, accepted_terms, role="member"):
    """Create a member account.

    Refuses a username that is not 3-30 letters, digits, _ - or ., a taken
    username or email (ignoring case), a weak password, and a registration
    that did not accept the guidelines and disclaimer. Records when they
    were accepted.
    """
    username = username.strip()
    email = email.strip()
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        raise Refused(f"Use {USERNAME_MIN} to {USERNAME_MAX} characters.", field="username")
    if not re.fullmatch(USERNAME_PATTERN, username):
        raise Refused("Use only letters, digits, and _ - .", field="username")
    # The form checks the address properly; this keeps a bad caller from
    # storing something that can never receive mail or fit the column.
    if "@" not in email or len(email) > EMAIL_MAX:
        raise Refused("Enter a valid email address.", field="email")
    if not accepted_terms:
        raise Refused("Please read and accept the guidelines and disclaimer.", field="accept")
    problem = problem_with(password, username=username, email=email)
    if problem:
        raise Refused(problem, field="password")
    if db.session.scalar(select(User.id).where(User.username_key == username_key(username))):
        raise Refused("That username is taken. Try another.", field="username")
    if db.session.scalar(select(User.id).where(User.email_key == email_key(email))):
        raise Refused("An account already uses that email. Sign in instead?", field="email")
    now = utcnow()
    current = current_version()
    user = User(
        username=username,
        username_key=username_key(username),
        email=email,
        email_key=email_key(email),
        password_hash=hash_password(password),
        role=role,
        created_at=now,
        guidelines_accepted_at=now,
        disclaimer_accepted_at=now,
        disclaimer_version_id=current.id if current else None,
    )
    db.session.add(user)
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
