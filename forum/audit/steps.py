"""The one audit writer."""
import json

from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step
from .models import AUDIT_ACTIONS, AuditEntry


@step
def record(actor, action, target_type, target_id, snapshot, reason="", subject_id=None):
    """Add an audit entry to the current transaction; the caller commits.

    Writing the entry in the same transaction as the change means there is
    never a change without its entry, nor an entry for a change that failed.
    An action missing from AUDIT_ACTIONS is a programming error.
    """
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"{action!r} is not in AUDIT_ACTIONS: add it there, where the audit log's filter finds it.")
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
