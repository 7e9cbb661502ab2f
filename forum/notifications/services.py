"""Sending and reading notifications. The member's unread count lives on the
user row, so every page knows it without another query."""
from sqlalchemy import update

from ..accounts.models import User
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import Notification


def notify(member_id, kind, body):
    """Add a notification to the current transaction; the caller commits."""
    db.session.add(Notification(member_id=member_id, kind=kind, body=body, created_at=utcnow()))
    db.session.execute(update(User).where(User.id == member_id).values(unread_notifications=User.unread_notifications + 1))


def mark_notifications_read(actor, member):
    """Mark all of a member's notifications read. Refuses anyone but the member."""
    require(actor, "mark_notifications_read", member)
    db.session.execute(
        update(Notification).where(Notification.member_id == member.id, Notification.read_at.is_(None)).values(read_at=utcnow())
    )
    db.session.execute(update(User).where(User.id == member.id).values(unread_notifications=0))
    db.session.commit()
