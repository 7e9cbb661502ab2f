"""The moderators' verbs on practitioner applications. Each refuses a
non-moderator and the applicant themself, changes the application only if
it is still where the moderator saw it, writes one audit entry, tells the
applicant, and commits once."""
import re
from datetime import datetime, time, timedelta

from sqlalchemy import update

from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..notifications.steps import notify
from ..permissions import require
from ..timeutil import utcnow
from .credentials import add_months
from .models import OPEN_STATUSES, Application
from .steps import move

# A verification holds for a year at most: licences are disciplined and
# lapse between renewals, so the check is made again.
VALID_FOR_MONTHS = 12
# How far back a moderator may date their check.
OLDEST_CHECK = timedelta(days=30)
TEXT_MAX = 2000


def _lapse_date(application, checked_on):
    """The first day the verification no longer holds: the licence's expiry
    date, or 12 months after the check, whichever comes first."""
    return min(application.licence_expires_on, add_months(checked_on, VALID_FOR_MONTHS))


def verify_practitioner(actor, application, source_checked, checked_on, source_url=""):
    """Verify the licence: the badge shows from now until the lapse date.
    Refuses an application that isn't waiting (one still waiting for the
    applicant's answer included), no source, a search address that isn't a
    web address, a check dated in the future or over 30 days ago, and a
    licence that would already have lapsed."""
    require(actor, "verify_practitioner", application)
    source_checked = (source_checked or "").strip()
    if not source_checked:
        raise Refused("Name where you checked the licence, as readers will see it.", field="source_checked")
    today = utcnow().date()
    # A day's grace ahead of UTC: a moderator east of Greenwich writes their own today.
    if checked_on is None or checked_on > today + timedelta(days=1) or checked_on < today - OLDEST_CHECK:
        raise Refused("Give the day you checked the licence: today, or within the last 30 days.", field="checked_on")
    source_url = (source_url or "").strip()
    # Shown as a link to other moderators: a web address and nothing else.
    if source_url and not re.match(r"https?://[^\s/]+", source_url, re.IGNORECASE):
        raise Refused("Give the search page's web address, starting with https://, or leave it empty.", field="source_url")
    lapses_on = _lapse_date(application, checked_on)
    if lapses_on <= today:
        raise Refused("The licence has expired, so there is nothing to verify.", field="checked_on")
    now = utcnow()
    move(application, "verify_practitioner", status="verified", open_for_member=None, source_checked=source_checked,
         source_url=source_url or None, checked_on=checked_on,
         lapses_at=datetime.combine(lapses_on, time()), decided_by_id=actor.id, decided_at=now, decision_reason=None)
    # A renewal replaces the verification it renews: one badge per member.
    _change_others(application, ("verified",), status="superseded")
    _audit_and_tell(actor, application, "verify_practitioner", "",
                    f"Your licence is verified: your posts now show the “{application.badge_label}” badge "
                    f"until {lapses_on.isoformat()}.")
    db.session.commit()
    return application


def request_practitioner_info(actor, application, message):
    """Ask the applicant for something the licence search didn't settle; the
    application waits for their answer. Refuses an empty message and an
    application that isn't waiting for the moderators."""
    require(actor, "request_practitioner_info", application)
    message = _required(message, "message", "Write what you need from the applicant.")
    move(application, "request_practitioner_info", status="info_requested", info_request=message, info_answer=None)
    _audit_and_tell(actor, application, "request_practitioner_info", message,
                    f"The moderators need more information about your practitioner application: {message}")
    db.session.commit()
    return application


def reject_practitioner(actor, application, reason):
    """Turn down an open application, with the reason the applicant is told.
    Refuses an empty reason and an application already decided."""
    require(actor, "reject_practitioner", application)
    reason = _required(reason, "reason", "Give the reason the applicant will read.")
    move(application, "reject_practitioner", status="rejected", open_for_member=None,
         decision_reason=reason, decided_by_id=actor.id, decided_at=utcnow())
    _audit_and_tell(actor, application, "reject_practitioner", reason,
                    f"Your practitioner application was not approved: {reason}")
    db.session.commit()
    return application


def revoke_practitioner(actor, application, reason):
    """Take a verification back (a lapsed one included, so the record says
    why): the badge goes from every page at once, and a renewal the member
    has waiting is closed with it, so it can't bring the badge back
    unnoticed. Refuses an empty reason and an application that isn't
    verified."""
    require(actor, "revoke_practitioner", application)
    reason = _required(reason, "reason", "Give the reason the practitioner will read.")
    now = utcnow()
    move(application, "revoke_practitioner", status="revoked", decision_reason=reason, decided_by_id=actor.id, decided_at=now)
    _change_others(application, OPEN_STATUSES, status="rejected", open_for_member=None, decided_by_id=actor.id,
                   decided_at=now, decision_reason=f"Closed when the verification was revoked: {reason}")
    _audit_and_tell(actor, application, "revoke_practitioner", reason,
                    f"Your verified practitioner badge was removed: {reason}")
    db.session.commit()
    return application


def _change_others(application, statuses, **values):
    """Change the member's other applications that are in `statuses`."""
    db.session.execute(
        update(Application)
        .where(Application.member_id == application.member_id, Application.id != application.id,
               Application.status.in_(statuses))
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )


def _required(text, field, message):
    text = (text or "").strip()
    if not text:
        raise Refused(message, field=field)
    if len(text) > TEXT_MAX:
        raise Refused(f"Keep it to {TEXT_MAX} characters or fewer.", field=field)
    return text


def _audit_and_tell(actor, application, action, reason, message):
    record(actor, action, "practitioner_application", application.id, _snapshot(application), reason,
           subject_id=application.member_id)
    notify(application.member_id, "practitioner", message)


def _snapshot(application):
    """What the audit entry keeps: the application as the moderator decided it."""
    return {
        "application_id": application.id,
        "member": application.member.username if application.member else None,
        "status": application.status,
        "credential": application.credential,
        "jurisdiction": application.place,
        "licence_number": application.licence_number,
        "licence_expires_on": application.licence_expires_on,
        "source_checked": application.source_checked,
        "checked_on": application.checked_on,
        "lapses_at": application.lapses_at,
    }
