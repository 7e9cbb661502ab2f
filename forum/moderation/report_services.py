"""Reports: members flag posts; moderators close the queue item."""
from sqlalchemy import literal, select, update
from sqlalchemy.exc import IntegrityError

from ..audit.snapshots import post_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import REASON_LABELS, URGENT_REASONS, Report, ReportCase
from .steps import close_open_case

URGENT_WEIGHT = 1_000_000
ALREADY_REPORTED = "You've already reported this post. The moderators will look at it."


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


def dismiss_report(actor, case, reason):
    """Close a queue item with no action on the post. Refuses non-moderators
    and a closed item."""
    require(actor, "dismiss_report", case)
    if case.status != "open":
        raise Refused("That report is already closed.")
    record(actor, "dismiss_report", "report", case.id, post_snapshot(case.post), reason, subject_id=case.post.author_id)
    close_open_case(actor, case.post, "dismissed")
    db.session.commit()
