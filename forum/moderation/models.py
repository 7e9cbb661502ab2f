from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..threads.models import Post
from ..timeutil import utcnow

# (value, label, urgent): urgent reasons go to the top of the queue.
REPORT_REASONS = [
    ("misinformation", "Medical misinformation or dangerous advice", False),
    ("advertising", "Advertising or self-promotion", False),
    ("harassment", "Harassment or unkindness", False),
    ("personal_info", "Personal information exposed", False),
    ("emergency", "Describes an emergency", True),
    ("self_harm", "Risk of self-harm", True),
    ("other", "Other (please say what)", False),
]
REASON_LABELS = {value: label for value, label, _ in REPORT_REASONS}
URGENT_REASONS = {value for value, _, urgent in REPORT_REASONS if urgent}


class ReportCase(db.Model):
    """One queue item: every open report about one post."""

    __tablename__ = "report_cases"
    __table_args__ = (
        # The queue in exactly its order, so a page is read, never sorted.
        Index("ix_report_cases_queue", "status", "queue_rank", "opened_at", "id"),
        # The oldest open item, for the admin's front page.
        Index("ix_report_cases_status_opened_at", "status", "opened_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    # Set to post_id while open, NULL once closed: at most one open case a post.
    open_post_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(12), default="open")
    urgent: Mapped[int] = mapped_column(Integer, default=0)
    reporter_count: Mapped[int] = mapped_column(Integer, default=0)
    # -(urgent * 1,000,000 + reporter_count): lowest first puts urgent items
    # on top, then the most reported, with one ascending index (a mixed
    # DESC/ASC index doesn't survive migrations on SQLite).
    queue_rank: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Set when the safety checks opened the item: "red_flag" (a possible
    # emergency) or "crisis" (a possible risk of self-harm).
    signal: Mapped[str | None] = mapped_column(String(20))

    post: Mapped[Post] = relationship()
    reports: Mapped[list["Report"]] = relationship(back_populates="case", order_by="Report.id")


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("case_id", "reporter_id", name="uq_reports_case_id_reporter_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("report_cases.id"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    case: Mapped[ReportCase] = relationship(back_populates="reports")
    reporter: Mapped[User] = relationship()

    @property
    def reason_label(self):
        return REASON_LABELS.get(self.reason, self.reason)


class MemberNote(db.Model):
    """A private note about a member that only moderators see."""

    __tablename__ = "member_notes"
    __table_args__ = (Index("ix_member_notes_member_id_id", "member_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
