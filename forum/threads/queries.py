from datetime import datetime
from typing import NamedTuple

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from .. import textdiff
from ..accounts.models import User
from ..audit.models import AuditEntry
from ..errors import NotFound
from ..extensions import db
from ..following.models import ThreadFollow, ThreadRead
from ..notifications.models import READ_BY_VISITING, Notification
from ..pagination import Page, offset_for, page_of_position
from .models import Category, Post, PostRevision, Thread, TitleRevision


def all_categories():
    return db.session.scalars(select(Category).order_by(Category.position, Category.id)).all()


def thread_by_id(thread_id):
    thread = db.session.scalar(
        select(Thread).where(Thread.id == thread_id)
        .options(joinedload(Thread.category), joinedload(Thread.helpful_post).joinedload(Post.author))
    )
    if thread is None:
        raise NotFound("There is no such thread. It may have been removed.")
    return thread


def post_by_id(post_id):
    post = db.session.scalar(
        select(Post).where(Post.id == post_id).options(joinedload(Post.thread), joinedload(Post.author))
    )
    if post is None:
        raise NotFound("There is no such post.")
    return post


def thread_posts(thread, number, per_page):
    """One page of a thread's posts, oldest first, with their authors: one query."""
    if offset_for(number, per_page) >= thread.post_total:
        raise NotFound("There is no such page in this thread.")
    posts = db.session.scalars(
        select(Post)
        .where(Post.thread_id == thread.id)
        .order_by(Post.id)
        .offset(offset_for(number, per_page))
        .limit(per_page)
        .options(joinedload(Post.author))
    ).all()
    return Page(posts, number, per_page, thread.post_total)


def waiting_for_practitioners(category, limit):
    """Questions in `category` no verified practitioner has answered yet,
    oldest first, with their authors. A locked thread takes no answers, so
    it isn't offered."""
    return db.session.scalars(
        select(Thread).where(Thread.category_id == category.id, Thread.practitioner_answered_at.is_(None),
                             Thread.locked.is_(False))
        .order_by(Thread.created_at, Thread.id).limit(limit).options(joinedload(Thread.author))
    ).all()


def page_of_post(post, per_page):
    """The page of its thread that shows `post`."""
    position = db.session.scalar(
        select(func.count(Post.id)).where(Post.thread_id == post.thread_id, Post.id <= post.id)
    )
    return page_of_position(position, per_page)


def visible_to_visitors(query):
    """`query`, a select of threads, kept to those a visitor may read in full:
    the one filter for any list offered to visitors and search engines (a
    feed, a sitemap). `permissions.can(user, "read_thread", thread)` answers
    for one thread already loaded; a test keeps the two in agreement."""
    return query.where(Thread.members_only.is_(False))


def title_revisions(thread):
    """The thread's earlier titles, newest first, each with the moderator
    who replaced it: [(TitleRevision, User)], one query."""
    return db.session.execute(
        select(TitleRevision, User).join(User, User.id == TitleRevision.replaced_by_id)
        .where(TitleRevision.thread_id == thread.id).order_by(TitleRevision.id.desc())
    ).all()


def reading_state(member, thread):
    """(following, read_count, unread_here) of a signed-in member for a
    thread: whether they follow it (None: never chose), how many of its
    posts they have been shown (None: never opened it), and whether they
    have unread notifications about it. One query."""
    following = select(ThreadFollow.following).where(ThreadFollow.member_id == member.id,
                                                     ThreadFollow.thread_id == thread.id).scalar_subquery()
    read = select(ThreadRead.read_count).where(ThreadRead.member_id == member.id,
                                              ThreadRead.thread_id == thread.id).scalar_subquery()
    unread = exists().where(Notification.member_id == member.id, Notification.thread_id == thread.id,
                            Notification.read_at.is_(None), Notification.kind.in_(READ_BY_VISITING))
    following, read_count, unread_here = db.session.execute(select(following, read, unread)).one()
    return following, read_count, bool(unread_here)


def post_at(thread, position):
    """The id of the thread's post at `position` (1 is the first post), or
    of its last post when there are fewer."""
    position = max(1, min(position, thread.post_total))
    return db.session.scalar(
        select(Post.id).where(Post.thread_id == thread.id).order_by(Post.id).offset(position - 1).limit(1)
    ), position


class Version(NamedTuple):
    """One version of a post on its history page."""

    number: int
    written_at: datetime
    writer: User | None
    by_moderator: bool
    # A moderator's reason for their edit; "" for the author's own.
    reason: str
    # The first version's text; each later one shows its difference instead.
    body_html: str | None
    difference: textdiff.Difference | None


def post_versions(post):
    """Every version of `post`, newest first, each with who wrote it and how
    it differs from the one before: two queries, three when a moderator
    edited it. The differences are worked out on this read, which is rare
    (textdiff bounds the cost); they are not Markdown rendering."""
    rows = db.session.execute(
        select(PostRevision, User).outerjoin(User, User.id == PostRevision.replaced_by_id)
        .where(PostRevision.post_id == post.id).order_by(PostRevision.id)
    ).all()
    bodies = [revision.body for revision, _ in rows] + [post.body]
    times = [revision.written_at for revision, _ in rows] + [post.edited_at or post.created_at]
    # Each revision was replaced by whoever wrote the version after it.
    writers = [(post.author_id, post.author)] + [(revision.replaced_by_id, user) for revision, user in rows]
    reasons = _edit_reasons(post, [writer_id for writer_id, _ in writers])
    first_html = rows[0][0].body_html if rows else post.body_html
    versions = []
    for index, (writer_id, writer) in enumerate(writers):
        versions.append(Version(
            index + 1, times[index], writer, writer_id != post.author_id, reasons[index],
            first_html if index == 0 else None,
            textdiff.difference(bodies[index - 1], bodies[index]) if index else None,
        ))
    return versions[::-1]


def _edit_reasons(post, writer_ids):
    """The reason for each version a moderator wrote. Only the latest is kept
    on the post; each moderator's edit left one audit entry with its reason,
    so entries and those versions pair up in order, newest with newest."""
    reasons = [""] * len(writer_ids)
    by_moderators = [index for index, writer_id in enumerate(writer_ids) if writer_id != post.author_id]
    if not by_moderators:
        return reasons
    entries = db.session.scalars(
        select(AuditEntry.reason).where(AuditEntry.subject_id == post.author_id, AuditEntry.action == "edit_post",
                                        AuditEntry.target_type == "post", AuditEntry.target_id == post.id)
        .order_by(AuditEntry.id)
    ).all()
    for index, reason in zip(reversed(by_moderators), reversed(entries), strict=False):
        reasons[index] = reason
    return reasons
