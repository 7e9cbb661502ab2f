from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow


class Category(db.Model):
    """A section of the forum. Its counts are kept by the services that add,
    move and delete its threads and posts, so listing sections costs no count."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    thread_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    post_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # "Ask a practitioner": its page lists the questions no practitioner has answered yet.
    for_practitioners: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        # The category page: pinned first, then latest activity.
        # id breaks ties, so the index gives the page's exact order, unsorted.
        Index("ix_threads_category_listing", "category_id", "pinned", "last_post_at", "id"),
        Index("ix_threads_author_created", "author_id", "created_at"),
        # Questions still waiting for a practitioner, oldest first.
        Index("ix_threads_waiting", "category_id", "practitioner_answered_at", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(150))
    slug: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    reply_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Denormalised from the newest post so the listing needs no subquery.
    last_post_id: Mapped[int | None] = mapped_column(Integer)
    last_post_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_post_author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    first_post_id: Mapped[int | None] = mapped_column(Integer)
    # The reply the thread's author marked "this helped me", if any.
    # (Like last_post_id, no foreign key: posts already point at threads.)
    helpful_post_id: Mapped[int | None] = mapped_column(Integer)
    # When a verified practitioner first replied.
    practitioner_answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The thread also tells a story (its account lives in the stories package).
    is_story: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Visitors and search engines see only the title.
    members_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    category: Mapped[Category] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    last_post_author: Mapped[User | None] = relationship(foreign_keys=[last_post_author_id])
    helpful_post: Mapped["Post | None"] = relationship(primaryjoin="foreign(Thread.helpful_post_id) == Post.id", viewonly=True)

    @property
    def post_total(self):
        return self.reply_count + 1


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_thread_id_id", "thread_id", "id"),
        Index("ix_posts_author_id_id", "author_id", "id"),
        # Posts per day on the admin's front page.
        Index("ix_posts_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    edit_reason: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    # A moderator's public note shown under the post, rendered like any text.
    moderator_note: Mapped[str | None] = mapped_column(Text)
    moderator_note_html: Mapped[str | None] = mapped_column(Text)
    # What the safety checks found when it was last written, comma-separated
    # (safety.detect.SIGNALS); readers see a notice for a possible emergency.
    signals: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # Whether it gives advice (tells others what to do about their pain), set
    # when it is written; such posts carry the short "not medical advice" line.
    gives_advice: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Reactions ("Helpful", "Me too"), counted here by the services that add
    # and take them, so a page shows them without counting.
    helpful_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    me_too_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    thread: Mapped[Thread] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])

    @property
    def is_shown(self):
        return self.deleted_at is None and self.hidden_at is None

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def edited_by_moderator(self):
        return self.edited_by_id is not None and self.edited_by_id != self.author_id


class PostRevision(db.Model):
    """An earlier version of a post, kept whenever the post is edited."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # When this version was written, and who replaced it and when.
    written_at: Mapped[datetime] = mapped_column(DateTime)
    replaced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    replaced_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class TitleRevision(db.Model):
    """An earlier title of a thread, kept when a moderator changes it."""

    __tablename__ = "thread_title_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    replaced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    replaced_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
