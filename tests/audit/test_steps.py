"""The one audit writer, and the log's promise never to change."""
import json

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from forum.audit.models import AUDIT_ACTIONS, AuditEntry, AuditLogIsAppendOnly
from forum.audit.queries import audit_page
from forum.audit.snapshots import member_snapshot, post_snapshot
from forum.audit.steps import record
from forum.accounts.models import User
from forum.errors import Refused
from forum.extensions import db
from forum.permissions import RULES
from forum.moderation import services
from tests import factories
from tests.factories import make_moderator


@pytest.fixture
def moderator():
    return make_moderator(username="mod_kim")


@pytest.fixture
def post(member, other_member, category):
    thread = factories.make_thread(author=member, category=category, title="Heat or ice after a long run?")
    return factories.make_post(thread, author=other_member, body="Buy my miracle cream, link in profile.")


def entry_count():
    return db.session.scalar(select(func.count(AuditEntry.id)))


def warn_entry(moderator, member, reason="Please be kind."):
    entry = record(moderator, "warn_member", "member", member.id, member_snapshot(member), reason, subject_id=member.id)
    db.session.commit()
    return entry


def test_record_keeps_who_what_why_and_a_snapshot(moderator, post):
    entry = record(moderator, "hide_post", "post", post.id, post_snapshot(post), "  Advertising.  ", subject_id=post.author_id)
    db.session.commit()

    stored = db.session.scalars(select(AuditEntry)).one()
    assert (stored.actor_id, stored.action, stored.target_type, stored.target_id, stored.subject_id) == (
        moderator.id, "hide_post", "post", post.id, post.author_id)
    assert stored.reason == "Advertising."
    assert stored.created_at is not None
    snapshot = json.loads(stored.snapshot)
    assert (snapshot["body"], snapshot["author"], snapshot["thread_title"]) == (
        "Buy my miracle cream, link in profile.", "desk_sitter", "Heat or ice after a long run?")
    assert entry.id == stored.id


def test_an_entry_outlives_changes_to_its_target(moderator, post):
    services.hide_post(moderator, post, "Advertising.")
    post.body = "Edited away."
    db.session.commit()

    entry = db.session.scalars(select(AuditEntry)).one()
    assert json.loads(entry.snapshot)["body"] == "Buy my miracle cream, link in profile."


def test_an_entry_is_part_of_the_change_it_records(moderator, member):
    # The change fails at commit: its entry must not survive alone.
    record(moderator, "warn_member", "member", member.id, member_snapshot(member), "Be kind.", subject_id=member.id)
    db.session.add(User(username="ana_runner", username_key="ana_runner", email="x@example.org",
                        email_key="x@example.org", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert entry_count() == 0


def test_a_refused_action_writes_no_entry(moderator, post):
    with pytest.raises(Refused):
        services.hide_post(moderator, post, "   ")
    db.session.rollback()
    assert entry_count() == 0
    assert post.hidden_at is None


def test_one_action_writes_exactly_one_entry_about_the_author(moderator, post):
    services.hide_post(moderator, post, "Advertising.")
    entries = db.session.scalars(select(AuditEntry)).all()
    assert [(e.action, e.subject_id, e.target_id) for e in entries] == [("hide_post", post.author_id, post.id)]


def test_the_orm_refuses_to_edit_an_entry(moderator, member):
    entry = warn_entry(moderator, member)
    entry.reason = "Something kinder, after the fact."
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(AuditEntry.reason)) == "Please be kind."


def test_the_orm_refuses_to_delete_an_entry(moderator, member):
    entry = warn_entry(moderator, member)
    db.session.delete(entry)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert entry_count() == 1


@pytest.mark.parametrize("statement", [
    update(AuditEntry).values(reason="Rewritten."),
    delete(AuditEntry),
], ids=["bulk update", "bulk delete"])
def test_the_orm_refuses_bulk_edits_and_deletes_too(moderator, member, statement):
    warn_entry(moderator, member)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(statement)
    db.session.rollback()
    assert db.session.scalars(select(AuditEntry.reason)).all() == ["Please be kind."]


def test_audit_page_is_newest_first_and_hands_on_where_to_continue(moderator, member):
    ids = [warn_entry(moderator, member, f"entry {n}").id for n in range(5)]

    first, after_first = audit_page(per_page=2)
    second, after_second = audit_page(per_page=2, before_id=after_first)
    last, after_last = audit_page(per_page=2, before_id=after_second)

    assert [e.id for e in first + second + last] == ids[::-1]
    assert (after_first, after_second, after_last) == (ids[3], ids[1], None)


def test_audit_page_filters_by_action_actor_and_member(moderator, member, other_member):
    other_moderator = make_moderator(username="mod_sam")
    warn_entry(moderator, member)
    warn_entry(other_moderator, other_member)
    record(moderator, "note_member", "member", other_member.id, member_snapshot(other_member), "Note.", subject_id=other_member.id)
    db.session.commit()

    def reasons(**filters):
        return [e.reason for e in audit_page(**filters)[0]]

    assert reasons(actor_id=moderator.id) == ["Note.", "Please be kind."]
    assert reasons(subject_id=other_member.id, action="warn_member") == ["Please be kind."]
    assert reasons(actor_id=other_moderator.id, action="note_member") == []


def test_an_action_missing_from_the_list_is_refused(moderator, member):
    with pytest.raises(ValueError, match="'shadowban_member' is not in AUDIT_ACTIONS"):
        record(moderator, "shadowban_member", "member", member.id, {}, "Quietly.")


def test_every_audited_action_is_a_permission_of_the_same_name():
    assert set(AUDIT_ACTIONS) <= set(RULES)
