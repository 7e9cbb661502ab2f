"""The whole audit entry each moderator and admin verb writes: who, what,
to which target, about whom, with what snapshot and reason.

One case per action in AUDIT_ACTIONS, and a test that there is one for each,
so a new audited verb arrives with its entry pinned.
"""
import json
from datetime import timedelta

import pytest

from forum.audit.models import AUDIT_ACTIONS
from forum.moderation import member_services, report_services, services
from forum.moderation.queries import member_notes
from forum.practitioners import review_services
from forum.safety import services as safety_services
from forum.stories import vocabulary_services
from forum.threads import services as thread_services
from forum.timeutil import utcnow
from tests import factories
from tests.factories import audit_entries, publish

BODY = "Stop all your medication and roll harder."
LATER = (utcnow() + timedelta(days=3)).date()
SUSPENDED_UNTIL = f"{LATER.isoformat()} 23:59:59"


@pytest.fixture
def world(moderator, admin):
    """A thread by ana with one reply by desk, a second category, and the staff."""
    ana = factories.make_member(username="ana_runner")
    desk = factories.make_member(username="desk_sitter")
    category = factories.make_category(name="Piriformis syndrome")
    thread = factories.make_thread(author=ana, category=category, title="Foam rolling for piriformis?")
    reply = factories.make_post(thread, author=desk, body=BODY)
    return {"ana": ana, "desk": desk, "thread": thread, "reply": reply, "mod": moderator, "admin": admin,
            "elsewhere": factories.make_category(name="Low back pain")}


def _post(w, hidden):
    reply = w["reply"]
    return {"post_id": reply.id, "thread_id": w["thread"].id, "thread_title": "Foam rolling for piriformis?",
            "author": "desk_sitter", "body": BODY, "hidden": hidden}


def _thread(w, locked=False, pinned=False, category="Piriformis syndrome"):
    return {"thread_id": w["thread"].id, "title": "Foam rolling for piriformis?", "category": category,
            "locked": locked, "pinned": pinned, "author": "ana_runner"}


def _member(person, role="member", suspended_until=None, banned=False):
    return {"member_id": person.id, "username": person.username, "role": role,
            "suspended_until": suspended_until, "banned": banned}


def _row(actor, action, target_type, target_id, subject, snapshot, reason, before=()):
    """The entry expected, and (`before`) the actions the scenario logged first."""
    return {"actor_id": actor.id, "action": action, "target_type": target_type, "target_id": target_id,
            "subject_id": subject.id if subject else None, "snapshot": snapshot, "reason": reason}, list(before)


def hide_post(w):
    services.hide_post(w["mod"], w["reply"], "Unsafe advice.")
    return _row(w["mod"], "hide_post", "post", w["reply"].id, w["desk"], _post(w, hidden=True), "Unsafe advice.")


def restore_post(w):
    services.hide_post(w["mod"], w["reply"], "Unsafe advice.")
    services.restore_post(w["mod"], w["reply"], "Reworded by its author.")
    return _row(w["mod"], "restore_post", "post", w["reply"].id, w["desk"], _post(w, hidden=False), "Reworded by its author.",
                before=["hide_post"])


def note_post(w):
    services.note_post(w["mod"], w["reply"], "  Talk to your doctor first.  ")
    return _row(w["mod"], "note_post", "post", w["reply"].id, w["desk"], _post(w, hidden=False), "Talk to your doctor first.")


def edit_post(w):
    # The snapshot is the post as it was, before the moderator's edit.
    thread_services.edit_post(w["mod"], w["reply"], "Roll gently.", "Removed a dangerous instruction.")
    return _row(w["mod"], "edit_post", "post", w["reply"].id, w["desk"], _post(w, hidden=False), "Removed a dangerous instruction.")


def lock_thread(w):
    services.lock_thread(w["mod"], w["thread"], "Going in circles.")
    return _row(w["mod"], "lock_thread", "thread", w["thread"].id, w["ana"], _thread(w, locked=True), "Going in circles.")


