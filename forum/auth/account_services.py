"""A member changing their own password or email address."""
from ..accounts.models import EMAIL_MAX, email_key
from ..accounts.passwords import hash_password, problem_with, verify_password
from ..errors import Refused
from ..extensions import db
from ..timeutil import utcnow
from . import emails
from .address_queries import address_owner
from .sessions import end_sessions
from .tokens import read_token

WRONG_PASSWORD = "That isn't your current password."
SAME_ADDRESS = "That is already your address."


def _check_password(member, password, field):
    if not verify_password(member.password_hash, password or ""):
        raise Refused(WRONG_PASSWORD, field=field)


def change_password(member, current_password, new_password, keep_session=None):
    """Give `member` a new password and end every other session of theirs
    (the one with id `keep_session`, this browser, stays); tell their
    address, so a change they didn't make doesn't go unnoticed.

    Refuses a wrong current password and a weak new one."""
    _check_password(member, current_password, "current_password")
    problem = problem_with(new_password, username=member.username, email=member.email)
    if problem:
        raise Refused(problem, field="new_password")
    member.password_hash = hash_password(new_password)
    end_sessions(member, keep=keep_session)
    emails.send_password_changed(member)
    db.session.commit()


def change_email(member, password, new_address):
    """Ask to move `member` to `new_address`: a link goes there, and the
    current address is told. Nothing changes until the link is followed.
    An address another account uses gets no link (its owner is not
    bothered), but the member is told the same as for any other address:
    the answer must not say who is registered.

    Refuses a wrong password, a malformed address and their own address."""
    _check_password(member, password, "password")
    new_address = (new_address or "").strip()
    if "@" not in new_address or len(new_address) > EMAIL_MAX:
        raise Refused("Enter a valid email address.", field="email")
    if email_key(new_address) == member.email_key:
        raise Refused(SAME_ADDRESS, field="email")
    if address_owner(new_address) is None:
        emails.send_change_email_link(member, new_address)
    emails.send_email_changing(member, new_address)
    db.session.commit()


def confirm_email_change(token):
    """Move the member a change link is for to the address it carries, now
    confirmed. Refuses (TokenError) a link that expired, was tampered with
    or was used (the address changed since), and (Refused) an address some
    other account took in the meantime. Returns the member."""
    member, data = read_token("change_email", token)
    new_address = str(data.get("address", ""))
    if "@" not in new_address:
        raise Refused("That link is not complete. Ask for a new one from your settings.")
    if address_owner(new_address) is not None:
        raise Refused("Another account uses that address now, so yours can't move to it.")
    member.email, member.email_key = new_address, email_key(new_address)
    member.email_confirmed_at = utcnow()
    db.session.commit()
    return member
