"""Registering, and confirming the address an account was registered with."""
from ..accounts.models import EMAIL_MAX
from ..accounts.passwords import hash_password, problem_with
from ..accounts.steps import check_username_free, create_account
from ..disclaimer.queries import current_version
from ..disclaimer.steps import record_acceptance
from ..errors import Refused
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step
from . import emails
from .address_queries import address_owner
from .tokens import read_token

NOT_ACCEPTED = "Please read and accept the guidelines and disclaimer."


@step
def _open_account(username, email, password, role="member"):
    user = create_account(username, email, password, role=role)
    user.guidelines_accepted_at = user.created_at
    record_acceptance(user, current_version(), at=user.created_at)
    return user


def register(username, email, password, accepted_terms, role="member"):
    """Create an account that has accepted the guidelines and the current
    disclaimer, recording when and which version. Its address is not
    confirmed and no email is sent: the command line and the demo use this;
    people joining through the page go through `sign_up`.

    Refuses a registration that did not accept them, and whatever
    `create_account` refuses (a bad or taken username or email, a weak
    password).
    """
    if not accepted_terms:
        raise Refused(NOT_ACCEPTED, field="accept")
    user = _open_account(username, email, password, role=role)
    db.session.commit()
    return user


def sign_up(username, email, password, accepted_terms):
    """Someone joining through the page. The answer never says whether the
    address already has an account (having one on a pain forum is itself
    health information): when it is new, the account is created and a
    confirmation link is sent to it; when it is taken, nothing is created
    and its owner is told someone tried, with a reset link. Both ways hash
    the password, so both take as long.

    Refuses, beside its field, what says nothing about the address: the
    terms not accepted, a bad or taken username (usernames are public), a
    malformed address, a weak password.
    """
    if not accepted_terms:
        raise Refused(NOT_ACCEPTED, field="accept")
    check_username_free(username)
    email = email.strip()
    if "@" not in email or len(email) > EMAIL_MAX:
        raise Refused("Enter a valid email address.", field="email")
    problem = problem_with(password, username=username.strip(), email=email)
    if problem:
        raise Refused(problem, field="password")
    owner = address_owner(email)
    if owner is None:
        emails.send_confirmation_link(_open_account(username, email, password))
    else:
        hash_password(password)
        emails.send_register_attempt(owner)
    db.session.commit()


def confirm_email(token):
    """Mark the address a confirmation link was sent to as confirmed, and
    return its member. Refuses (TokenError) a link that expired, was
    tampered with, or was used (or the address changed) since."""
    member, _data = read_token("confirm_email", token)
    if member.email_confirmed_at is None:
        member.email_confirmed_at = utcnow()
    db.session.commit()
    return member


def send_confirmation_again(member):
    """A new confirmation link to an address not yet confirmed; nothing
    for one already confirmed."""
    if member.email_confirmed_at is not None:
        return False
    emails.send_confirmation_link(member)
    db.session.commit()
    return True
