"""Delivering queued emails, with retries, and picking up any the queue lost."""
from datetime import timedelta

from flask import current_app
from huey import crontab
from huey.exceptions import RetryTask
from sqlalchemy import select

from ..extensions import db
from ..jobs.queue import dispatch, job, periodic
from ..timeutil import utcnow
from . import transport
from .compose import build_message
from .models import QUEUED, OutgoingEmail
from .services import claim_email, record_failure, record_sent, release_abandoned_claims

# An email still queued this long after it was due was lost by the queue.
LOST_AFTER = timedelta(minutes=2)


@job()
def deliver_email(email_id):
    email = claim_email(email_id)
    if email is None:
        return
    try:
        transport.send(build_message(email), current_app.config)
    except transport.TransportError as error:
        delay = record_failure(email, str(error))
        if delay is not None:
            raise RetryTask(delay=delay) from None
        return
    record_sent(email)


def _lost_emails():
    return db.session.scalars(
        select(OutgoingEmail.id)
        .where(OutgoingEmail.status == QUEUED, OutgoingEmail.next_attempt_at < utcnow() - LOST_AFTER)
        .order_by(OutgoingEmail.id)
        .limit(200)
    ).all()


@periodic(crontab(minute="*"))
def send_waiting_emails():
    """Queue again what the queue lost: emails due a while ago and not
    sent (the queue was down when they were written), and emails a worker
    claimed and then died."""
    release_abandoned_claims()
    waiting = _lost_emails()
    for email_id in waiting:
        dispatch(deliver_email, email_id)
    return len(waiting)
