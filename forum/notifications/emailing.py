"""Emailing notifications to the members who asked for them at once.

Who is emailed is decided in one SELECT per batch of notifications (their
members joined with their email choices, the topic's default applied), never
one query per member: a reply told to a thousand followers costs the same.
Only confirmed addresses of members who are not suspended, banned or gone
are written to, and never about a thread they may not read or a post that
is no longer shown.
"""
from types import SimpleNamespace

from sqlalchemy import and_, column, func, or_, select, table, update

from ..accounts.models import User
from ..auth.tokens import make_token
from ..extensions import db
from ..mail.links import absolute_url
from ..mail.steps import queue_email
from ..permissions import can
from ..timeutil import utcnow
from ..transactions import step
from .email_topics import BY_NAME, IMMEDIATELY, default_sql, topic_sql
from .models import READ_BY_VISITING, EmailPreference, Notification

# Threads and posts, known here by their tables alone: the threads package
# tells members things, so it imports this package, not the reverse.
threads = table("threads", column("id"), column("title"), column("author_id"), column("members_only"))
posts = table("posts", column("id"), column("deleted_at"), column("hidden_at"))


def reachable(now):
    """Conditions on User: someone we may write to about the forum."""
    return (User.email_confirmed_at.is_not(None), User.deleted_at.is_(None), User.banned.is_(False),
            or_(User.suspended_until.is_(None), User.suspended_until <= now))


def still_there():
    """Conditions on a notification's thread and post (outer-joined): the
    thread exists, and a post by someone else is still shown."""
    about_a_post = Notification.kind.in_(READ_BY_VISITING)
    post_shown = and_(posts.c.id.is_not(None), posts.c.deleted_at.is_(None), posts.c.hidden_at.is_(None))
    return (or_(Notification.thread_id.is_(None), threads.c.id.is_not(None)), or_(~about_a_post, post_shown))


def with_choices(*columns):
    """SELECT `columns` (plus the topic) from notifications joined with their
    member, thread, post and the member's choice for the notification's
    topic; returns (query, topic, choice)."""
    topic = topic_sql(Notification.kind, threads.c.author_id == Notification.member_id)
    choice = func.coalesce(EmailPreference.choice, default_sql(topic))
    query = (
        select(*columns, topic.label("topic"))
        .join(User, User.id == Notification.member_id)
        .outerjoin(threads, threads.c.id == Notification.thread_id)
        .outerjoin(posts, posts.c.id == Notification.post_id)
        .outerjoin(EmailPreference, and_(EmailPreference.member_id == Notification.member_id, EmailPreference.topic == topic))
    )
    return query, topic, choice


def may_read(member, members_only):
    """The thread is one the member may read (asked of the one permission rule)."""
    return members_only is None or can(member, "read_thread", SimpleNamespace(members_only=members_only))


@step
def email_at_once(*conditions):
    """Email each notification matching `conditions` that is not emailed yet
    to its member when they chose "immediately" for its topic; mark those
    emailed. One SELECT, then one email each."""
    now = utcnow()
    query, _, choice = with_choices(Notification, User, threads.c.title, threads.c.members_only)
    rows = db.session.execute(
        query.where(*conditions, Notification.emailed_at.is_(None), choice == IMMEDIATELY, *reachable(now), *still_there())
        .order_by(Notification.id)
    ).all()
    emailed = []
    for notification, member, title, members_only, topic in rows:
        if may_read(member, members_only):
            _email_one(notification, member, title, topic)
            emailed.append(notification.id)
    if emailed:
        db.session.execute(update(Notification).where(Notification.id.in_(emailed)).values(emailed_at=now))


def _email_one(notification, member, thread_title, topic):
    unsubscribe = unsubscribe_url(member, topic)
    queue_email(
        member.email, "notification", notification.body[:200], "notification",
        member_id=member.id, headers=unsubscribe_headers(unsubscribe),
        username=member.username, notification=notification, thread_title=thread_title, link=link_of(notification),
        topic=BY_NAME[topic], unsubscribe_url=unsubscribe,
    )


def link_of(notification):
    """Where an email about `notification` leads: its post, else its thread."""
    if notification.post_id:
        return absolute_url("threads.permalink", post_id=notification.post_id)
    if notification.thread_id:
        return absolute_url("threads.show", thread_id=notification.thread_id)
    return absolute_url("notifications.index")


def unsubscribe_url(member, topic):
    """The signed one-click link that turns `topic` (or every daily topic,
    for a digest) off for `member`."""
    return absolute_url("notifications.unsubscribe", token=make_token("unsubscribe", member, topic=topic))


def unsubscribe_headers(url):
    # RFC 8058: a mail client may offer the button and POST for the member.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