def unlock_thread(w):
    services.lock_thread(w["mod"], w["thread"], "Going in circles.")
    services.unlock_thread(w["mod"], w["thread"], "Calmer now.")
    return _row(w["mod"], "unlock_thread", "thread", w["thread"].id, w["ana"], _thread(w), "Calmer now.", before=["lock_thread"])


def pin_thread(w):
    services.pin_thread(w["mod"], w["thread"], "Useful for newcomers.")
    return _row(w["mod"], "pin_thread", "thread", w["thread"].id, w["ana"], _thread(w, pinned=True), "Useful for newcomers.")


def unpin_thread(w):
    services.pin_thread(w["mod"], w["thread"])
    services.unpin_thread(w["mod"], w["thread"])
    return _row(w["mod"], "unpin_thread", "thread", w["thread"].id, w["ana"], _thread(w), "", before=["pin_thread"])


def move_thread(w):
    services.move_thread(w["mod"], w["thread"], w["elsewhere"], "Belongs with back pain.")
    snapshot = {**_thread(w), "moved_to": "Low back pain"}
    return _row(w["mod"], "move_thread", "thread", w["thread"].id, w["ana"], snapshot, "Belongs with back pain.")


def retitle_thread(w):
    # The snapshot keeps the title as it was, with the one it was given.
    services.retitle_thread(w["mod"], w["thread"], "Rolling for piriformis pain", "  A clearer title.  ")
    snapshot = {**_thread(w), "retitled_to": "Rolling for piriformis pain"}
    return _row(w["mod"], "retitle_thread", "thread", w["thread"].id, w["ana"], snapshot, "A clearer title.")


def warn_member(w):
    member_services.warn_member(w["mod"], w["desk"], "  Please keep to your own experience.  ")
    return _row(w["mod"], "warn_member", "member", w["desk"].id, w["desk"], _member(w["desk"]),
                "Please keep to your own experience.")


def suspend_member(w):
    member_services.suspend_member(w["mod"], w["desk"], "Dosing advice again.", until=LATER)
    return _row(w["mod"], "suspend_member", "member", w["desk"].id, w["desk"],
                _member(w["desk"], suspended_until=SUSPENDED_UNTIL), "Dosing advice again.")


def lift_suspension(w):
    member_services.suspend_member(w["mod"], w["desk"], "Selling cures.", ban=True)
    member_services.lift_suspension(w["mod"], w["desk"], "Appeal accepted.")
    return _row(w["mod"], "lift_suspension", "member", w["desk"].id, w["desk"], _member(w["desk"]), "Appeal accepted.",
                before=["suspend_member"])


def note_member(w):
    # The note's words stay out of the log, which every moderator reads.
    member_services.note_member(w["mod"], w["desk"], "Sells supplements elsewhere; watch for links.")
    [note] = member_notes(w["desk"])
    return _row(w["mod"], "note_member", "member", w["desk"].id, w["desk"], {**_member(w["desk"]), "note_id": note.id}, "")


def dismiss_report(w):
    case = factories.make_report(w["ana"], w["reply"], "misinformation")
    report_services.decide_report(w["mod"], case, "dismiss_report", "Blunt, but within the rules.")
    return _row(w["mod"], "dismiss_report", "report", case.id, w["desk"], _post(w, hidden=False), "Blunt, but within the rules.")


def appoint_moderator(w):
    # The snapshot is the member as they were, before the change of role.
    member_services.appoint_moderator(w["admin"], w["ana"], "Kind and steady.")
    return _row(w["admin"], "appoint_moderator", "member", w["ana"].id, w["ana"], _member(w["ana"]), "Kind and steady.")


def remove_moderator(w):
    member_services.remove_moderator(w["admin"], w["mod"], "Stepping back.")
    return _row(w["admin"], "remove_moderator", "member", w["mod"].id, w["mod"], _member(w["mod"], role="moderator"),
                "Stepping back.")


def publish_disclaimer(w):
    version = publish(w["mod"], summary="Experience, not advice.", body="The full text.", must_accept=True)
    return _row(w["mod"], "publish_disclaimer", "disclaimer", version.id, None,
                {"version": version.id, "summary": "Experience, not advice.", "must_accept": True}, "")


