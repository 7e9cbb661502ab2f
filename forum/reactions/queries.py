"""The read side of reactions: who reacted to a post, and what the member
reading a page has reacted to and bookmarked there."""
from sqlalchemy import literal, select, union_all

from ..accounts.models import User
from ..extensions import db
from ..following.models import Bookmark
from .models import KINDS, Reaction

# Names listed per kind on the "who reacted" page; the rest are counted.
NAMES_SHOWN = 100
_BOOKMARK = "bookmark"


def has_reacted(member, post, kind):
    return db.session.scalar(select(Reaction.post_id).where(
        Reaction.post_id == post.id, Reaction.member_id == member.id, Reaction.kind == kind)) is not None


def who_reacted(post, limit=NAMES_SHOWN):
    """{kind: [User, ...]}, newest first, one query per kind. Deleted
    accounts are never named (their reactions go with the account)."""
    return {kind: db.session.scalars(
        select(User).join(Reaction, Reaction.member_id == User.id)
        .where(Reaction.post_id == post.id, Reaction.kind == kind, User.deleted_at.is_(None))
        .order_by(Reaction.created_at.desc(), User.id).limit(limit)
    ).all() for kind in KINDS}


class Marks:
    """A member's own reactions and bookmarks on the posts of one page."""

    def __init__(self, rows=()):
        self._marks = set(rows)

    def reactions_on(self, post):
        """[(kind, label, count, pressed)] for each kind, in KINDS' order."""
        return [(kind, label, getattr(post, column), (post.id, kind) in self._marks)
                for kind, (column, label) in KINDS.items()]

    def bookmarked(self, post):
        return (post.id, _BOOKMARK) in self._marks


NO_MARKS = Marks()


def page_marks(member, post_ids):
    """What `member` reacted to and bookmarked among `post_ids`: one query
    for both (a UNION ALL), none for no posts."""
    if not post_ids:
        return NO_MARKS
    reactions = select(Reaction.post_id, Reaction.kind).where(Reaction.member_id == member.id,
                                                              Reaction.post_id.in_(post_ids))
    bookmarks = select(Bookmark.post_id, literal(_BOOKMARK)).where(Bookmark.member_id == member.id,
                                                                   Bookmark.post_id.in_(post_ids))
    return Marks(db.session.execute(union_all(reactions, bookmarks)).all())
