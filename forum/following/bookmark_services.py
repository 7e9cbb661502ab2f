"""Bookmarks: posts a member keeps to read later. Only they see the list."""
from sqlalchemy import delete

from ..database import upsert
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import Bookmark


def bookmark_post(actor, post):
    """Keep `post` on the actor's bookmarks. Refuses visitors, suspended
    members (as following does), and a post they may not read (hidden,
    deleted, in a members-only thread). Bookmarking twice keeps one, with
    its first date."""
    require(actor, "bookmark_post", post)
    upsert(db.session, Bookmark, dict(member_id=actor.id, post_id=post.id, created_at=utcnow()), ["member_id", "post_id"])
    db.session.commit()


def unbookmark_post(actor, post):
    """Take `post` off the actor's bookmarks, even when it is no longer
    readable. Refuses visitors and suspended members; one not bookmarked
    changes nothing."""
    require(actor, "unbookmark_post", post)
    db.session.execute(delete(Bookmark).where(Bookmark.member_id == actor.id, Bookmark.post_id == post.id)
                       .execution_options(synchronize_session=False))
    db.session.commit()
