"""Building blocks of reacting. Each adds to its caller's transaction.

A reaction's row and its count on the post move together: the count is
changed in SQL (n = n + 1), and only when the row really went in or out,
so a double click or two tabs at once never count twice.
"""
from sqlalchemy import delete, select, update

from ..database import upsert
from ..extensions import db
from ..threads.models import Post
from ..timeutil import utcnow
from ..transactions import step
from .models import KINDS, Reaction


def _recount(post_id, kind, delta):
    """Move the post's count of `kind` by `delta` in one statement and
    return the count it now holds."""
    column = getattr(Post, KINDS[kind][0])
    return db.session.execute(
        update(Post).where(Post.id == post_id).values({column: column + delta}).returning(column)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def _insert_once(values):
    """True when the reaction went in (it wasn't there already)."""
    inserted = upsert(db.session, Reaction, values, ["post_id", "member_id", "kind"], returning=Reaction.post_id)
    return inserted.first() is not None


@step
def add_reaction(actor, post, kind):
    """Add `actor`'s reaction and count it: the post's new count, or None
    when they had reacted so already. The primary key (post, member, kind)
    lets one row in; a second INSERT finds it there and does nothing
    (ON CONFLICT DO NOTHING, waiting for the first one's transaction on
    PostgreSQL), so there is no IntegrityError to catch, and no savepoint,
    which on SQLite would commit the transaction it opened."""
    if not _insert_once(dict(post_id=post.id, member_id=actor.id, kind=kind, created_at=utcnow())):
        return None
    return _recount(post.id, kind, +1)


@step
def take_reaction(actor, post, kind):
    """Take `actor`'s reaction back: the post's new count, or None when
    there was none to take."""
    removed = db.session.execute(
        delete(Reaction).where(Reaction.post_id == post.id, Reaction.member_id == actor.id, Reaction.kind == kind)
        .execution_options(synchronize_session=False)
    ).rowcount
    return _recount(post.id, kind, -1) if removed else None


@step
def take_every_reaction(member_id):
    """Every reaction a member gave, taken back with the counts of the
    posts they were on (when their account is deleted): a statement per
    kind and one to remove the rows, however many there were."""
    for kind, (column_name, _label) in KINDS.items():
        column = getattr(Post, column_name)
        theirs = select(Reaction.post_id).where(Reaction.member_id == member_id, Reaction.kind == kind)
        db.session.execute(update(Post).where(Post.id.in_(theirs)).values({column: column - 1})
                           .execution_options(synchronize_session=False))
    db.session.execute(delete(Reaction).where(Reaction.member_id == member_id)
                       .execution_options(synchronize_session=False))
