from datetime import date, datetime, timedelta

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from .credentials import CREDENTIALS, jurisdiction_name

# pending -> info_requested -> pending (answered) -> verified -> revoked;
# pending or info_requested -> rejected or withdrawn; a verified application
# is superseded when a renewal is verified. "Lapsed" is never stored: it is
# a verified application whose lapse time has passed, so no job has to run
# for a badge to go.
OPEN_STATUSES = ("pending", "info_requested")
# The statuses each verb moves an application from: the services move only
# from these, and the pages offer a verb only where it applies.
MOVES_FROM = {
    "answer_practitioner_info": ("info_requested",),
    "withdraw_practitioner": OPEN_STATUSES,
    "verify_practitioner": ("pending",),
    "request_practitioner_info": ("pending",),
    "reject_practitioner": OPEN_STATUSES,
    "revoke_practitioner": ("verified",),
}
# Practitioners are told this long before their verification lapses.
LAPSE_WARNING = timedelta(days=30)
STATUS_LABELS = {
    "pending": "Waiting for a moderator",
    "info_requested": "More information requested",
    "verified": "Verified",
    "lapsed": "Lapsed",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "revoked": "Revoked",
    "superseded": "Replaced by a renewal",
}


class Application(db.Model):
    """One member's request to be shown as a licensed practitioner, and what
    the moderators found when they checked the licence."""

    __tablename__ = "practitioner_applications"
    __table_args__ = (
        # The badge on every page: a member's verification still in force.
        Index("ix_practitioner_applications_badge", "member_id", "status", "lapses_at"),
        # The verification queue, oldest first, and lapsing verifications.
        Index("ix_practitioner_applications_queue", "status", "created_at", "id"),
        Index("ix_practitioner_applications_lapsing", "status", "lapses_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # The member's id while the application is open, else NULL: a unique key
    # that lets a member have one open application at most, even when two
    # submissions race (NULLs never collide).
    open_for_member: Mapped[int | None] = mapped_column(Integer, unique=True)
    credential: Mapped[str] = mapped_column(String(8))
    licence_number: Mapped[str] = mapped_column(String(40))
    jurisdiction: Mapped[str] = mapped_column(String(8))
    jurisdiction_other: Mapped[str] = mapped_column(String(80), default="", server_default="")
    legal_name: Mapped[str] = mapped_column(String(120))
    licence_expires_on: Mapped[date] = mapped_column(Date)
    practice_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    city: Mapped[str] = mapped_column(String(80), default="", server_default="")
    npi: Mapped[str | None] = mapped_column(String(10))
    bio: Mapped[str] = mapped_column(Text, default="", server_default="")
    bio_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Private unless the practitioner chooses to show them.
    show_licence: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A moderator's question, and the applicant's answer.
    info_request: Mapped[str | None] = mapped_column(Text)
    info_answer: Mapped[str | None] = mapped_column(Text)
    # What the moderator checked: the board's name (shown with the badge),
    # the search address they used, and the day they looked.
    source_checked: Mapped[str | None] = mapped_column(String(200))
    source_url: Mapped[str | None] = mapped_column(String(500))
    checked_on: Mapped[date | None] = mapped_column(Date)
    lapses_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Why it was rejected or revoked, as the applicant is told.
    decision_reason: Mapped[str | None] = mapped_column(Text)
    lapse_notice_at: Mapped[datetime | None] = mapped_column(DateTime)

    member: Mapped[User] = relationship(foreign_keys=[member_id])

    def allows(self, verb):
        """Whether `verb` applies to the application as it stands."""
        return self.status in MOVES_FROM[verb]

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_lapsed(self):
        return self.status == "verified" and self.lapses_at is not None and self.lapses_at <= utcnow()

    @property
    def lapses_soon(self):
        now = utcnow()
        return self.status == "verified" and self.lapses_at is not None and now < self.lapses_at <= now + LAPSE_WARNING

    @property
    def shown_status(self):
        return "lapsed" if self.is_lapsed else self.status

    @property
    def status_label(self):
        return STATUS_LABELS[self.shown_status]

    @property
    def credential_name(self):
        return CREDENTIALS[self.credential][1]

    @property
    def badge_label(self):
        return f"Verified {CREDENTIALS[self.credential][0]}"

    @property
    def degree(self):
        """The credential itself where the badge names its profession (DPT, PTA)."""
        return self.credential if CREDENTIALS[self.credential][0] != self.credential else None

    @property
    def badge_explanation(self):
        return (f"{self.credential_name}. Licence checked with {self.source_checked} on {self.checked_on.isoformat()}; "
                f"valid until {self.lapse_date.isoformat()}.")

    @property
    def place(self):
        return jurisdiction_name(self.jurisdiction, self.jurisdiction_other)

    @property
    def lapse_date(self):
        return self.lapses_at.date() if self.lapses_at else None
