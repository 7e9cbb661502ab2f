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
}


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_member_id_id", "member_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, "Notification")
