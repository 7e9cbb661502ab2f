"""Creating an account, as part of a bigger verb (registering, an
administrator made from the command line)."""
import re

from sqlalchemy import select

from ..errors import Refused
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step
from .models import EMAIL_MAX, USERNAME_MAX, USERNAME_MIN, USERNAME_PATTERN, User, email_key, username_key
from .passwords import hash_password, problem_with


@step
def create_account(username, email, password, role="member"):
    """Add an account. Refuses a username that is not 3-30 letters, digits,
    _ - or ., a taken username or email (ignoring case), and a weak password."""
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
    problem = problem_with(password, username=username, email=email)
    if problem:
        raise Refused(problem, field="password")
    if db.session.scalar(select(User.id).where(User.username_key == username_key(username))):
        raise Refused("That username is taken. Try another.", field="username")
    if db.session.scalar(select(User.id).where(User.email_key == email_key(email))):
        raise Refused("An account already uses that email. Sign in instead?", field="email")
    user = User(
        username=username, username_key=username_key(username), email=email, email_key=email_key(email),
        password_hash=hash_password(password), role=role, created_at=utcnow(),
    )
    db.session.add(user)
    return user
