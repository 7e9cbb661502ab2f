"""Delivering queued emails, with retries, and picking up any the queue lost."""
import logging
from datetime import timedelta

from flask import current_app
from huey import crontab
from huey.exceptions import RetryTask
from sqlalchemy import select, update

from ..extensions import db
from ..jobs.queue import dispatch, job, periodic
from ..timeutil import utcnow
from . import transport
from .compose import build_message
from .models import FAILED, QUEUED, SENDING, SENT, OutgoingEmail

log = logging.getLogger(__name__)

# Seconds to wait after each failed attempt; after the last, the email is failed.
BACKOFF = (30, 120, 600, 1800, 3600, 3 * 3600)
# A worker that claimed an email and said nothing for this long has died.
CLAIM_TIMEOUT = timedelta(minutes=15)
# An email still queued this long after it was due was lost by the queue.
LOST_AFTER = timedelta(minutes=2)


def _claim(email_id):
    """Mark the email as being sent, unless someone else already is."""
    claimed = db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.id == email_id, OutgoingEmail.status == QUEUED)
        .values(status=SENDING, claimed_at=utcnow())
    ).rowcount
    db.session.commit()
    return claimed == 1


@job()
def deliver_email(email_id):
    if not _claim(email_id):
        return
    email = db.session.get(OutgoingEmail, email_id)
    try:
        transport.send(build_message(email), current_app.config)
    except transport.TransportError as error:
        _failed(email, str(error))
        return
    email.status, email.sent_at = SENT, utcnow()
    email.attempts += 1
    db.session.commit()
    log.info("Sent email %s (%s) to member %s", email.id, email.kind, email.member_id)


def _failed(email, error):
    email.attempts += 1
    email.last_error = error[:500]
    if email.attempts > len(BACKOFF):
        email.status = FAILED
        db.session.commit()
        log.error("Gave up on email %s (%s) after %s attempts: %s", email.id, email.kind, email.attempts, error)
        return
    delay = BACKOFF[email.attempts - 1]
    email.status, email.next_attempt_at = QUEUED, utcnow() + timedelta(seconds=delay)
    db.session.commit()
    log.warning("Email %s (%s) not sent (attempt %s), trying again in %s s: %s", email.id, email.kind, email.attempts, delay, error)
    raise RetryTask(delay=delay)


@periodic(crontab(minute="*"))
def send_waiting_emails():
    """Queue again what the queue lost: emails due a while ago and not
    sent (the queue was down when they were written), and emails a worker
    claimed and then died."""
    now = utcnow()
    db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.status == SENDING, OutgoingEmail.claimed_at < now - CLAIM_TIMEOUT)
        .values(status=QUEUED)
    )
    db.session.commit()
    waiting = db.session.scalars(
        select(OutgoingEmail.id)
        .where(OutgoingEmail.status == QUEUED, OutgoingEmail.next_attempt_at < now - LOST_AFTER)
        .order_by(OutgoingEmail.id)
        .limit(200)
    ).all()
    for email_id in waiting:
        dispatch(deliver_email, email_id)
    return len(waiting)
