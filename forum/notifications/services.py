"""Reading one's notifications."""
from sqlalchemy import update

from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import Notification
from .steps import count_unread


def mark_notifications_read(actor, member):
    """Mark all of a member's notifications read. Refuses anyone but the member."""
    require(actor, "mark_notifications_read", member)
    db.session.execute(
        update(Notification).where(Notification.member_id == member.id, Notification.read_at.is_(None)).values(read_at=utcnow())
    )
    count_unread(member.id)
    db.session.commit()


def mark_notification_read(actor, member, notification):
    """Mark one of a member's notifications read."""
    require(actor, "mark_notifications_read", member)
    if notification.member_id != member.id:
        raise ValueError("That notification is someone else's.")
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
        count_unread(member.id)
    db.session.commit()
