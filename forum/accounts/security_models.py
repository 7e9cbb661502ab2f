"""How members stay signed in: one row per signed-in browser, and passkeys."""
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class MemberSession(db.Model):
    """A browser a member signed in on. The session cookie carries a random
    token whose hash is `token_hash`: ending the row (signing out, a password
    change, "sign out everywhere") ends the session wherever the cookie was
    copied to. "Keep me signed in" adds a remember-me token (a selector to
    find the row, a validator stored hashed) that expires and is replaced
    each time it is used."""

    __tablename__ = "member_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember_selector: Mapped[str | None] = mapped_column(String(32), unique=True)
    remember_hash: Mapped[str | None] = mapped_column(String(64))
    # The validator before the last rotation, accepted for a minute so that
    # two requests sent at once with the old cookie don't sign the member out.
    previous_remember_hash: Mapped[str | None] = mapped_column(String(64))
    remember_rotated_at: Mapped[datetime | None] = mapped_column(DateTime)
    remember_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="", server_default="")
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)


class Passkey(db.Model):
    """A WebAuthn credential a member registered, to sign in without a password."""

    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # base64url of the authenticator's credential id.
    credential_id: Mapped[str] = mapped_column(String(700), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    name: Mapped[str] = mapped_column(String(60))
    transports: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