def _application(w, status, expires, checked_on=None, lapses_at=None):
    application = w.get("application")
    return {"application_id": application.id, "member": "ana_runner", "status": status, "credential": "LMT",
            "jurisdiction": "Florida", "licence_number": "MA60123", "licence_expires_on": expires.isoformat(),
            "source_checked": "the Florida Board of Massage Therapy" if checked_on else None,
            "checked_on": checked_on.isoformat() if checked_on else None, "lapses_at": lapses_at}


def _applied(w):
    w["application"] = factories.make_application(w["ana"], expires_in_days=200)
    return w["application"], utcnow().date() + timedelta(days=200)


def verify_practitioner(w):
    application, expires = _applied(w)
    review_services.verify_practitioner(w["mod"], application, "the Florida Board of Massage Therapy", utcnow().date())
    # The licence expires before a year is out: that is when the badge lapses.
    return _row(w["mod"], "verify_practitioner", "practitioner_application", application.id, w["ana"],
                _application(w, "verified", expires, utcnow().date(), f"{expires.isoformat()} 00:00:00"), "")


def request_practitioner_info(w):
    application, expires = _applied(w)
    review_services.request_practitioner_info(w["mod"], application, "Which board issued the licence?")
    return _row(w["mod"], "request_practitioner_info", "practitioner_application", application.id, w["ana"],
                _application(w, "info_requested", expires), "Which board issued the licence?")


def reject_practitioner(w):
    application, expires = _applied(w)
    review_services.reject_practitioner(w["mod"], application, "The board has no such licence.")
    return _row(w["mod"], "reject_practitioner", "practitioner_application", application.id, w["ana"],
                _application(w, "rejected", expires), "The board has no such licence.")


def revoke_practitioner(w):
    application, expires = _applied(w)
    review_services.verify_practitioner(w["admin"], application, "the Florida Board of Massage Therapy", utcnow().date())
    review_services.revoke_practitioner(w["mod"], application, "The board suspended the licence.")
    return _row(w["mod"], "revoke_practitioner", "practitioner_application", application.id, w["ana"],
                _application(w, "revoked", expires, utcnow().date(), f"{expires.isoformat()} 00:00:00"),
                "The board suspended the licence.", before=["verify_practitioner"])


def _term(term, label=None):
    return {"term_id": term.id, "kind": term.kind, "slug": term.slug, "label": label or term.label}


def add_term(w):
    added = vocabulary_services.add_term(w["mod"], "treatment", " Dry needling ")
    return _row(w["mod"], "add_term", "term", added.id, None,
                {"term_id": added.id, "kind": "treatment", "slug": "dry-needling", "label": "Dry needling"}, "")


def rename_term(w):
    # The snapshot is the entry as it was, with the name it was given.
    heat = factories.term("treatment", "heat")
    vocabulary_services.rename_term(w["mod"], heat, "Heat packs", "Clearer for readers.")
    return _row(w["mod"], "rename_term", "term", heat.id, None, {**_term(heat, "Heat"), "renamed_to": "Heat packs"},
                "Clearer for readers.")


def merge_terms(w):
    ice, heat = factories.term("treatment", "ice"), factories.term("treatment", "heat")
    factories.make_story(author=w["ana"], treatments=[("ice", "helped_a_little")])
    vocabulary_services.merge_terms(w["mod"], ice, heat, "Same advice.")
    return _row(w["mod"], "merge_terms", "term", ice.id, None,
                {**_term(ice), "merged_into": _term(heat), "stories": 1}, "Same advice.")


def set_members_only(w):
    # Only a moderator's change to someone else's thread is logged.
    thread_services.set_members_only(w["mod"], w["thread"], True)
    return _row(w["mod"], "set_members_only", "thread", w["thread"].id, w["ana"], {**_thread(w), "members_only": True}, "")


