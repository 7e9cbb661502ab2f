"""Builders for moderation tests: staff, reports, suspensions, and ways to
read back what the forum recorded."""
import json
from datetime import timedelta

from sqlalchemy import select

from forum.moderation import member_services
from forum.moderation.models import ReportCase
from forum.timeutil import utcnow
from tests.factories import fresh


def suspend(member, by, days=3, reason="Repeated personal attacks."):
    """Suspend `member` for `days` days (None: ban) through the service."""
    until = None if days is None else (utcnow() + timedelta(days=days)).date()
    member_services.suspend_member(by, member, reason, until=until, ban=until is None)
    return member


def snapshot_of(entry):
    return json.loads(entry.snapshot)


def cases_about(post):
    return fresh(select(ReportCase).where(ReportCase.post_id == post.id).order_by(ReportCase.id))
