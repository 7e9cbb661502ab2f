from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..following.models import CategoryFollow, ThreadFollow, ThreadRead
from ..threads.models import Category, Post, Thread
from ..threads.queries import visible_to_visitors


def category_by_slug(slug):
    category = db.session.scalar(select(Category).where(Category.slug == slug))
    if category is None:
        raise NotFound("There is no such category.")
    return category


def thread_listing(category, number, per_page):
    """One page of a category's threads: pinned first, then latest activity.

    One query, whatever the page's length: authors are joined in.
    """
    if number > 1 and offset_for(number, per_page) >= category.thread_count:
        raise NotFound("There is no such page.")
    threads = db.session.scalars(
        select(Thread)
        .where(Thread.category_id == category.id)
        .order_by(Thread.pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc())
        .offset(offset_for(number, per_page))
        .limit(per_page)
        .options(joinedload(Thread.author), joinedload(Thread.last_post_author))
    ).all()
    return Page(threads, number, per_page, category.thread_count)


def news_by_category(member):
    """{category id: how many threads the member has opened have replies
    they haven't been shown}: one query over the threads they have read."""
    return dict(db.session.execute(
        select(Thread.category_id, func.count(Thread.id)).join(ThreadRead, ThreadRead.thread_id == Thread.id)
        .where(ThreadRead.member_id == member.id, Thread.reply_count + 1 > ThreadRead.read_count)
        .group_by(Thread.category_id)
    ).tuples().all())


def followed_with_news(member, limit=10):
    """The threads the member follows that have replies they haven't been
    shown, latest activity first: [(Thread, read_count)], one query."""
    return db.session.execute(
        select(Thread, ThreadRead.read_count)
        .join(ThreadFollow, (ThreadFollow.thread_id == Thread.id) & (ThreadFollow.member_id == member.id))
        .outerjoin(ThreadRead, (ThreadRead.thread_id == Thread.id) & (ThreadRead.member_id == member.id))
        .where(ThreadFollow.following.is_(True),
               (ThreadRead.read_count.is_(None)) | (Thread.reply_count + 1 > ThreadRead.read_count))
        .order_by(Thread.last_post_at.desc(), Thread.id.desc()).limit(limit)
        .options(joinedload(Thread.last_post_author))
    ).tuples().all()


def recent_activity(viewer, limit=10):
    """The newest posts across the forum that `viewer` may read (a visitor
    sees none from members-only threads), with their threads and authors:
    one query, reading the newest posts first."""
    query = (
        select(Post).join(Post.thread)
        .where(Post.deleted_at.is_(None), Post.hidden_at.is_(None))
        .order_by(Post.id.desc()).limit(limit)
        .options(contains_eager(Post.thread), joinedload(Post.author))
    )
    if not getattr(viewer, "is_authenticated", False):
        query = visible_to_visitors(query)
    return db.session.scalars(query).all()


def read_counts(member, threads):
    """{thread id: posts the member has been shown} for these threads: one query."""
    if not threads:
        return {}
    return dict(db.session.execute(
        select(ThreadRead.thread_id, ThreadRead.read_count)
        .where(ThreadRead.member_id == member.id, ThreadRead.thread_id.in_([t.id for t in threads]))
    ).tuples().all())


def follows_category(member, category):
    return db.session.scalar(
        select(func.count()).select_from(CategoryFollow)
        .where(CategoryFollow.member_id == member.id, CategoryFollow.category_id == category.id)
    ) > 0
