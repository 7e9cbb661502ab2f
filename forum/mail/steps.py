"""Queueing an email inside the caller's transaction."""
import json

from ..extensions import db
from ..jobs.queue import send
from ..transactions import step
from .compose import render_parts
from .models import OutgoingEmail


@step
def queue_email(to_address, kind, subject, template, *, member_id=None, headers=None, **context):
    """Write the email now (it says what was true when it happened) and hand
    it to the queue once the transaction is committed; if the transaction
    is rolled back, there is no email."""
    from .jobs import deliver_email

    text, html = render_parts(template, subject=subject, **context)
    email = OutgoingEmail(
        member_id=member_id, to_address=to_address, kind=kind, subject=subject,
        text_body=text, html_body=html, headers=json.dumps(headers or {}),
    )
    db.session.add(email)
    db.session.flush()
    send(deliver_email, email.id)
    return email
