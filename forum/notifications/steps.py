"""Telling a member something, as part of whatever verb caused it."""
from sqlalchemy import update

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step
from .models import Notification


@step
def notify(member_id, kind, body):
    """Add a notification, and one to the member's unread count (kept on
    their row so every page knows it without a query)."""
    db.session.add(Notification(member_id=member_id, kind=kind, body=body, created_at=utcnow()))
    db.session.execute(update(User).where(User.id == member_id).values(unread_notifications=User.unread_notifications + 1))
