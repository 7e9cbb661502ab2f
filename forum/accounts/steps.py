"""Creating an account and changing its name, as part of a bigger verb
(registering, an administrator made from the command line, a member's
rename)."""
from datetime import timedelta

from sqlalchemy import or_, select

from ..errors import Refused
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step
from .models import EMAIL_MAX, RetiredUsername, User, email_key, username_key
from .names import problem_with_name, skeleton
from .passwords import hash_password, problem_with

# How long a name given up stays its former owner's alone.
RESERVED_FOR = timedelta(days=90)

TAKEN = "That username is taken. Try another."
TOO_CLOSE = "That name is too close to an existing member's name ({name}). Try another."
# Whose name it was, and since when it isn't, are not said: a member may
# have changed their name to be left alone.
RESERVED = ("That name was in use until recently, and is kept aside for a while so that nobody is mistaken "
            "for whoever had it. Try another.")


@step
def check_username_free(username, member=None):
    """Refuse a name that breaks the name rules (accounts.names), is taken
    (ignoring case), looks like another member's name (the same skeleton),
    or looks like a name another member gave up less than RESERVED_FOR ago.
    `member`, when renaming, is left out: their own names, current and
    former, are theirs to take. Returns the name's skeleton."""
    username = username.strip()
    problem = problem_with_name(username)
    if problem:
        raise Refused(problem, field="username")
    key, look = username_key(username), skeleton(username)
    others = select(User).where(or_(User.username_key == key, User.username_skeleton == look)).order_by(User.id)
    reserved = select(RetiredUsername.id).where(RetiredUsername.skeleton == look, RetiredUsername.reserved_until > utcnow())
    if member is not None:
        others = others.where(User.id != member.id)
        reserved = reserved.where(RetiredUsername.member_id != member.id)
    alike = db.session.scalars(others).all()
    if any(other.username_key == key for other in alike):
        raise Refused(TAKEN, field="username")
    if alike:
        raise Refused(TOO_CLOSE.format(name=alike[0].username), field="username")
    if db.session.scalar(reserved.limit(1)) is not None:
        raise Refused(RESERVED, field="username")
    return look


@step
def create_account(username, email, password, role="member"):
    """Add an account. Refuses whatever check_username_free refuses about
    the name, an email address already in use (ignoring case) and a weak
    password."""
    username = username.strip()
    email = email.strip()
    look = check_username_free(username)
    # The form checks the address properly; this keeps a bad caller from
    # storing something that can never receive mail or fit the column.
    if "@" not in email or len(email) > EMAIL_MAX:
        raise Refused("Enter a valid email address.", field="email")
    problem = problem_with(password, username=username, email=email)
    if problem:
        raise Refused(problem, field="password")
    if db.session.scalar(select(User.id).where(User.email_key == email_key(email))):
        raise Refused("An account already uses that email. Sign in instead?", field="email")
    user = User(
        username=username, username_key=username_key(username), username_skeleton=look,
        email=email, email_key=email_key(email), password_hash=hash_password(password), role=role, created_at=utcnow(),
    )
    db.session.add(user)
    return user


@step
def rename_account(member, username):
    """Give `member` a new name, refused as check_username_free refuses,
    and keep the old one reserved for them for RESERVED_FOR."""
    username = username.strip()
    look = check_username_free(username, member=member)
    now = utcnow()
    db.session.add(RetiredUsername(
        member_id=member.id, username=member.username, skeleton=member.username_skeleton,
        retired_at=now, reserved_until=now + RESERVED_FOR,
    ))
    member.username = username
    member.username_key = username_key(username)
    member.username_skeleton = look
    member.username_changed_at = now
    return member
