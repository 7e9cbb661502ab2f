"""Builders for moderation tests: staff, reports, suspensions, and ways to
read back what the forum recorded."""
import json
from datetime import timedelta

from sqlalchemy import select

from forum.audit.models import AuditEntry
from forum.extensions import db
from forum.moderation import member_services, report_services
from forum.moderation.models import ReportCase
from forum.notices.models import Notice
from forum.threads.models import Post
from forum.timeutil import utcnow
from tests import factories


def make_moderator(username=None):
    return factories.make_member(username=username, role="moderator")


def make_admin(username=None):
    return factories.make_member(username=username, role="admin")


def posts_of(thread):
    return _fresh(select(Post).where(Post.thread_id == thread.id).order_by(Post.id))


def make_report(reporter, post, reason="misinformation", note=""):
    return report_services.report_post(reporter, post, reason, note)


def suspend(member, by, days=3, reason="Repeated personal attacks."):
    """Suspend `member` for `days` days (None: ban) through the service."""
    until = None if days is None else (utcnow() + timedelta(days=days)).date()
    member_services.suspend_member(by, member, until, reason)
    return member


def reload(obj):
    """The row as the database holds it now (requests run in sessions of their own)."""
    db.session.refresh(obj)
    return obj


def _fresh(query):
    """Rows as the database holds them now, not as this session last saw them."""
    return db.session.scalars(query.execution_options(populate_existing=True)).all()


def audit_entries(action=None):
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return _fresh(query)


def snapshot_of(entry):
    return json.loads(entry.snapshot)


def notices_for(member):
    return _fresh(select(Notice).where(Notice.member_id == member.id).order_by(Notice.id))


def cases_about(post):
    return _fresh(select(ReportCase).where(ReportCase.post_id == post.id).order_by(ReportCase.id))
