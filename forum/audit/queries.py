from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.queries import find_member
from ..extensions import db
from .models import AuditEntry

PER_PAGE = 50


def audit_page(actor_id=None, action=None, subject_id=None, since=None, until=None, before_id=None, per_page=PER_PAGE):
    """Newest first, filtered; keyset-paginated on id so page 2,000 costs what page 1 does.

    Returns (entries, next_before_id).
    """
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(per_page + 1)
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if subject_id:
        query = query.where(AuditEntry.subject_id == subject_id)
    if since:
        query = query.where(AuditEntry.created_at >= datetime.combine(since, time.min))
    if until:
        # The end of that day, not the start of the next: there is no day after 31 Dec 9999.
        query = query.where(AuditEntry.created_at <= datetime.combine(until, time.max))
    if before_id:
        query = query.where(AuditEntry.id < before_id)
    entries = db.session.scalars(
        query.options(joinedload(AuditEntry.actor), joinedload(AuditEntry.subject))
    ).all()
    more = len(entries) > per_page
    entries = entries[:per_page]
    return entries, (entries[-1].id if more else None)


def search_audit(moderator=None, action=None, member=None, since=None, until=None, before_id=None):
    """The audit page for the admin's filters, which name people by username.

    Returns (entries, next_before_id, unknown): `unknown` when a name given
    matches nobody, and then there are no entries rather than all of them.
    """
    actor = find_member(moderator) if moderator else None
    subject = find_member(member) if member else None
    if (moderator and actor is None) or (member and subject is None):
        return [], None, True
    entries, next_before_id = audit_page(
        actor_id=actor and actor.id, action=action or None, subject_id=subject and subject.id,
        since=since, until=until, before_id=before_id,
    )
    return entries, next_before_id, False
