from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

ROLES = ("member", "moderator", "admin")
USERNAME_MIN = 3
USERNAME_MAX = 30
USERNAME_PATTERN = r"^[A-Za-z0-9_.-]+$"
EMAIL_MAX = 254
# A skeleton can be longer than its name: m becomes rn.
SKELETON_MAX = 2 * USERNAME_MAX


def username_key(username):
    """What makes two usernames the same: case and surrounding spaces don't."""
    return username.strip().lower()


def email_key(email):
    return email.strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    # Case-folded copies carry the uniqueness rules, portable across databases.
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    # What the name looks like (accounts.names.skeleton). Not unique: names
    # that look alike but came before the rule keep working, and are listed
    # for the moderators instead. The empty default let migration 0004 add
    # the column without rebuilding the table; the forum always sets it.
    username_skeleton: Mapped[str] = mapped_column(String(SKELETON_MAX), index=True, server_default="")
    # Private: when the member last chose a new name (one change a month).
    username_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    email: Mapped[str] = mapped_column(String(254))
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="member", server_default="member")
    bio: Mapped[str] = mapped_column(Text, default="", server_default="")
    bio_html: Mapped[str] = mapped_column(Text, default="", server_default="")
    post_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    guidelines_accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    disclaimer_accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Which disclaimer version they last accepted (versions are never deleted).
    disclaimer_version_id: Mapped[int | None] = mapped_column(Integer)
    suspended_until: Mapped[datetime | None] = mapped_column(DateTime)
    banned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    suspension_reason: Mapped[str | None] = mapped_column(Text)
    # Kept on the row so every page knows about new notifications without a query.
    unread_notifications: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # A setting: follow the threads they start or reply to.
    follow_own_threads: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # Set when the member deleted their account: the row stays only so that
    # posts they chose to keep have an (anonymous) author.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When the member followed the link sent to their address. Until then
    # they may read and post, but are sent no notification emails.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Wrong passwords in a row from browsers this account never signed in
    # on; past a limit such browsers are slowed, then locked out for a while.
    sign_in_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sign_in_failed_at: Mapped[datetime | None] = mapped_column(DateTime)
    sign_in_locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    # When the last daily digest of notifications was sent.
    last_digest_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Settings for reading: an IANA time zone name ("Europe/London") for the
    # times shown, None for UTC; and "light", "dark" or "auto" (the device's).
    time_zone: Mapped[str | None] = mapped_column(String(64))
    theme: Mapped[str] = mapped_column(String(8), default="auto", server_default="auto")

    @property
    def is_suspended(self):
        if self.banned:
            return True
        return self.suspended_until is not None and self.suspended_until > utcnow()

    def __repr__(self):
        return f"<User {self.username}>"


class RetiredUsername(db.Model):
    """A name a member gave up. It stays reserved for them until
    `reserved_until`, so nobody else can take a practitioner's or a
    moderator's previous name and be mistaken for them; the row is kept
    afterwards, for the moderators."""

    __tablename__ = "retired_usernames"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    username: Mapped[str] = mapped_column(String(USERNAME_MAX))
    skeleton: Mapped[str] = mapped_column(String(SKELETON_MAX), index=True)
    retired_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reserved_until: Mapped[datetime] = mapped_column(DateTime)
