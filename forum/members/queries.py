from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..accounts.queries import find_member, renamed_from
from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..threads.models import Post, Thread
from ..timeutil import utcnow

# A name is how others know someone: it changes seldom enough to be followed.
RENAME_EVERY = timedelta(days=30)


def _present(member):
    """The member, unless there is none or they deleted their account: a
    deleted account has no profile, and its anonymous name leads nowhere."""
    return member if member is not None and member.deleted_at is None else None


def member_by_username(username):
    member = _present(find_member(username))
    if member is None:
        raise NotFound("There is no member by that name.")
    return member


def next_rename_at(member):
    """When the member may next change their name, if that is still to come."""
    if member.username_changed_at is None:
        return None
    due = member.username_changed_at + RENAME_EVERY
    return due if due > utcnow() else None


def profile_or_new_name(username):
    """(member, None) for the member called `username`; (None, member) when
    nobody is, but a member gave that name up and still holds it, so an old
    link to their profile can lead to the new one. NotFound otherwise."""
    member = find_member(username)
    if member is not None:
        if _present(member) is None:
            raise NotFound("There is no member by that name.")
        return member, None
    renamed = _present(renamed_from(username))
    if renamed is None:
        raise NotFound("There is no member by that name.")
    return None, renamed


def member_threads(member, number, per_page):
    """Threads the member started, newest first, with their categories."""
    total = db.session.scalar(select(func.count(Thread.id)).where(Thread.author_id == member.id))
    threads = db.session.scalars(
        select(Thread).where(Thread.author_id == member.id)
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .offset(offset_for(number, per_page)).limit(per_page)
        .options(joinedload(Thread.category))
    ).all()
    return Page(threads, number, per_page, total)


def member_replies(member, number, per_page):
    """The member's posts that are still shown, newest first, with their threads."""
    visible = (Post.author_id == member.id, Post.deleted_at.is_(None), Post.hidden_at.is_(None))
    total = db.session.scalar(select(func.count(Post.id)).where(*visible))
    posts = db.session.scalars(
        select(Post).where(*visible)
        .order_by(Post.id.desc())
        .offset(offset_for(number, per_page)).limit(per_page)
        .options(joinedload(Post.thread))
    ).all()
    return Page(posts, number, per_page, total)


def member_directory(prefix, number, per_page):
    """Members whose username starts with `prefix`, newest first, for the admin."""
    query = select(User)
    count = select(func.count(User.id))
    if prefix:
        pattern = prefix.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(User.username_key.like(pattern, escape="\\"))
        count = count.where(User.username_key.like(pattern, escape="\\"))
    members = db.session.scalars(
        query.order_by(User.id.desc()).offset(offset_for(number, per_page)).limit(per_page)
    ).all()
    return Page(members, number, per_page, db.session.scalar(count))
