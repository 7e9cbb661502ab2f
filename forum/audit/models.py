from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow

# Every action that leaves an entry: the verb's name, which is also its
# permission's. The writer refuses any other, so a new audited verb can't be
# left out of the log's filter; a test pins a whole entry for each.
AUDIT_ACTIONS = (
    "hide_post", "restore_post", "note_post", "edit_post", "lock_thread", "unlock_thread", "pin_thread",
    "unpin_thread", "move_thread", "retitle_thread", "warn_member", "suspend_member", "lift_suspension", "note_member",
    "dismiss_report", "appoint_moderator", "remove_moderator", "publish_disclaimer",
    "verify_practitioner", "request_practitioner_info", "reject_practitioner", "revoke_practitioner",
    "add_term", "rename_term", "merge_terms",
    "add_safety_phrase", "remove_safety_phrase", "add_crisis_resource", "change_crisis_resource",
    "remove_crisis_resource",
    "reach_out",
    "set_members_only",
    # A member's own, the one entry they leave: that the account went, never who it was.
    "delete_account",
)


class AuditEntry(db.Model):
    """Who did what, to what, when and why. Never edited, never deleted."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_actor_id_id", "actor_id", "id"),
        Index("ix_audit_entries_action_id", "action", "id"),
        Index("ix_audit_entries_subject_id_id", "subject_id", "id"),
        Index("ix_audit_entries_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int | None] = mapped_column(Integer)
    # The member the action concerns (a post's author, a suspended member).
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A JSON copy of the target as it was, so the entry outlives the target.
    snapshot: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    actor: Mapped[User] = relationship(foreign_keys=[actor_id])
    subject: Mapped[User | None] = relationship(foreign_keys=[subject_id])


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper, connection, target):
    raise AuditLogIsAppendOnly("Audit entries are never edited.")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise AuditLogIsAppendOnly("Audit entries are never deleted.")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    # The two listeners above only see objects flushed one by one; an
    # `update(AuditEntry)` or `delete(AuditEntry)` statement skips them.
    if (state.is_update or state.is_delete) and any(m.class_ is AuditEntry for m in state.all_mappers):
        raise AuditLogIsAppendOnly("Audit entries are never edited or deleted.")
