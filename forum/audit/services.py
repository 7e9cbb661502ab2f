"""The one audit writer."""
import json

from ..extensions import db
from ..timeutil import utcnow
from .models import AuditEntry


def record(actor, action, target_type, target_id, snapshot, reason="", subject_id=None):
    """Add an audit entry to the current transaction; the caller commits.

    Writing the entry in the same transaction as the change means there is
    never a change without its entry, nor an entry for a change that failed.
    """
    entry = AuditEntry(
        actor_id=actor.id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        subject_id=subject_id,
        snapshot=json.dumps(snapshot, default=str, sort_keys=True),
        reason=(reason or "").strip(),
        created_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def post_snapshot(post):
    return {
        "post_id": post.id,
        "thread_id": post.thread_id,
        "thread_title": post.thread.title if post.thread else None,
        "author": post.author.username if post.author else None,
        "body": post.body,
        "hidden": post.hidden_at is not None,
    }


def thread_snapshot(thread):
    return {
        "thread_id": thread.id,
        "title": thread.title,
        "category": thread.category.name if thread.category else None,
        "locked": thread.locked,
        "pinned": thread.pinned,
        "author": thread.author.username if thread.author else None,
    }


def member_snapshot(member):
    return {
        "member_id": member.id,
        "username": member.username,
        "role": member.role,
        "suspended_until": member.suspended_until,
        "banned": member.banned,
    }
