"""Notices: private messages from the forum to one member, and the unread
count kept on the member's row."""
import pytest
from flask_login import AnonymousUserMixin

from forum.errors import PermissionDenied
from forum.extensions import db
from forum.notices.queries import recent_notices
from forum.notices.services import mark_notices_read, send_notice
from tests.moderation.factories import suspend
from tests.factories import notices_for, reload


def test_a_notice_is_sent_with_the_callers_commit(member):
    send_notice(member.id, "warning", "Please keep it kind.")
    db.session.commit()

    [notice] = notices_for(member)
    assert (notice.kind, notice.body, notice.read_at) == ("warning", "Please keep it kind.", None)
    assert notice.created_at is not None
    assert reload(member).unread_notices == 1


def test_a_notice_is_dropped_with_a_failed_change(member):
    # Sent inside a change that then fails, it must vanish with it.
    send_notice(member.id, "warning", "Never sent.")
    db.session.rollback()

    assert notices_for(member) == [] and reload(member).unread_notices == 0


def test_each_notice_adds_to_the_unread_count(member, other_member):
    for text in ("First.", "Second.", "Third."):
        send_notice(member.id, "report_outcome", text)
    send_notice(other_member.id, "warning", "Yours.")
    db.session.commit()

    assert (reload(member).unread_notices, reload(other_member).unread_notices) == (3, 1)


def test_newest_notices_come_first_and_only_ones_own(member, other_member):
    for text in ("First.", "Second.", "Third."):
        send_notice(member.id, "report_outcome", text)
    send_notice(other_member.id, "warning", "Not for ana.")
    db.session.commit()

    assert [n.body for n in recent_notices(member)] == ["Third.", "Second.", "First."]
    assert [n.body for n in recent_notices(member, limit=2)] == ["Third.", "Second."]


def test_marking_read_clears_the_count_and_dates_each_notice(member, other_member):
    send_notice(member.id, "warning", "One.")
    send_notice(member.id, "warning", "Two.")
    send_notice(other_member.id, "warning", "Someone else's.")
    db.session.commit()

    mark_notices_read(member, member)

    assert reload(member).unread_notices == 0
    assert all(n.read_at is not None for n in notices_for(member))
    assert reload(other_member).unread_notices == 1 and notices_for(other_member)[0].read_at is None


def test_marking_again_keeps_the_first_read_time(member):
    send_notice(member.id, "warning", "One.")
    db.session.commit()
    mark_notices_read(member, member)
    first_read = notices_for(member)[0].read_at
    send_notice(member.id, "warning", "Two.")
    db.session.commit()

    mark_notices_read(member, member)

    old, new = notices_for(member)
    assert old.read_at == first_read and new.read_at is not None


@pytest.mark.parametrize("reader", ["other member", "moderator", "visitor"])
def test_nobody_marks_someone_elses_notices_read(member, other_member, moderator, reader):
    send_notice(member.id, "warning", "Private.")
    db.session.commit()
    actor = {"other member": other_member, "moderator": moderator, "visitor": AnonymousUserMixin()}[reader]

    with pytest.raises(PermissionDenied):
        mark_notices_read(actor, member)

    assert reload(member).unread_notices == 1 and notices_for(member)[0].read_at is None


def test_a_suspended_member_still_reads_their_notices(member, moderator):
    suspend(member, by=moderator)
    send_notice(member.id, "warning", "About your suspension.")
    db.session.commit()

    mark_notices_read(member, member)

    assert reload(member).unread_notices == 0