CASES = [hide_post, restore_post, note_post, edit_post, lock_thread, unlock_thread, pin_thread, unpin_thread,
         move_thread, retitle_thread, warn_member, suspend_member, lift_suspension, note_member, dismiss_report, appoint_moderator,
         remove_moderator, publish_disclaimer, verify_practitioner, request_practitioner_info, reject_practitioner,
         revoke_practitioner, add_term, rename_term, merge_terms, set_members_only]


def delete_account(w):
    # The member's own entry: what went and what the account was, never who.
    from forum.privacy.services import delete_account as delete

    delete(w["desk"], w["desk"], keep_posts=True, password=factories.PASSWORD)
    return _row(w["desk"], "delete_account", "member", w["desk"].id, w["desk"],
                {"member_id": w["desk"].id, "role": "member", "kept_posts": True, "posts": 1, "threads": 0, "stories": 0}, "")


CASES += [delete_account]


def reach_out(w):
    # The message is the reason: the member reads it, the log keeps it.
    case = factories.make_report(w["ana"], w["reply"], "self_harm")
    report_services.decide_report(w["mod"], case, "reach_out", "We're here if you want to talk.")
    return _row(w["mod"], "reach_out", "member", w["desk"].id, w["desk"], _member(w["desk"]),
                "We're here if you want to talk.")


def add_safety_phrase(w):
    row = safety_services.add_safety_phrase(w["mod"], "red_flag", "  Saddle   Anaesthesia ")
    return _row(w["mod"], "add_safety_phrase", "safety_phrase", row.id, None,
                {"kind": "red_flag", "phrase": "saddle anaesthesia"}, "")


def remove_safety_phrase(w):
    row = safety_services.add_safety_phrase(w["mod"], "harmless", "dying to try it")
    safety_services.remove_safety_phrase(w["mod"], row, "Too broad.")
    return _row(w["mod"], "remove_safety_phrase", "safety_phrase", row.id, None,
                {"kind": "harmless", "phrase": "dying to try it"}, "Too broad.", before=["add_safety_phrase"])


RESOURCE = {"region": "New Zealand", "name": "Need to Talk?", "contact": "Call or text 1737",
            "url": "https://1737.org.nz", "note": ""}


def add_crisis_resource(w):
    row = safety_services.add_crisis_resource(w["mod"], None, **RESOURCE)
    return _row(w["mod"], "add_crisis_resource", "crisis_resource", row.id, None, {**RESOURCE, "position": 1}, "")


def change_crisis_resource(w):
    # The snapshot is the resource as it was.
    row = safety_services.add_crisis_resource(w["mod"], None, **RESOURCE)
    safety_services.change_crisis_resource(w["mod"], row, **{**RESOURCE, "contact": "Free call or text 1737"})
    return _row(w["mod"], "change_crisis_resource", "crisis_resource", row.id, None, {**RESOURCE, "position": 1}, "",
                before=["add_crisis_resource"])


def remove_crisis_resource(w):
    row = safety_services.add_crisis_resource(w["mod"], None, **RESOURCE)
    safety_services.remove_crisis_resource(w["mod"], row, "The line closed.")
    return _row(w["mod"], "remove_crisis_resource", "crisis_resource", row.id, None, {**RESOURCE, "position": 1},
                "The line closed.", before=["add_crisis_resource"])


CASES += [reach_out, add_safety_phrase, remove_safety_phrase, add_crisis_resource, change_crisis_resource,
          remove_crisis_resource]


def test_every_audited_action_has_its_entry_pinned():
    assert sorted(case.__name__ for case in CASES) == sorted(AUDIT_ACTIONS)


@pytest.mark.parametrize("act", CASES, ids=[case.__name__ for case in CASES])
def test_the_whole_entry(world, act):
    expected, before = act(world)

    # Exactly one entry for the verb, and nothing else besides the scenario's own.
    log = audit_entries()
    assert [e.action for e in log] == [*before, expected["action"]]
    entry = log[-1]
    row = {key: getattr(entry, key) for key in expected if key != "snapshot"}
    assert {**row, "snapshot": json.loads(entry.snapshot)} == expected
    assert entry.created_at is not None
