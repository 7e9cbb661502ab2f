"""Moderators' actions on members: warnings, suspensions and bans, lifting
them, private notes, and who may act on whom."""
from datetime import datetime, time, timedelta

import pytest

from forum.errors import PermissionDenied, Refused
from forum.moderation import member_services
from forum.moderation.queries import member_notes
from forum.threads import services as thread_services
from forum.timeutil import utcnow
from tests import factories

from .factories import snapshot_of
from tests.factories import audit_entries, make_moderator, make_report, notifications_for, posts_of, reload


def in_days(n):
    return (utcnow() + timedelta(days=n)).date()


# Warnings

def test_a_warning_reaches_the_member_as_a_notification(member, moderator):
    member_services.warn_member(moderator, member, "  Please keep it kind when people disagree.  ")

    [notification] = notifications_for(member)
    assert (notification.kind, notification.body, notification.read_at) == ("warning", "Please keep it kind when people disagree.", None)
    assert reload(member).unread_notifications == 1
    [entry] = audit_entries()
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id, entry.subject_id) == (
        moderator.id, "warn_member", "member", member.id, member.id)
    assert entry.reason == "Please keep it kind when people disagree."
    assert snapshot_of(entry)["username"] == "ana_runner"


def test_a_warning_needs_a_reason(member, moderator):
    with pytest.raises(Refused, match="Give a reason") as refusal:
        member_services.warn_member(moderator, member, "  ")
    assert refusal.value.field == "reason"
    assert notifications_for(member) == [] and audit_entries() == []


def test_members_cannot_warn_each_other(member, other_member):
    with pytest.raises(PermissionDenied):
        member_services.warn_member(other_member, member, "Stop disagreeing with me.")
    assert notifications_for(member) == []


# Suspensions and bans

def test_a_suspension_lasts_to_the_end_of_the_chosen_day(member, moderator):
    until = in_days(7)
    member_services.suspend_member(moderator, member, "Repeated personal attacks.", until=until)

    member = reload(member)
    assert member.is_suspended and not member.banned
    assert member.suspended_until == datetime.combine(until, time(23, 59, 59))
    assert member.suspension_reason == "Repeated personal attacks."
    [entry] = audit_entries()
    assert (entry.action, entry.actor_id, entry.subject_id, entry.reason) == (
        "suspend_member", moderator.id, member.id, "Repeated personal attacks.")


def test_a_ban_has_no_end_date(member, moderator):
    member_services.suspend_member(moderator, member, "Selling fake cures.", ban=True)

    member = reload(member)
    assert member.banned and member.suspended_until is None and member.is_suspended
    assert member.suspension_reason == "Selling fake cures."


def test_a_suspension_can_end_today_but_not_in_the_past(member, moderator):
    with pytest.raises(Refused, match="date in the future") as refusal:
        member_services.suspend_member(moderator, member, "Too late.", until=in_days(-1))
    assert refusal.value.field == "until"
    assert not reload(member).is_suspended and audit_entries() == []

    member_services.suspend_member(moderator, member, "For the rest of today.", until=utcnow().date())
    assert reload(member).is_suspended


def test_a_suspension_needs_an_end_date_or_a_ban(member, moderator):
    # An empty date never means "ban": that would ban someone for good by accident.
    with pytest.raises(Refused, match="Choose an end date, or tick") as refusal:
        member_services.suspend_member(moderator, member, "Cooling off.")
    assert refusal.value.field == "until"
    assert not reload(member).is_suspended and audit_entries() == []


def test_a_suspension_needs_a_reason(member, moderator):
    with pytest.raises(Refused, match="Give a reason"):
        member_services.suspend_member(moderator, member, "", until=in_days(3))
    assert not reload(member).is_suspended


def test_a_suspension_whose_date_has_passed_is_over(member, moderator):
    member_services.suspend_member(moderator, member, "Cooling off.", until=in_days(2))
    member.suspended_until = utcnow() - timedelta(seconds=1)
    assert not member.is_suspended


def test_a_suspended_member_can_no_longer_post_edit_or_report(member, other_member, moderator):
    thread = factories.make_thread(author=other_member)
    own = factories.make_post(thread, author=member, body="My own words.")
    member_services.suspend_member(moderator, member, "Cooling off.", until=in_days(3))

    with pytest.raises(PermissionDenied, match="suspended"):
        thread_services.reply(member, thread, "Let me explain myself.")
    with pytest.raises(PermissionDenied):
        thread_services.start_thread(member, thread.category, "A new thread", "Still here.")
    with pytest.raises(PermissionDenied):
        thread_services.edit_post(member, own, "Edited while suspended.")
    with pytest.raises(PermissionDenied):
        make_report(member, posts_of(thread)[0])
    assert reload(own).body == "My own words."


