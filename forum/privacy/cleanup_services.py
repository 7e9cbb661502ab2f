"""Removing accounts that were never confirmed and never used.

Someone who registered with a mistyped address, or with someone else's,
leaves an account nobody can confirm. After a week, if it has no posts and
nothing else anyone relies on, it goes, so the address is free again.
"""
from datetime import timedelta

from sqlalchemy import delete, exists, select

from ..accounts.models import RetiredUsername, User
from ..accounts.security_models import MemberSession, Passkey
from ..extensions import db
from ..following.models import Bookmark, CategoryFollow, ThreadFollow, ThreadRead
from ..mail.models import OutgoingEmail
from ..notifications.models import EmailPreference, Notification
from ..permissions import staff_title
from ..reactions.models import Reaction
from ..reactions.steps import take_every_reaction
from ..timeutil import utcnow

UNCONFIRMED_FOR = timedelta(days=7)

# What is the member's alone, and goes with the account. Reactions are
# taken back by their own step, so the posts' counts go down with them.
ERASED = (ThreadFollow, CategoryFollow, ThreadRead, Bookmark, Notification, EmailPreference,
          MemberSession, Passkey, OutgoingEmail, RetiredUsername)


def _kept_by():
    """The columns of every other reference to an account: a post, a
    thread, a report, an audit entry, an application... Any one row keeps
    the account, so a table added later keeps accounts until someone
    decides otherwise, rather than being emptied or breaking the delete."""
    erased = {model.__table__ for model in (*ERASED, Reaction)} | {User.__table__}
    return [
        column
        for table in db.metadata.sorted_tables if table not in erased
        for column in table.columns
        if any(fk.column is User.__table__.c.id for fk in column.foreign_keys)
    ]


def _abandoned_accounts(now):
    """Unconfirmed members who joined more than UNCONFIRMED_FOR ago and
    left nothing anyone else relies on (no post, even a deleted one)."""
    query = select(User).where(
        User.email_confirmed_at.is_(None), User.deleted_at.is_(None), User.created_at < now - UNCONFIRMED_FOR,
    )
    for column in _kept_by():
        query = query.where(~exists().where(column == User.id))
    # Staff made on the command line have no confirmation link to follow.
    return [member for member in db.session.scalars(query.order_by(User.id)) if staff_title(member) is None]


def remove_abandoned_accounts(now=None):
    """Delete each abandoned account and what was its alone, in one
    transaction. Returns how many went."""
    members = _abandoned_accounts(now or utcnow())
    for member in members:
        take_every_reaction(member.id)
        for model in ERASED:
            db.session.execute(delete(model).where(model.member_id == member.id)
                               .execution_options(synchronize_session=False))
        db.session.delete(member)
    db.session.commit()
    return len(members)
