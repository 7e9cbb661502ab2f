"""Building blocks of the moderators' verbs: the four ways a report can be
decided, closing the report, and telling a member what was done to their
post, thread or account. Each checks its own rules, writes its audit entry,
and leaves the commit to the verb that calls it."""
from datetime import datetime, time

from sqlalchemy import select

from ..audit.snapshots import member_snapshot, post_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..notifications.steps import notify
from ..permissions import require
from ..stories.steps import recounting_post
from ..timeutil import utcnow
from ..transactions import step
from .models import ReportCase

OUTCOME_MESSAGES = {
    "hidden": "A moderator reviewed it and hid the post. Thank you for helping keep the forum safe.",
    "dismissed": "A moderator reviewed it and decided it can stay. Thank you for telling us.",
    "warned": "A moderator reviewed it and has spoken privately with the author. Thank you for telling us.",
    "suspended": "A moderator reviewed it and has suspended the author's account. Thank you for telling us.",
    "reached_out": "A moderator reviewed it and has written to the author privately. Thank you for telling us.",
}
ALREADY_DECIDED = "That report is already closed: another moderator has decided it."
REASON_FOR_THE_LOG = "Give a reason: it goes in the audit log."
REASON_FOR_THE_MEMBER = "Give a reason: the member sees it, and it goes in the audit log."


@step
def need_reason(reason, message=REASON_FOR_THE_LOG):
    if not (reason or "").strip():
        raise Refused(message, field="reason")


@step
def tell_member(actor, member_id, kind, message, reason="", about=None, thread=None):
    """Tell a member what a moderator did to their post (`about`), their
    thread or their account, with the reason the moderator gave, if any:
    nobody should find their post hidden or their thread locked without
    knowing why. The notice links to the post, or to the thread's first
    post. It says "a moderator", never who: a member who disagrees takes it
    up with the moderators, not with one of them. A moderator acting on
    their own post or thread isn't told what they just did."""
    if member_id == actor.id:
        return
    reason = (reason or "").strip()
    if about is not None:
        thread_id, post_id = about.thread_id, about.id
    else:
        thread_id, post_id = (thread.id, thread.first_post_id) if thread is not None else (None, None)
    notify(member_id, kind, f"{message} Reason: {reason}" if reason else message, thread_id=thread_id, post_id=post_id)


@step
def close_open_case(actor, post, outcome):
    """Close the open report about `post`, if any, and tell its reporters the
    outcome, never who acted."""
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


@step
def hide_post(actor, post, reason):
    """Hide a post behind a placeholder. Refuses non-moderators, an already
    hidden post, and a missing reason. Closes an open report as "hidden"."""
    require(actor, "hide_post", post)
    need_reason(reason)
    if post.hidden_at is not None:
        raise Refused("That post is already hidden.")
    with recounting_post(post):
        post.hidden_at = utcnow()
        post.hidden_by_id = actor.id
        post.hidden_reason = reason.strip()
    record(actor, "hide_post", "post", post.id, post_snapshot(post), reason, subject_id=post.author_id)
    tell_member(actor, post.author_id, "moderation",
                f"A moderator hid your post in “{post.thread.title}”, so readers see a short note in its place.", reason, about=post)
    close_open_case(actor, post, "hidden")


@step
def dismiss_report(actor, case, reason):
    """Close a queue item with no action on the post. Refuses non-moderators
    and a closed item."""
    require(actor, "dismiss_report", case)
    if case.status != "open":
        raise Refused(ALREADY_DECIDED)
    record(actor, "dismiss_report", "report", case.id, post_snapshot(case.post), reason, subject_id=case.post.author_id)
    close_open_case(actor, case.post, "dismissed")


@step
def warn_member(actor, member, reason, about=None):
    """Send a member a private warning they see on their next visit, linked
    to the post it is `about` when there is one (a report's). Refuses
    non-moderators, a missing reason, and warning oneself."""
    require(actor, "warn_member", member)
    need_reason(reason, REASON_FOR_THE_MEMBER)
    notify(member.id, "warning", reason.strip(), thread_id=about and about.thread_id, post_id=about and about.id)
    record(actor, "warn_member", "member", member.id, member_snapshot(member), reason, subject_id=member.id)


@step
def reach_out(actor, member, message):
    """Write to a member privately, as the moderators: for someone whose
    post suggests they may be at risk, with where to find help today. Only
    moderators can; no member can send another a "concern" message, which
    elsewhere gets used to harass. Refuses what warning a member refuses."""
    require(actor, "reach_out", member)
    need_reason(message, REASON_FOR_THE_MEMBER)
    notify(member.id, "moderator_message", f"{message.strip()} (If you need someone to talk to now, the Urgent help "
                                           "page lists crisis lines that answer day or night.)")
    record(actor, "reach_out", "member", member.id, member_snapshot(member), message, subject_id=member.id)


@step
def suspend_member(actor, member, reason, until=None, ban=False, about=None):
    """Suspend a member until a date (the end of that day, UTC), or ban them.
    They can still read, and are told so, with the reason (and the post it
    is `about`, for a report's). Refuses non-moderators, staff targets, a
    missing reason, and neither a date in the future nor a ban: no empty
    date ever bans someone for good by accident."""
    require(actor, "suspend_member", member)
    need_reason(reason, REASON_FOR_THE_MEMBER)
    if ban:
        member.suspended_until, member.banned = None, True
    elif until is None:
        raise Refused("Choose an end date, or tick “Ban instead”.", field="until")
    else:
        ends = datetime.combine(until, time.max).replace(microsecond=0)
        if ends <= utcnow():
            raise Refused("Choose a date in the future, or ban.", field="until")
        member.suspended_until, member.banned = ends, False
    member.suspension_reason = reason.strip()
    record(actor, "suspend_member", "member", member.id, member_snapshot(member), reason, subject_id=member.id)
    how_long = "banned your account" if ban else f"suspended your account until the end of {member.suspended_until:%-d %B %Y} (UTC)"
    tell_member(actor, member.id, "account", f"A moderator {how_long}. You can still read the forum, "
                f"but not post, reply, report or edit{'' if ban else ' until then'}.", reason, about=about)
