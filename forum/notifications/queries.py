from sqlalchemy import select

from ..extensions import db
from .models import Notification


def recent_notifications(member, limit=50):
    return db.session.scalars(
        select(Notification).where(Notification.member_id == member.id).order_by(Notification.id.desc()).limit(limit)
    ).all()
