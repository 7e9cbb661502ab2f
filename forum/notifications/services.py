"""Reading one's notifications."""
from sqlalchemy import update

from ..accounts.models import User
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import Notification


def mark_notifications_read(actor, member):
    """Mark all of a member's notifications read. Refuses anyone but the member."""
    require(actor, "mark_notifications_read", member)
    db.session.execute(
        update(Notification).where(Notification.member_id == member.id, Notification.read_at.is_(None)).values(read_at=utcnow())
    )
    db.session.execute(update(User).where(User.id == member.id).values(unread_notifications=0))
    db.session.commit()
