"""The read side of bookmarks (kept in following's table; read here, beside the posts)."""
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..threads.models import Post
from ..following.models import Bookmark


def is_bookmarked(member, post):
    return db.session.scalar(select(Bookmark.post_id).where(Bookmark.member_id == member.id,
                                                            Bookmark.post_id == post.id)) is not None


def bookmarks_of(member, number, per_page):
    """A page of the member's bookmarks, newest first: [(Bookmark, Post)],
    each post with its thread and author. Two queries, whatever the page
    holds; whether each post may still be read is for the page to ask
    (permissions' read_post), so one hidden since shows as unavailable."""
    total = db.session.scalar(select(func.count()).select_from(Bookmark).where(Bookmark.member_id == member.id))
    if number > 1 and offset_for(number, per_page) >= total:
        raise NotFound("There is no such page of bookmarks.")
    rows = db.session.execute(
        select(Bookmark, Post).join(Post, Post.id == Bookmark.post_id)
        .where(Bookmark.member_id == member.id)
        .order_by(Bookmark.created_at.desc(), Bookmark.post_id.desc())
        .offset(offset_for(number, per_page)).limit(per_page)
        .options(joinedload(Post.thread), joinedload(Post.author))
    ).all()
    return Page([tuple(row) for row in rows], number, per_page, total)
