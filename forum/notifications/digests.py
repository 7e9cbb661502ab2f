"""The daily digest: each member's notifications of the topics they chose
"daily", gathered by thread into one email.

What goes in is decided when it is sent, not when it happened: a post
hidden or deleted since, or a thread the member may no longer read, is left
out, and suspended, banned or deleted members and unconfirmed addresses get
nothing. One SELECT finds everything for every member; each member's email
is then its own small transaction, so one failure doesn't stop the rest.
"""
from dataclasses import dataclass, field
from itertools import groupby

from sqlalchemy import or_

from ..accounts.models import User
from ..extensions import db
from ..timeutil import utcnow
from . import email_services
from .email_topics import DAILY
from .emailing import link_of, may_read, reachable, still_there, threads, with_choices
from .models import Notification


@dataclass
class Group:
    """One thread's share of a digest (or one notification about no thread)."""
    title: str
    link: str
    lines: list = field(default_factory=list)
    total: int = 0


def send_daily_digests(now=None):
    """Send every member due one their digest; returns how many were sent."""
    now = now or utcnow()
    sent = 0
    for member, rows in groupby(_due(now), key=lambda row: row[1]):
        entries = [(notification, title) for notification, _, title, members_only, _ in rows
                   if may_read(member, members_only)]
        if entries:
            email_services.send_digest(member, by_thread(entries), [n.id for n, _ in entries], now)
            sent += 1
    return sent


def _due(now):
    """(notification, member, thread title, members_only, topic) of every
    daily topic, not emailed, unread, newer than the member's last digest,
    about something still shown: by member, the newest first."""
    query, _, choice = with_choices(Notification, User, threads.c.title, threads.c.members_only)
    return db.session.execute(
        query.where(choice == DAILY, Notification.emailed_at.is_(None), Notification.read_at.is_(None),
                    or_(User.last_digest_at.is_(None), Notification.updated_at > User.last_digest_at),
                    *reachable(now), *still_there())
        .order_by(User.id, Notification.updated_at.desc(), Notification.id.desc())
    ).all()


def by_thread(entries):
    """[Group] from [(notification, thread title)], newest first: a
    thread's together, in the order of their newest, as on the
    notifications page; each links to the post its newest is about."""
    groups = {}
    for notification, title in entries:
        key = notification.thread_id or -notification.id
        if key not in groups:
            groups[key] = Group(title or notification.kind_label, link_of(notification))
        groups[key].lines.append(notification)
        groups[key].total += notification.count
    return list(groups.values())

