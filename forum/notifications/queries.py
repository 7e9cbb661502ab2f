from sqlalchemy import column, select, table
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from .email_topics import choices_of
from .models import EmailPreference, Notification

# Threads, known here by their table alone: the threads package tells
# members things, so it is the one importing this package, not the reverse.
_threads = table("threads", column("id"), column("title"), column("slug"))

SHOWN = 100


class Entry:
    """A notification as the page shows it: with who caused it (None for
    the moderators) and the thread it is about."""

    __slots__ = ("notification", "actor", "thread_title", "thread_slug")

    def __init__(self, notification, actor, thread_title, thread_slug):
        self.notification, self.actor = notification, actor
        self.thread_title, self.thread_slug = thread_title, thread_slug


def recent_notifications(member, limit=SHOWN):
    """The member's newest notifications (newest activity first), each with
    its actor and thread: one query."""
    actor = aliased(User)
    rows = db.session.execute(
        select(Notification, actor, _threads.c.title, _threads.c.slug)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .outerjoin(_threads, _threads.c.id == Notification.thread_id)
        .where(Notification.member_id == member.id)
        .order_by(Notification.updated_at.desc(), Notification.id.desc()).limit(limit)
    ).all()
    return [Entry(*row) for row in rows]


def grouped_by_thread(entries):
    """[(thread title or None, thread slug, [entries])]: a thread's
    notifications together, threads in the order of their newest; those
    about no thread (the member's account) each on their own."""
    groups = {}
    for entry in entries:
        groups.setdefault(entry.notification.thread_id or -entry.notification.id, []).append(entry)
    return [(found[0].thread_title, found[0].thread_slug, found) for found in groups.values()]


def notification_of(member, notification_id):
    """One of the member's own notifications; anyone else's is not there."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.member_id != member.id:
        raise NotFound("There is no such notification.")
    return notification


def email_choices(member):
    """{topic: choice} for every email topic, the defaults filled in."""
    stored = db.session.execute(select(EmailPreference.topic, EmailPreference.choice)
                                .where(EmailPreference.member_id == member.id)).all()
    return choices_of(dict(stored))
