"""What delivering an email changes: the verbs the delivery jobs call, each
committing once."""
import logging
from datetime import timedelta

from sqlalchemy import update

from ..extensions import db
from ..timeutil import utcnow
from .models import FAILED, QUEUED, SENDING, SENT, OutgoingEmail

log = logging.getLogger(__name__)

# Seconds to wait after each failed attempt; after the last, the email is failed.
BACKOFF = (30, 120, 600, 1800, 3600, 3 * 3600)
# A worker that claimed an email and said nothing for this long has died.
CLAIM_TIMEOUT = timedelta(minutes=15)


def claim_email(email_id):
    """Mark the email as being sent, unless it is sent or someone else is
    sending it; the email, or None."""
    claimed = db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.id == email_id, OutgoingEmail.status == QUEUED)
        .values(status=SENDING, claimed_at=utcnow())
    ).rowcount
    db.session.commit()
    return db.session.get(OutgoingEmail, email_id) if claimed == 1 else None


def record_sent(email):
    email.status, email.sent_at = SENT, utcnow()
    email.attempts += 1
    db.session.commit()
    log.info("Sent email %s (%s) to member %s", email.id, email.kind, email.member_id)


def record_failure(email, error):
    """Count a failed attempt; the seconds to wait before the next one, or
    None once it is given up."""
    email.attempts += 1
    email.last_error = error[:500]
    delay = BACKOFF[email.attempts - 1] if email.attempts <= len(BACKOFF) else None
    if delay is None:
        email.status = FAILED
    else:
        email.status, email.next_attempt_at = QUEUED, utcnow() + timedelta(seconds=delay)
    db.session.commit()
    if delay is None:
        log.error("Gave up on email %s (%s) after %s attempts: %s", email.id, email.kind, email.attempts, error)
    else:
        log.warning("Email %s (%s) not sent (attempt %s), trying again in %s s: %s",
                    email.id, email.kind, email.attempts, delay, error)
    return delay


def release_abandoned_claims():
    """Emails a worker claimed and then died on go back in the queue."""
    released = db.session.execute(
        update(OutgoingEmail)
        .where(OutgoingEmail.status == SENDING, OutgoingEmail.claimed_at < utcnow() - CLAIM_TIMEOUT)
        .values(status=QUEUED)
    ).rowcount
    db.session.commit()
    return released
