"""Reports: members flag posts; moderators close the queue item."""
from sqlalchemy import literal, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from . import steps
from .models import REASON_LABELS, URGENT_REASONS, Report, ReportCase

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


def _hide(actor, case, reason, until, ban):
    steps.hide_post(actor, case.post, reason)  # which closes the report as "hidden"


def _dismiss(actor, case, reason, until, ban):
    steps.dismiss_report(actor, case, reason)


def _warn(actor, case, reason, until, ban):
    steps.warn_member(actor, case.post.author, reason, about=case.post)
    steps.close_open_case(actor, case.post, "warned")


def _suspend(actor, case, reason, until, ban):
    steps.suspend_member(actor, case.post.author, reason, until=until, ban=ban, about=case.post)
    steps.close_open_case(actor, case.post, "suspended")


def _reach_out(actor, case, reason, until, ban):
    steps.reach_out(actor, case.post.author, reason)
    steps.close_open_case(actor, case.post, "reached_out")


# What a moderator may decide about a report; each writes its own audit entry.
DECISIONS = {"hide_post": _hide, "dismiss_report": _dismiss, "warn_member": _warn, "suspend_member": _suspend,
             "reach_out": _reach_out}


def decide_report(actor, case, decision, reason, until=None, ban=False):
    """Decide an open report: hide the post, dismiss the report, or warn or
    suspend the author (until a date, or a ban), closing the report and
    telling its reporters the outcome, never who decided. The author is told
    what was done to their post or account, with the reason; a dismissed
    report tells them nothing (nothing happened to them).

    Refuses non-moderators, an unknown decision, a report already decided
    (two moderators on one item: the second must not hide, warn or suspend
    on the strength of a decided report), and whatever the decision itself
    refuses. Records the decision's audit entry.
    """
    require(actor, "decide_report", case)
    if decision not in DECISIONS:
        raise Refused("Choose what to do about the report.")
    _claim(actor, case)
    steps.need_reason(reason)
    DECISIONS[decision](actor, case, reason, until, ban)
    db.session.commit()


def _claim(actor, case):
    """Take the report for this decision in one statement, so that of two
    moderators deciding at the same moment only one goes on (the other
    waits on the row, then finds it taken); a refused decision rolls the
    claim back with everything else."""
    claimed = db.session.execute(
        update(ReportCase)
        .where(ReportCase.id == case.id, ReportCase.status == "open", ReportCase.closed_by_id.is_(None))
        .values(closed_by_id=actor.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise Refused(steps.ALREADY_DECIDED)
