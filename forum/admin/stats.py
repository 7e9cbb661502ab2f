"""Figures for the admin's front page."""
from datetime import timedelta

from sqlalchemy import func, select

from ..accounts.models import User
from ..extensions import db
from ..moderation.queries import open_report_summary
from ..threads.models import Post
from ..timeutil import utcnow

CHART_DAYS = 30


def posts_per_day(now, days=CHART_DAYS):
    """[(date, count)] for each of the last `days` days, oldest first, zeros included."""
    start = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    day = func.date(Post.created_at)
    rows = db.session.execute(
        select(day, func.count(Post.id)).where(Post.created_at >= start).group_by(day)
    ).all()
    counts = {str(d)[:10]: n for d, n in rows}
    series = []
    for offset in range(days):
        date = (start + timedelta(days=offset)).date()
        series.append((date, counts.get(date.isoformat(), 0)))
    return series


def dashboard_summary():
    now = utcnow()
    open_count, oldest = open_report_summary()
    new_members = db.session.scalar(select(func.count(User.id)).where(User.created_at >= now - timedelta(days=7)))
    series = posts_per_day(now)
    return {
        "open_reports": open_count,
        "oldest_report_age": (now - oldest) if oldest else None,
        "new_members": new_members,
        "posts_per_day": series,
        "max_per_day": max([n for _, n in series] + [1]),
    }
