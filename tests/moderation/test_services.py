"""Moderators' actions on posts and threads: each refusal, each change, and
exactly one audit entry per action."""
import pytest

from forum.threads.models import Category, PostRevision
from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.moderation import services
from forum.threads import services as thread_services
from tests import factories

from .factories import cases_about, snapshot_of, suspend
from tests.factories import audit_entries, make_report, notifications_for, reload


def the_one_entry():
    entries = audit_entries()
    assert len(entries) == 1, [e.action for e in entries]
    return entries[0]


# Hiding and restoring posts

def test_a_moderator_hides_a_post_with_a_reason(reply, moderator):
    services.hide_post(moderator, reply, "  Tells people to stop their medication.  ")

    reply = reload(reply)
    assert reply.is_hidden and reply.hidden_by_id == moderator.id
    assert reply.hidden_reason == "Tells people to stop their medication."
    assert reply.body == "Stop all your medication and **roll harder**."
    entry = the_one_entry()
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id, entry.subject_id) == (
        moderator.id, "hide_post", "post", reply.id, reply.author_id)
    assert entry.reason == "Tells people to stop their medication."
    snapshot = snapshot_of(entry)
    assert (snapshot["author"], snapshot["body"], snapshot["thread_title"]) == (
        "desk_sitter", "Stop all your medication and **roll harder**.", "Does foam rolling help piriformis pain?")


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_hiding_needs_a_reason(reply, moderator, reason):
    with pytest.raises(Refused, match="Give a reason") as refusal:
        services.hide_post(moderator, reply, reason)
    assert refusal.value.field == "reason"
    assert not reload(reply).is_hidden and audit_entries() == []


def test_members_cannot_hide_posts(reply, member):
    with pytest.raises(PermissionDenied):
        services.hide_post(member, reply, "I disagree.")
    assert not reload(reply).is_hidden and audit_entries() == []


def test_a_suspended_moderator_cannot_hide_posts(reply, moderator, admin):
    suspend(moderator, by=admin)
    with pytest.raises(PermissionDenied):
        services.hide_post(moderator, reply, "Unsafe.")
    assert not reload(reply).is_hidden


def test_a_hidden_post_cannot_be_hidden_twice(reply, moderator):
    services.hide_post(moderator, reply, "Unsafe.")
    with pytest.raises(Refused, match="already hidden"):
        services.hide_post(moderator, reply, "Unsafe, again.")
    assert len(audit_entries()) == 1


def test_hiding_closes_the_open_report_on_that_post(reply, member, moderator):
    make_report(member, reply, "misinformation")

    services.hide_post(moderator, reply, "Unsafe advice.")

    [case] = cases_about(reply)
    assert (case.status, case.outcome) == ("closed", "hidden")
    assert [n.kind for n in notifications_for(member)] == ["report_outcome"]


def test_a_moderator_restores_a_hidden_post_with_a_reason(reply, moderator, other_moderator):
    services.hide_post(moderator, reply, "Unsafe.")

    services.restore_post(other_moderator, reply, "On review, it was sarcasm.")

    reply = reload(reply)
    assert not reply.is_hidden and reply.hidden_reason is None and reply.hidden_by_id is None
    hide, restore = audit_entries()
    assert (restore.actor_id, restore.action, restore.target_id, restore.reason) == (
        other_moderator.id, "restore_post", reply.id, "On review, it was sarcasm.")
    assert snapshot_of(restore)["body"] == "Stop all your medication and **roll harder**."


def test_restoring_needs_a_reason_and_a_hidden_post(reply, moderator):
    with pytest.raises(Refused, match="isn't hidden"):
        services.restore_post(moderator, reply, "Just because.")
    services.hide_post(moderator, reply, "Unsafe.")
    with pytest.raises(Refused, match="Give a reason"):
        services.restore_post(moderator, reply, " ")
    assert reload(reply).is_hidden and len(audit_entries()) == 1


def test_members_cannot_restore_posts(reply, moderator, other_member):
    services.hide_post(moderator, reply, "Unsafe.")
    with pytest.raises(PermissionDenied):
        services.restore_post(other_member, reply, "It's mine and I want it back.")
    assert reload(reply).is_hidden


