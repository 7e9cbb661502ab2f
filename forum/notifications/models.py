from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

# What each kind of notification is headed with on the member's page.
KIND_LABELS = {
    "warning": "Warning from the moderators",
    "report_outcome": "About your report",
    "suspension_lifted": "Your account",
    "practitioner": "Your practitioner application",
    "helpful": "Your reply helped someone",
    "moderator_message": "A message from the moderators",
    "thread_retitled": "About your thread",
    "thread_access": "Who can read your thread",
    "reply": "New replies",
    "new_thread": "A new thread in a category you follow",
    "mention": "You were mentioned",
    "quote": "Your post was quoted",
    "practitioner_answer": "A practitioner answered",
    "reaction_helpful": "Found helpful",
    "reaction_me_too": "Me too",
    "moderation": "A moderator acted on your post",
    "thread_moderation": "A moderator acted on your thread",
    "account": "Your account",
}

# Kinds about others' posts, which count as read once the member has been
# shown the post; what the moderators tell them stays until they mark it.
READ_BY_VISITING = frozenset({"reply", "new_thread", "mention", "quote", "practitioner_answer", "helpful",
                              "reaction_helpful", "reaction_me_too"})

# Kinds that gather while unread: one line says "3 new replies", not three.
GROUPED_KINDS = frozenset({"reply", "reaction_helpful", "reaction_me_too"})


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_member_id_id", "member_id", "id"),
        # A member's unread notifications about one thread, read as they read it.
        Index("ix_notifications_member_id_thread_id", "member_id", "thread_id", "read_at"),
        # Finding the unread group a new reply or reaction joins.
        Index("ix_notifications_thread_id_kind", "thread_id", "kind"),
        Index("ix_notifications_post_id_kind", "post_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What it is about, when it is about a post: the link lands on the post.
    # No foreign keys: a notification outlives a deleted thread or account.
    thread_id: Mapped[int | None] = mapped_column(Integer)
    post_id: Mapped[int | None] = mapped_column(Integer)
    # Who caused it (the latest, for a group), and how many it gathers.
    actor_id: Mapped[int | None] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # When the newest event joined it.
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When it was last emailed (immediately or in a digest): a group that
    # grows while unread is not emailed again for every new reply.
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, "Notification")


class EmailPreference(db.Model):
    """How a member wants to hear by email about one topic of notifications
    (notifications.email_topics): "immediately", "daily" or "never". Only a
    choice that differs from the topic's default needs a row."""

    __tablename__ = "email_preferences"

    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(30), primary_key=True)
    choice: Mapped[str] = mapped_column(String(12))
