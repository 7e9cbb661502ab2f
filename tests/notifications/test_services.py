"""Notifications: private messages from the forum to one member, and the unread
count kept on the member's row."""
import pytest
from flask_login import AnonymousUserMixin

from forum.errors import PermissionDenied
from forum.extensions import db
from forum.notifications.queries import recent_notifications
from forum.notifications.services import mark_notifications_read
from forum.notifications.steps import notify
from tests.moderation.factories import suspend
from tests.factories import notifications_for, reload


def test_a_notification_is_sent_with_the_callers_commit(member):
    notify(member.id, "warning", "Please keep it kind.")
    db.session.commit()

    [notification] = notifications_for(member)
    assert (notification.kind, notification.body, notification.read_at) == ("warning", "Please keep it kind.", None)
    assert notification.created_at is not None
    assert reload(member).unread_notifications == 1


def test_a_notification_is_dropped_with_a_failed_change(member):
    # Sent inside a change that then fails, it must vanish with it.
    notify(member.id, "warning", "Never sent.")
    db.session.rollback()

    assert notifications_for(member) == [] and reload(member).unread_notifications == 0


def test_each_notification_adds_to_the_unread_count(member, other_member):
    for text in ("First.", "Second.", "Third."):
        notify(member.id, "report_outcome", text)
    notify(other_member.id, "warning", "Yours.")
    db.session.commit()

    assert (reload(member).unread_notifications, reload(other_member).unread_notifications) == (3, 1)


def test_newest_notifications_come_first_and_only_ones_own(member, other_member):
    for text in ("First.", "Second.", "Third."):
        notify(member.id, "report_outcome", text)
    notify(other_member.id, "warning", "Not for ana.")
    db.session.commit()

    assert [e.notification.body for e in recent_notifications(member)] == ["Third.", "Second.", "First."]
    assert [e.notification.body for e in recent_notifications(member, limit=2)] == ["Third.", "Second."]


def test_marking_read_clears_the_count_and_dates_each_notification(member, other_member):
    notify(member.id, "warning", "One.")
    notify(member.id, "warning", "Two.")
    notify(other_member.id, "warning", "Someone else's.")
    db.session.commit()

    mark_notifications_read(member, member)

    assert reload(member).unread_notifications == 0
    assert all(n.read_at is not None for n in notifications_for(member))
    assert reload(other_member).unread_notifications == 1 and notifications_for(other_member)[0].read_at is None


def test_marking_again_keeps_the_first_read_time(member):
    notify(member.id, "warning", "One.")
    db.session.commit()
    mark_notifications_read(member, member)
    first_read = notifications_for(member)[0].read_at
    notify(member.id, "warning", "Two.")
    db.session.commit()

    mark_notifications_read(member, member)

    old, new = notifications_for(member)
    assert old.read_at == first_read and new.read_at is not None


@pytest.mark.parametrize("reader", ["other member", "moderator", "visitor"])
def test_nobody_marks_someone_elses_notifications_read(member, other_member, moderator, reader):
    notify(member.id, "warning", "Private.")
    db.session.commit()
    actor = {"other member": other_member, "moderator": moderator, "visitor": AnonymousUserMixin()}[reader]

    with pytest.raises(PermissionDenied):
        mark_notifications_read(actor, member)

    assert reload(member).unread_notifications == 1 and notifications_for(member)[0].read_at is None


def test_a_suspended_member_still_reads_their_notifications(member, moderator):
    suspend(member, by=moderator)
    notify(member.id, "warning", "About your suspension.")
    db.session.commit()

    mark_notifications_read(member, member)

    assert reload(member).unread_notifications == 0