# The public moderator note under a post

def test_a_moderator_notes_a_post_for_everyone_to_read(reply, moderator):
    services.note_post(moderator, reply, "One member's experience. **Talk to your doctor** before stopping any medicine.")

    reply = reload(reply)
    assert reply.moderator_note == "One member's experience. **Talk to your doctor** before stopping any medicine."
    assert "<strong>Talk to your doctor</strong>" in reply.moderator_note_html
    entry = the_one_entry()
    assert (entry.action, entry.actor_id, entry.target_id) == ("note_post", moderator.id, reply.id)


def test_the_note_is_sanitised(reply, moderator):
    services.note_post(moderator, reply, "Careful <script>alert('x')</script> [link](javascript:alert(1))")
    html = reload(reply).moderator_note_html
    assert "&lt;script&gt;" in html and "<script" not in html
    assert 'href="javascript' not in html


def test_an_empty_note_removes_it(reply, moderator):
    services.note_post(moderator, reply, "Please see a clinician.")
    services.note_post(moderator, reply, "   ")

    reply = reload(reply)
    assert reply.moderator_note is None and reply.moderator_note_html is None
    assert [e.action for e in audit_entries()] == ["note_post", "note_post"]


def test_members_cannot_note_posts(reply, member):
    with pytest.raises(PermissionDenied):
        services.note_post(member, reply, "Moderator says: I am right.")
    assert reload(reply).moderator_note is None and audit_entries() == []


# Locking, pinning

@pytest.mark.parametrize("action, flag, value", [
    ("lock_thread", "locked", True), ("pin_thread", "pinned", True),
])
def test_lock_and_pin_set_the_flag_and_their_undo_clears_it(thread, moderator, action, flag, value):
    undo = action.replace("lock", "unlock").replace("pin", "unpin")
    getattr(services, action)(moderator, thread, "Going round in circles.")
    assert getattr(reload(thread), flag) is value

    getattr(services, undo)(moderator, thread)
    assert getattr(reload(thread), flag) is (not value)

    first, second = audit_entries()
    assert (first.action, first.target_type, first.target_id, first.reason) == (action, "thread", thread.id, "Going round in circles.")
    assert (second.action, second.actor_id) == (undo, moderator.id)
    assert snapshot_of(first)["title"] == "Does foam rolling help piriformis pain?"


@pytest.mark.parametrize("action", ["unlock_thread", "unpin_thread"])
def test_undoing_what_was_not_done_is_refused(thread, moderator, action):
    with pytest.raises(Refused, match="already not"):
        getattr(services, action)(moderator, thread)
    assert audit_entries() == []


@pytest.mark.parametrize("action", ["lock_thread", "pin_thread"])
def test_doing_it_twice_is_refused(thread, moderator, action):
    getattr(services, action)(moderator, thread)
    with pytest.raises(Refused, match="already"):
        getattr(services, action)(moderator, thread)
    assert len(audit_entries()) == 1


@pytest.mark.parametrize("action", ["lock_thread", "unlock_thread", "pin_thread", "unpin_thread"])
def test_members_cannot_lock_or_pin(thread, member, action):
    with pytest.raises(PermissionDenied):
        getattr(services, action)(member, thread)
    assert audit_entries() == []


def test_a_locked_thread_refuses_members_but_not_moderators(thread, moderator, other_member):
    services.lock_thread(moderator, thread)

    with pytest.raises(PermissionDenied, match="locked"):
        thread_services.reply(other_member, thread, "One more thing...")
    thread_services.reply(moderator, thread, "Locked: please continue in the new thread.")
    assert reload(thread).reply_count == 1


# Moving

def counts(category):
    category = db.session.get(Category, category.id)
    db.session.refresh(category)
    return category.thread_count, category.post_count


