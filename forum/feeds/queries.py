"""The read side of the feeds. A feed is the same for everyone who asks
(feed readers sign in as nobody), so it holds only what a visitor may read:
threads through `visible_to_visitors`, and posts neither hidden nor deleted.
Each feed is one query after the category or thread it is about."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..errors import NotFound
from ..extensions import db
from ..threads.models import Post, Thread
from ..threads.queries import visible_to_visitors

# A feed reader asks again soon: the newest twenty is plenty.
ENTRIES = 20


def _threads_with_first_posts(limit, *where):
    """The newest threads a visitor may read, each as (thread, first post),
    with their authors and categories, in one query."""
    return db.session.execute(
        visible_to_visitors(select(Thread, Post))
        .join(Post, Post.id == Thread.first_post_id)
        .where(*where)
        .order_by(Thread.id.desc())
        .limit(limit)
        .options(joinedload(Thread.author), joinedload(Thread.category))
    ).tuples().all()


def latest_threads(limit=ENTRIES):
    return _threads_with_first_posts(limit)


def category_threads(category, limit=ENTRIES):
    return _threads_with_first_posts(limit, Thread.category_id == category.id)


def thread_for_feed(thread_id):
    """The thread, if a visitor may read it; else NotFound, as for a thread
    that doesn't exist: a members-only thread has no feed."""
    thread = db.session.scalar(
        visible_to_visitors(select(Thread)).where(Thread.id == thread_id).options(joinedload(Thread.author))
    )
    if thread is None:
        raise NotFound("There is no such thread, or it has no feed.")
    return thread


def thread_posts(thread, limit=ENTRIES):
    """The thread's newest posts that anyone may read, newest first, with
    their authors."""
    return db.session.scalars(
        select(Post)
        .where(Post.thread_id == thread.id, Post.deleted_at.is_(None), Post.hidden_at.is_(None))
        .order_by(Post.id.desc())
        .limit(limit)
        .options(joinedload(Post.author))
    ).all()

