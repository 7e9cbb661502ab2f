"""Sending and reading notices. The member's unread count lives on the user
row, so every page knows it without another query."""
from sqlalchemy import update

from ..accounts.models import User
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import Notice


def send_notice(member_id, kind, body):
    """Add a notice to the current transaction; the caller commits."""
    db.session.add(Notice(member_id=member_id, kind=kind, body=body, created_at=utcnow()))
    db.session.execute(update(User).where(User.id == member_id).values(unread_notices=User.unread_notices + 1))


def mark_notices_read(actor, member):
    """Mark all of a member's notices read. Refuses anyone but the member."""
    require(actor, "read_notices", member)
    db.session.execute(
        update(Notice).where(Notice.member_id == member.id, Notice.read_at.is_(None)).values(read_at=utcnow())
    )
    db.session.execute(update(User).where(User.id == member.id).values(unread_notices=0))
    db.session.commit()