def test_moving_a_thread_carries_its_counts(thread, reply, category, moderator):
    elsewhere = factories.make_category(name="Exercises and stretches")
    factories.make_thread(category=elsewhere, replies=1)
    assert (counts(category), counts(elsewhere)) == ((1, 2), (1, 2))

    services.move_thread(moderator, thread, elsewhere, "It's about an exercise.")

    assert reload(thread).category_id == elsewhere.id
    assert (counts(category), counts(elsewhere)) == ((0, 0), (2, 4))
    entry = the_one_entry()
    assert (entry.action, entry.target_id, entry.reason) == ("move_thread", thread.id, "It's about an exercise.")
    assert snapshot_of(entry)["category"] == category.name and snapshot_of(entry)["moved_to"] == "Exercises and stretches"


def test_moving_a_thread_with_a_deleted_post_keeps_both_counts_right(thread, reply, category, moderator, other_member):
    # A deleted post was already taken off its category's count.
    thread_services.delete_post(other_member, reply)
    elsewhere = factories.make_category()
    assert counts(category) == (1, 1)

    services.move_thread(moderator, thread, elsewhere)

    assert (counts(category), counts(elsewhere)) == ((0, 0), (1, 1))


def test_moving_to_the_same_category_is_refused(thread, category, moderator):
    with pytest.raises(Refused, match="already in that category") as refusal:
        services.move_thread(moderator, thread, category)
    assert refusal.value.field == "category_id"
    assert counts(category) == (1, 1) and audit_entries() == []


def test_members_cannot_move_threads(thread, category, member):
    elsewhere = factories.make_category()
    with pytest.raises(PermissionDenied):
        services.move_thread(member, thread, elsewhere)
    assert reload(thread).category_id == category.id and counts(elsewhere) == (0, 0)


# Editing someone else's post

def test_a_moderator_edits_a_post_with_a_reason_readers_see(reply, moderator):
    thread_services.edit_post(moderator, reply, "[Removed: advice to stop medication.] Roll gently.", "Removed unsafe advice.")

    reply = reload(reply)
    assert reply.body == "[Removed: advice to stop medication.] Roll gently."
    assert reply.edited_by_moderator and reply.edit_reason == "Removed unsafe advice."
    entry = the_one_entry()
    assert (entry.action, entry.actor_id, entry.target_id, entry.subject_id, entry.reason) == (
        "edit_post", moderator.id, reply.id, reply.author_id, "Removed unsafe advice.")
    assert snapshot_of(entry)["body"] == "Stop all your medication and **roll harder**."


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_moderator_edit_needs_a_reason(reply, moderator, reason):
    with pytest.raises(Refused, match="Give a reason") as refusal:
        thread_services.edit_post(moderator, reply, "Rewritten.", reason)
    assert refusal.value.field == "reason"
    assert reload(reply).body == "Stop all your medication and **roll harder**." and audit_entries() == []


def test_authors_edit_their_own_posts_without_a_reason_or_audit(reply, other_member):
    thread_services.edit_post(other_member, reply, "On second thought: ask your doctor first.")

    reply = reload(reply)
    assert reply.body == "On second thought: ask your doctor first."
    assert not reply.edited_by_moderator and reply.edit_reason is None
    assert audit_entries() == []


def test_a_moderator_editing_their_own_post_needs_no_reason(thread, moderator):
    post = factories.make_post(thread, author=moderator, body="Welcome, everyone.")
    thread_services.edit_post(moderator, post, "Welcome, everyone. Be kind.")
    assert not reload(post).edited_by_moderator and audit_entries() == []


def test_every_earlier_version_is_kept_through_moderator_edits(reply, moderator, other_member):
    thread_services.edit_post(other_member, reply, "Version two.")
    thread_services.edit_post(moderator, reply, "Version three.", "Tidied.")
    revisions = db.session.scalars(db.select(PostRevision).where(PostRevision.post_id == reply.id).order_by(PostRevision.id)).all()
    assert [r.body for r in revisions] == ["Stop all your medication and **roll harder**.", "Version two."]
    assert [r.replaced_by_id for r in revisions] == [other_member.id, moderator.id]


def test_members_cannot_edit_each_others_posts(reply, member):
    with pytest.raises(PermissionDenied):
        thread_services.edit_post(member, reply, "Hijacked.", "I am a moderator, honest.")
    assert reload(reply).body == "Stop all your medication and **roll harder**."

