"""Builders for the back-office tests: staff, suspended people, report queue
items with a known age and size, and ways to read back what was recorded."""

from forum.extensions import db
from forum.moderation import report_services
from forum.moderation.models import ReportCase
from forum.timeutil import utcnow


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


# Opening a thread page to fetch its form remembers how far the reader has
# read it: that is the reading, not the refused request.
READING = {"thread_reads"}


def everything():
    """Every row of every table, to prove a refused request changed nothing."""
    db.session.expire_all()
    return {
        table.name: sorted(tuple(map(repr, row)) for row in db.session.execute(table.select()))
        for table in db.metadata.sorted_tables if table.name not in READING
    }
