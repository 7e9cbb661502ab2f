from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class ThreadFollow(db.Model):
    """A member's choice about one thread. `following` false is a member who
    stopped following: replying again does not follow them back."""

    __tablename__ = "thread_follows"
    # Who follows a thread, for the fan-out of a new reply.
    __table_args__ = (Index("ix_thread_follows_thread_id_member_id", "thread_id", "member_id"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), primary_key=True)
    following: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CategoryFollow(db.Model):
    """A member told of every new thread in a category."""

    __tablename__ = "category_follows"
    __table_args__ = (Index("ix_category_follows_category_id_member_id", "category_id", "member_id"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ThreadRead(db.Model):
    """How far a member has read a thread: how many of its posts they have
    been shown (posts keep their places, deleted or not, so the count is a
    position), and the newest. Only ever moves forward."""

    __tablename__ = "thread_reads"

    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), primary_key=True)
    read_count: Mapped[int] = mapped_column(Integer)
    last_read_post_id: Mapped[int] = mapped_column(Integer)
    read_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Bookmark(db.Model):
    """A post a member kept to read later."""

    __tablename__ = "bookmarks"
    __table_args__ = (Index("ix_bookmarks_member_id_created_at", "member_id", "created_at"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