def test_lifting_a_suspension_lets_them_post_again(member, moderator):
    member_services.suspend_member(moderator, member, "Cooling off.", until=in_days(3))

    member_services.lift_suspension(moderator, member, "Apologised.")

    member = reload(member)
    assert not member.is_suspended and member.suspended_until is None and member.suspension_reason is None
    assert [n.kind for n in notifications_for(member)] == ["account", "suspension_lifted"]
    assert [e.action for e in audit_entries()] == ["suspend_member", "lift_suspension"]
    thread_services.start_thread(member, factories.make_category(), "Back again", "Thanks for having me back.")


def test_lifting_a_ban(member, moderator):
    member_services.suspend_member(moderator, member, "Spam.", ban=True)
    member_services.lift_suspension(moderator, member, "It was a hacked account.")
    assert not reload(member).banned


def test_lifting_needs_a_suspended_member(member, moderator):
    with pytest.raises(Refused, match="isn't suspended"):
        member_services.lift_suspension(moderator, member, "")
    assert audit_entries() == [] and notifications_for(member) == []


# Who acts on whom

@pytest.mark.parametrize("action, args", [
    ("warn_member", ("Be kind.",)),
    ("suspend_member", (None, "Be kind.")),
    ("note_member", ("Watch this one.",)),
])
def test_moderators_cannot_act_on_other_staff(moderator, other_moderator, admin, action, args):
    for target in (other_moderator, admin):
        with pytest.raises(PermissionDenied):
            getattr(member_services, action)(moderator, target, *args)
    assert audit_entries() == []


def test_admins_can_suspend_moderators(moderator, admin):
    member_services.suspend_member(admin, moderator, "Hid posts without reasons.", until=in_days(2))
    assert reload(moderator).is_suspended


@pytest.mark.parametrize("action, args", [
    ("warn_member", ("Note to self.",)),
    ("suspend_member", (None, "Taking a break.")),
    ("note_member", ("About me.",)),
])
@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_nobody_acts_on_themself(role, action, args):
    person = factories.make_member(role=role)
    with pytest.raises(PermissionDenied):
        getattr(member_services, action)(person, person, *args)
    assert audit_entries() == []


def test_nobody_lifts_their_own_suspension(moderator, admin):
    member_services.suspend_member(admin, moderator, "Cooling off.", until=in_days(2))
    with pytest.raises(PermissionDenied):
        member_services.lift_suspension(moderator, moderator, "I'm fine now.")
    assert reload(moderator).is_suspended


# Private notes

def test_a_private_note_is_kept_with_its_author(member, moderator, other_moderator):
    member_services.note_member(moderator, member, "  Says they are a physio; not verified.  ")
    member_services.note_member(other_moderator, member, "Asked them for their licence number.")

    notes = member_notes(member)
    assert [(n.body, n.author.username) for n in notes] == [
        ("Asked them for their licence number.", "mod_sam"), ("Says they are a physio; not verified.", "mod_kim")]
    assert notifications_for(member) == [] and reload(member).unread_notifications == 0
    entries = audit_entries()
    assert [e.action for e in entries] == ["note_member", "note_member"]
    # The log names each note but keeps its words out: every moderator reads the log.
    assert [(e.reason, snapshot_of(e)["note_id"]) for e in entries] == [("", notes[1].id), ("", notes[0].id)]
    assert not any("physio" in e.snapshot for e in entries)


def test_an_empty_note_is_refused(member, moderator):
    with pytest.raises(Refused, match="Write the note") as refusal:
        member_services.note_member(moderator, member, " ")
    assert refusal.value.field == "body" and member_notes(member) == []


def test_members_cannot_write_notes(member, other_member):
    with pytest.raises(PermissionDenied):
        member_services.note_member(other_member, member, "Annoying.")
    assert member_notes(member) == []


# Appointing moderators

def test_an_admin_appoints_and_removes_a_moderator(member, admin):
    member_services.appoint_moderator(admin, member, "Long-time helpful member.")
    assert reload(member).role == "moderator"

    member_services.remove_moderator(admin, member, "Asked to step down.")
    assert reload(member).role == "member"

    appoint, remove = audit_entries()
    assert (appoint.action, snapshot_of(appoint)["role"]) == ("appoint_moderator", "member")
    assert (remove.action, snapshot_of(remove)["role"]) == ("remove_moderator", "moderator")


def test_moderators_cannot_appoint_or_remove_moderators(member, moderator):
    other = make_moderator()
    with pytest.raises(PermissionDenied):
        member_services.appoint_moderator(moderator, member)
    with pytest.raises(PermissionDenied):
        member_services.remove_moderator(moderator, other)
    assert (reload(member).role, reload(other).role) == ("member", "moderator")


def test_an_admin_cannot_demote_themself_or_appoint_staff(admin, moderator):
    with pytest.raises(PermissionDenied):
        member_services.remove_moderator(admin, admin)
    with pytest.raises(PermissionDenied):
        member_services.appoint_moderator(admin, moderator)
    assert reload(admin).role == "admin"
