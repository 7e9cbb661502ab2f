"""Reports: members flag posts; moderators close the queue item."""
from sqlalchemy import literal, select, update
from sqlalchemy.exc import IntegrityError

from ..audit.services import post_snapshot, record
from ..errors import Refused
from ..extensions import db
from ..notifications.services import notify
from ..permissions import require
from ..timeutil import utcnow
from .models import REASON_LABELS, URGENT_REASONS, Report, ReportCase

URGENT_WEIGHT = 1_000_000
ALREADY_REPORTED = "You've already reported this post. The moderators will look at it."

OUTCOME_MESSAGES = {
    "hidden": "A moderator reviewed it and hid the post. Thank you for helping keep the forum safe.",
    "dismissed": "A moderator reviewed it and decided it can stay. Thank you for telling us.",
    "warned": "A moderator reviewed it and has spoken privately with the author. Thank you for telling us.",
    "suspended": "A moderator reviewed it and has suspended the author's account. Thank you for telling us.",
}


def report_post(actor, post, reason, note=""):
    """File a report. Refuses suspended members, one's own post, an unknown
    reason, "other" without a note, and a second open report on the same post."""
    require(actor, "report_post", post)
    if reason not in REASON_LABELS:
        raise Refused("Choose a reason.", field="reason")
    if reason == "other" and not (note or "").strip():
        raise Refused("Tell the moderators what is wrong.", field="note")
    try:
        case = _add_report(actor, post, reason, note)
    except IntegrityError:
        # Lost a race: another first report opened the item a moment ago
        # (join it), or this was the same report sent twice (refused).
        try:
            case = _add_report(actor, post, reason, note)
        except IntegrityError:
            raise Refused(ALREADY_REPORTED) from None
    urgent = literal(1) if reason in URGENT_REASONS else ReportCase.urgent
    db.session.execute(update(ReportCase).where(ReportCase.id == case.id).values(
        reporter_count=ReportCase.reporter_count + 1,
        urgent=urgent,
        queue_rank=-(urgent * URGENT_WEIGHT + ReportCase.reporter_count + 1),
    ))
    db.session.commit()
    return case


def _add_report(actor, post, reason, note):
    """Add the report to the post's open item, opening one if needed, in a
    savepoint so a unique-constraint race undoes only this attempt."""
    with db.session.begin_nested():
        case = db.session.scalar(select(ReportCase).where(ReportCase.open_post_id == post.id))
        if case is None:
            case = ReportCase(post_id=post.id, open_post_id=post.id, status="open", urgent=0, reporter_count=0,
                              queue_rank=0, opened_at=utcnow())
            db.session.add(case)
            db.session.flush()
        elif db.session.scalar(select(Report.id).where(Report.case_id == case.id, Report.reporter_id == actor.id)):
            raise Refused(ALREADY_REPORTED)
        db.session.add(Report(case_id=case.id, reporter_id=actor.id, reason=reason,
                              note=(note or "").strip(), created_at=utcnow()))
        db.session.flush()
    return case


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


def dismiss_report(actor, case, reason):
    """Close a queue item with no action on the post. Refuses non-moderators
    and a closed item."""
    require(actor, "dismiss_report", case)
    if case.status != "open":
        raise Refused("That report is already closed.")
    record(actor, "dismiss_report", "report", case.id, post_snapshot(case.post), reason, subject_id=case.post.author_id)
    close_open_case(actor, case.post, "dismissed")
    db.session.commit()
