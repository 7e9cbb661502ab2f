"""Building blocks of the moderators' verbs: each adds to the caller's
transaction and leaves the commit to it."""
from sqlalchemy import select

from ..extensions import db
from ..notifications.steps import notify
from ..timeutil import utcnow
from ..transactions import step
from .models import ReportCase

OUTCOME_MESSAGES = {
    "hidden": "A moderator reviewed it and hid the post. Thank you for helping keep the forum safe.",
    "dismissed": "A moderator reviewed it and decided it can stay. Thank you for telling us.",
    "warned": "A moderator reviewed it and has spoken privately with the author. Thank you for telling us.",
    "suspended": "A moderator reviewed it and has suspended the author's account. Thank you for telling us.",
}


@step
def close_open_case(actor, post, outcome):
    """Close the open report about `post`, if any, and tell its reporters the
    outcome, never who acted. Part of the caller's transaction."""
    case = db.session.scalar(select(ReportCase).where(ReportCase.open_post_id == post.id))
    if case is None:
        return None
    case.status = "closed"
    case.open_post_id = None
    case.outcome = outcome
    case.closed_at = utcnow()
    case.closed_by_id = actor.id
    title = post.thread.title
    for report in case.reports:
        notify(report.reporter_id, "report_outcome", f"About the post you reported in “{title}”: {OUTCOME_MESSAGES[outcome]}")
    return case
