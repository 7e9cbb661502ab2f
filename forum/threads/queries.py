from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from ..following.models import ThreadFollow, ThreadRead
from ..notifications.models import READ_BY_VISITING, Notification
from ..pagination import Page, offset_for, page_of_position
from .models import Category, Post, Thread, TitleRevision


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
