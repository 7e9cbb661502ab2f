"""Getting back into an account: a reset link by email, and using it."""
from datetime import timedelta

from sqlalchemy import func, select

from ..accounts.passwords import hash_password, problem_with
from ..errors import Refused
from ..extensions import db
from ..jobs.queue import send
from ..mail.models import OutgoingEmail
from ..timeutil import utcnow
from . import emails
from .address_queries import address_owner
from .sessions import end_sessions
from .tokens import read_token

# Reset emails one account may be sent in RESET_WINDOW: enough for a lost
# email or two, too few to flood someone's inbox from the forgot page.
RESET_EMAILS = 3
RESET_WINDOW = timedelta(hours=1)


def _recent_reset_emails(member):
    return db.session.scalar(
        select(func.count(OutgoingEmail.id)).where(
            OutgoingEmail.member_id == member.id, OutgoingEmail.kind == "reset_password",
            OutgoingEmail.created_at > utcnow() - RESET_WINDOW,
        )
    )


def ask_for_reset(email):
    """Someone asked for a reset link for `email`. Whether an account uses
    it is looked up by a job, after the answer: the page costs the same
    whatever the address, so its timing says nothing either."""
    from .jobs import send_reset_link

    send(send_reset_link, email or "")
    db.session.commit()


def request_password_reset(email):
    """Send a reset link to the live account using `email`, if there is
    one and it was sent fewer than RESET_EMAILS in the last hour. Says
    nothing either way, and refuses nothing."""
    member = address_owner(email or "")
    if member is None or _recent_reset_emails(member) >= RESET_EMAILS:
        return
    emails.send_reset_link(member)
    db.session.commit()


def reset_password(token, password):
    """Give the member a reset link is for a new password, end every
    session they have (whoever had the old password is out), and clear the
    wrong-password count and lock, since they proved they own the address.
    Receiving the link proves the address works, so it counts as confirmed.

    Refuses a link that can't be used (TokenError) and a weak password
    (Refused, beside the field). Returns the member, to be signed in."""
    member, _data = read_token("reset_password", token)
    problem = problem_with(password, username=member.username, email=member.email)
    if problem:
        raise Refused(problem, field="password")
    member.password_hash = hash_password(password)
    member.sign_in_failures = 0
    member.sign_in_locked_until = None
    if member.email_confirmed_at is None:
        member.email_confirmed_at = utcnow()
    end_sessions(member)
    emails.send_password_changed(member)
    db.session.commit()
    return member
