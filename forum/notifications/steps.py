"""Telling a member something, as part of whatever verb caused it."""
from sqlalchemy import func, select, update

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from ..transactions import step
from .emailing import email_at_once
from .models import READ_BY_VISITING, Notification


@step
def notify(member_id, kind, body, *, thread_id=None, post_id=None, actor_id=None):
    """Add a notification, and one to the member's unread count (kept on
    their row so every page knows it without a query). `thread_id` and
    `post_id` say what it is about: its link lands on that post. A deleted
    account is never told anything. Emailed at once if the member asked."""
    notification = add_notification(member_id, kind, body, thread_id=thread_id, post_id=post_id, actor_id=actor_id)
    if notification is not None:
        email_at_once(Notification.id == notification.id)


@step
def add_notification(member_id, kind, body, *, thread_id=None, post_id=None, actor_id=None):
    """`notify` without the email, for a caller that emails a whole batch
    at once; returns the notification (None for a deleted account)."""
    now = utcnow()
    inserted = db.session.execute(
        update(User).where(User.id == member_id, User.deleted_at.is_(None))
        .values(unread_notifications=User.unread_notifications + 1)
    ).rowcount
    if not inserted:
        return None
    notification = Notification(member_id=member_id, kind=kind, body=body, created_at=now, updated_at=now,
                                thread_id=thread_id, post_id=post_id, actor_id=actor_id)
    db.session.add(notification)
    db.session.flush()
    return notification


@step
def notify_grouped(member_id, kind, body, *, post_id, thread_id=None, actor_id=None):
    """Like `notify`, but joins the member's unread notification of the same
    kind about the same post when there is one ("3 people found your reply
    helpful"), so the unread count grows once. A group already emailed is
    not emailed again as it grows."""
    now = utcnow()
    joined = db.session.execute(
        update(Notification)
        .where(Notification.member_id == member_id, Notification.kind == kind, Notification.post_id == post_id,
               Notification.read_at.is_(None))
        .values(count=Notification.count + 1, actor_id=actor_id, body=body, updated_at=now)
    ).rowcount
    if not joined:
        notify(member_id, kind, body, thread_id=thread_id, post_id=post_id, actor_id=actor_id)
        return
    email_at_once(Notification.member_id == member_id, Notification.kind == kind, Notification.post_id == post_id,
                  Notification.read_at.is_(None))


@step
def count_unread(member_id):
    """Set the member's unread count from their notifications, after some
    were read."""
    unread = select(func.count(Notification.id)).where(Notification.member_id == member_id,
                                                       Notification.read_at.is_(None)).scalar_subquery()
    db.session.execute(update(User).where(User.id == member_id).values(unread_notifications=unread))


@step
def read_notifications_about(member, thread_id, up_to_post_id):
    """Mark read the member's notifications about posts of the thread up to
    `up_to_post_id`: they have just been shown them. What the moderators
    told them about their own posts stays unread until they mark it."""
    marked = db.session.execute(
        update(Notification)
        .where(Notification.member_id == member.id, Notification.thread_id == thread_id,
               Notification.read_at.is_(None), Notification.post_id <= up_to_post_id,
               Notification.kind.in_(READ_BY_VISITING))
        .values(read_at=utcnow())
    ).rowcount
    if marked:
        count_unread(member.id)
