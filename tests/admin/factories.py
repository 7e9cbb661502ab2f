"""Builders for the back-office tests: staff, suspended people, report queue
items with a known age and size, and ways to read back what was recorded."""
import re
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from forum.audit.models import AuditEntry
from forum.disclaimer.services import publish_disclaimer
from forum.extensions import db
from forum.moderation import report_services
from forum.moderation.models import ReportCase
from forum.notices.models import Notice
from forum.threads.models import Post
from forum.timeutil import utcnow
from tests import factories


def make_moderator(username=None):
    return factories.make_member(username=username, role="moderator")


def make_admin(username=None):
    return factories.make_member(username=username, role="admin")


def make_suspended(username=None, role="member", banned=False, reason="Repeated personal attacks."):
    """Someone whose suspension (or ban) is in force, set directly so the
    test doesn't depend on the suspension service."""
    person = factories.make_member(username=username, role=role)
    if banned:
        person.banned = True
    else:
        person.suspended_until = utcnow() + timedelta(days=5)
    person.suspension_reason = reason
    db.session.commit()
    return person


def posts_of(thread):
    return db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).all()


def report_case(post, reports, opened_ago=None):
    """One queue item about `post`: `reports` is [(reporter, reason, note)].
    `opened_ago` (a timedelta) backdates the item to control its age."""
    case = None
    for reporter, reason, note in reports:
        case = report_services.report_post(reporter, post, reason, note)
    case = db.session.get(ReportCase, case.id)
    db.session.refresh(case)
    if opened_ago is not None:
        case.opened_at = utcnow() - opened_ago
        db.session.commit()
    return case


def publish(by, summary="Personal stories here are not medical advice.", body="Nothing here is a diagnosis.", must_accept=False):
    return publish_disclaimer(by, summary, body, must_accept)


def audit_entries(action=None):
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return db.session.scalars(query).all()


def notices_for(member):
    return db.session.scalars(select(Notice).where(Notice.member_id == member.id).order_by(Notice.id)).all()


def reload(obj):
    """The row as the database holds it now: each request runs in a session
    of its own, so what the test loaded earlier may be stale."""
    db.session.refresh(obj)
    return obj


def everything():
    """Every row of every table, to prove a refused request changed nothing."""
    db.session.expire_all()
    return {
        table.name: sorted(tuple(map(repr, row)) for row in db.session.execute(table.select()))
        for table in db.metadata.sorted_tables
    }


def text_of(html):
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
