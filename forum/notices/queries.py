from sqlalchemy import select

from ..extensions import db
from .models import Notice


def recent_notices(member, limit=50):
    return db.session.scalars(
        select(Notice).where(Notice.member_id == member.id).order_by(Notice.id.desc()).limit(limit)
    ).all()
