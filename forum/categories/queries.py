from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..threads.models import Category, Thread


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
