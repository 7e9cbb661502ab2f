"""Building blocks for keeping up: following a thread as one writes in it,
and telling followers what is new. Each adds to its caller's transaction.

Telling a thread's followers about a reply is a fixed number of statements
however many follow it (INSERT ... SELECT, UPDATE ... WHERE IN), so a reply
in a thread with thousands of followers stays quick. A follower's unread
reply notification for the thread gathers further replies ("4 new
replies") and keeps pointing at the first one they haven't read.
"""
from sqlalchemy import case, insert, literal, select, update

from ..accounts.models import User
from ..database import upsert
from ..extensions import db
from ..notifications.models import Notification
from ..timeutil import utcnow
from ..transactions import step
from .models import CategoryFollow, ThreadFollow, ThreadRead


@step
def follow_automatically(member, thread_id):
    """A member follows the thread they start or reply to, unless they
    turned that off, or stopped following this thread before."""
    if member.follow_own_threads:
        upsert(db.session, ThreadFollow, dict(member_id=member.id, thread_id=thread_id, following=True,
                                              created_at=utcnow()), ["member_id", "thread_id"])


@step
def remember_read(member_id, thread_id, read_count, last_post_id):
    """Remember that the member has been shown the thread's first
    `read_count` posts (a number, or an SQL expression), the newest
    `last_post_id`. Only moves forward."""
    upsert(db.session, ThreadRead,
           dict(member_id=member_id, thread_id=thread_id, read_count=read_count, last_read_post_id=last_post_id,
                read_at=utcnow()),
           ["member_id", "thread_id"],
           update=lambda offered: {
               "read_count": _larger(ThreadRead.read_count, offered.read_count),
               "last_read_post_id": _larger(ThreadRead.last_read_post_id, offered.last_read_post_id),
               "read_at": offered.read_at,
           })


def _larger(kept, offered):
    return case((kept > offered, kept), else_=offered)


def _followers(follows, key, value, actor_id, leave_out):
    """Ids of the live accounts following (`follows`.`key` == value), but
    `actor_id` and those in `leave_out` (told otherwise already)."""
    query = (
        select(follows.member_id).join(User, User.id == follows.member_id)
        .where(key == value, follows.member_id != actor_id, User.deleted_at.is_(None), User.banned.is_(False))
    )
    if follows is ThreadFollow:
        query = query.where(ThreadFollow.following.is_(True))
    if leave_out:
        query = query.where(follows.member_id.not_in(leave_out))
    return query


def _fan_out(kind, followers, body, post, actor_id, group):
    """One notification per follower, in three statements. With `group`, a
    follower with an unread one of `kind` about this thread has it counted
    up instead, unless it was already counted up since `post` was written
    (the job telling of it ran twice)."""
    now, thread_id, post_id = utcnow(), post.thread_id, post.id
    # Uncorrelated, so it is read once, not once per follower.
    unread = select(Notification.member_id).where(Notification.kind == kind, Notification.thread_id == thread_id,
                                                  Notification.read_at.is_(None))
    if group:
        db.session.execute(
            update(Notification)
            .where(Notification.kind == kind, Notification.thread_id == thread_id, Notification.read_at.is_(None),
                   Notification.updated_at < post.created_at, Notification.member_id.in_(select(followers.c.member_id)))
            .values(count=Notification.count + 1, actor_id=actor_id, updated_at=now)
        )
    fresh = select(followers.c.member_id, literal(kind), literal(body), literal(now), literal(now), literal(thread_id),
                   literal(post_id), literal(actor_id), literal(1))
    if group:
        fresh = fresh.where(followers.c.member_id.not_in(unread))
    db.session.execute(insert(Notification).from_select(
        ["member_id", "kind", "body", "created_at", "updated_at", "thread_id", "post_id", "actor_id", "count"], fresh))
    told = select(Notification.member_id).where(Notification.post_id == post_id, Notification.kind == kind)
    db.session.execute(update(User).where(User.id.in_(told)).values(unread_notifications=User.unread_notifications + 1))


@step
def tell_thread_followers(thread, post, actor, leave_out=()):
    """Tell the thread's followers of a new reply (not its writer, nor those
    in `leave_out`, told of it some other way)."""
    followers = _followers(ThreadFollow, ThreadFollow.thread_id, thread.id, actor.id, leave_out).subquery()
    _fan_out("reply", followers, f"{actor.username} replied in “{thread.title}”.", post, actor.id, group=True)


@step
def tell_category_followers(thread, post, actor):
    """Tell the category's followers of a new thread."""
    followers = _followers(CategoryFollow, CategoryFollow.category_id, thread.category_id, actor.id, ()).subquery()
    _fan_out("new_thread", followers, f"{actor.username} started “{thread.title}”.", post, actor.id, group=False)

