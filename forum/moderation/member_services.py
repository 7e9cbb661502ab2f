"""Moderators' actions on members: warnings, suspensions, private notes,
and (for admins) appointing moderators. The member is told of each, with
the reason given, except a private note: that is the moderators' own
memory, and telling the member about it would defeat it."""
from ..audit.snapshots import member_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from . import steps
from .models import MemberNote


def warn_member(actor, member, reason):
    """Warn a member privately; refuses what steps.warn_member refuses."""
    steps.warn_member(actor, member, reason)
    db.session.commit()


def suspend_member(actor, member, reason, until=None, ban=False):
    """Suspend or ban a member; refuses what steps.suspend_member refuses."""
    steps.suspend_member(actor, member, reason, until=until, ban=ban)
    db.session.commit()


def lift_suspension(actor, member, reason=""):
    """End a suspension or ban early, telling the member (with the reason,
    when one is given). Refuses a member who isn't suspended."""
    require(actor, "lift_suspension", member)
    if not member.is_suspended:
        raise Refused("That member isn't suspended.")
    member.suspended_until, member.banned, member.suspension_reason = None, False, None
    record(actor, "lift_suspension", "member", member.id, member_snapshot(member), reason, subject_id=member.id)
    steps.tell_member(actor, member.id, "suspension_lifted", "Your suspension has been lifted: you can post again. Welcome back.",
                      reason)
    db.session.commit()


def note_member(actor, member, body):
    """Add a private note about a member, seen only by those who may act on
    them. The audit entry says who noted whom and names the note, without
    its words: every moderator reads the audit log, the member among them
    when the member is a moderator."""
    require(actor, "note_member", member)
    if not (body or "").strip():
        raise Refused("Write the note first.", field="body")
    note = MemberNote(member_id=member.id, author_id=actor.id, body=body.strip(), created_at=utcnow())
    db.session.add(note)
    db.session.flush()
    record(actor, "note_member", "member", member.id, {**member_snapshot(member), "note_id": note.id}, "", subject_id=member.id)
    db.session.commit()


ROLE_NOTICES = {
    "appoint_moderator": "An administrator made you a moderator. Thank you for helping to look after the forum.",
    "remove_moderator": "An administrator ended your role as a moderator. Your account is otherwise as it was.",
}


def _change_role(actor, member, action, role, reason):
    # The permission rules only let a member be appointed and a moderator be
    # removed, so there is no starting role left to check here.
    require(actor, action, member)
    snapshot = member_snapshot(member)
    member.role = role
    record(actor, action, "member", member.id, snapshot, reason, subject_id=member.id)
    steps.tell_member(actor, member.id, "account", ROLE_NOTICES[action], reason)


def appoint_moderator(actor, member, reason=""):
    """Make a member a moderator. Admins only; refuses a current moderator or admin."""
    _change_role(actor, member, "appoint_moderator", "moderator", reason)
    db.session.commit()


def remove_moderator(actor, member, reason=""):
    """Return a moderator to an ordinary member. Admins only."""
    _change_role(actor, member, "remove_moderator", "member", reason)
    db.session.commit()
