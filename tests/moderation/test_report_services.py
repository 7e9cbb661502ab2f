"""Reports: members flag a post, reports about one post gather into one
queue item, and reporters are told the outcome without being told who acted."""
import pytest
from sqlalchemy import update

from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.moderation import report_services, services, steps
from forum.moderation.models import Report, ReportCase
from forum.threads import services as thread_services
from tests import factories

from .factories import cases_about, snapshot_of, suspend
from tests.factories import audit_entries, make_moderator, make_report, notifications_for, reload


def test_a_member_reports_a_post_with_a_reason(reply, member):
    case = make_report(member, reply, "misinformation", "Telling people to stop medication is dangerous.")

    [report] = reload(case).reports
    assert (report.reporter_id, report.reason, report.note) == (member.id, "misinformation", "Telling people to stop medication is dangerous.")
    assert (case.post_id, case.status, case.reporter_count, case.urgent) == (reply.id, "open", 1, 0)


@pytest.mark.parametrize("reason", ["misinformation", "advertising", "harassment", "personal_info"])
def test_a_note_is_optional_for_a_named_reason(reply, member, reason):
    assert reload(make_report(member, reply, reason)).reporter_count == 1


def test_other_needs_a_note(reply, member):
    with pytest.raises(Refused, match="Tell the moderators what is wrong") as refusal:
        make_report(member, reply, "other", "   ")
    assert refusal.value.field == "note"
    assert cases_about(reply) == []

    assert reload(make_report(member, reply, "other", "Posted the same text in five threads.")).reporter_count == 1


@pytest.mark.parametrize("reason", ["", "spam", None])
def test_an_unknown_reason_is_refused(reply, member, reason):
    with pytest.raises(Refused, match="Choose a reason"):
        make_report(member, reply, reason)
    assert cases_about(reply) == []


def test_a_member_reports_a_post_only_once_while_it_is_open(reply, member):
    make_report(member, reply, "misinformation")

    with pytest.raises(Refused, match="already reported this post"):
        make_report(member, reply, "harassment", "And it is rude.")

    [case] = cases_about(reply)
    assert case.reporter_count == 1 and len(case.reports) == 1


def test_several_reporters_add_to_one_queue_item(reply, member):
    others = [factories.make_member() for _ in range(2)]
    make_report(member, reply, "misinformation")
    for other in others:
        make_report(other, reply, "harassment")

    [case] = cases_about(reply)
    assert case.reporter_count == 3
    assert sorted(r.reporter_id for r in case.reports) == sorted([member.id] + [o.id for o in others])
    assert case.urgent == 0


@pytest.mark.parametrize("reason", ["self_harm", "emergency"])
def test_an_urgent_reason_marks_the_whole_item_urgent(reply, member, reason):
    make_report(member, reply, "misinformation")
    assert cases_about(reply)[0].urgent == 0

    make_report(factories.make_member(), reply, reason, "")

    [case] = cases_about(reply)
    assert (case.urgent, case.reporter_count) == (1, 2)


def test_a_later_ordinary_report_keeps_the_item_urgent(reply, member):
    make_report(member, reply, "self_harm")
    make_report(factories.make_member(), reply, "advertising")
    assert cases_about(reply)[0].urgent == 1


def test_nobody_reports_their_own_post(reply, other_member):
    with pytest.raises(PermissionDenied):
        make_report(other_member, reply)
    assert cases_about(reply) == []


def test_a_suspended_member_cannot_report(reply, member, moderator):
    suspend(member, by=moderator)
    with pytest.raises(PermissionDenied):
        make_report(member, reply)
    assert cases_about(reply) == []


def test_a_deleted_post_cannot_be_reported(reply, member, other_member):
    thread_services.delete_post(other_member, reply)
    with pytest.raises(PermissionDenied):
        make_report(member, reply)


def test_a_hidden_post_cannot_be_reported_again(reply, member, moderator):
    services.hide_post(moderator, reply, "Dangerous advice.")
    with pytest.raises(PermissionDenied):
        make_report(member, reply)
    assert cases_about(reply) == []


# Closing the item tells every reporter the outcome.

def _reported_by_two(reply, member):
    second = factories.make_member(username="tired_legs")
    make_report(member, reply, "misinformation")
    make_report(second, reply, "harassment")
    return [member, second]


@pytest.mark.parametrize("close, outcome, words", [
    (lambda mod, post, case: services.hide_post(mod, post, "Unsafe advice about medication."), "hidden", "hid the post"),
    (lambda mod, post, case: report_services.decide_report(mod, case, "warn_member", "Please don't tell people to stop medication."),
     "warned", "spoken privately with the author"),
    (lambda mod, post, case: report_services.decide_report(mod, case, "suspend_member", "Dangerous advice, again.", ban=True),
     "suspended", "suspended the author"),
    (lambda mod, post, case: report_services.decide_report(mod, case, "hide_post", "Unsafe advice about medication."), "hidden", "hid the post"),
    (lambda mod, post, case: report_services.decide_report(mod, case, "dismiss_report", "Blunt but fine."), "dismissed", "can stay"),
], ids=["hide from the thread", "decide: warn", "decide: suspend", "decide: hide", "decide: dismiss"])
def test_closing_an_item_tells_each_reporter_the_outcome_but_not_who_acted(reply, member, moderator, close, outcome, words):
    reporters = _reported_by_two(reply, member)
    [case] = cases_about(reply)

    close(moderator, reply, case)

    case = reload(case)
    assert (case.status, case.outcome, case.open_post_id, case.closed_by_id) == ("closed", outcome, None, moderator.id)
    assert case.closed_at is not None
    for reporter in reporters:
        [notification] = notifications_for(reporter)
        assert notification.kind == "report_outcome"
        assert words in notification.body and "Does foam rolling help piriformis pain?" in notification.body
        assert "mod_kim" not in notification.body
        assert reload(reporter).unread_notifications == 1


def test_dismissing_writes_one_audit_entry(reply, member, moderator):
    make_report(member, reply)
    [case] = cases_about(reply)
    report_services.decide_report(moderator, case, "dismiss_report", "Blunt but not against the rules.")

    [entry] = audit_entries()
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id) == (moderator.id, "dismiss_report", "report", case.id)
    assert entry.reason == "Blunt but not against the rules." and entry.subject_id == reply.author_id
    assert snapshot_of(entry)["body"] == "Stop all your medication and **roll harder**."
    assert reload(reply).hidden_at is None


def test_a_closed_item_cannot_be_dismissed_again(reply, member, moderator):
    make_report(member, reply)
    [case] = cases_about(reply)
    report_services.decide_report(moderator, case, "dismiss_report", "Fine.")

    with pytest.raises(Refused, match="already closed"):
        report_services.decide_report(moderator, case, "dismiss_report", "Again.")
    assert len(notifications_for(member)) == 1


def test_only_moderators_dismiss_reports(reply, member, other_member):
    make_report(member, reply)
    [case] = cases_about(reply)
    with pytest.raises(PermissionDenied):
        report_services.decide_report(member, case, "dismiss_report", "I changed my mind.")
    assert reload(case).status == "open"
    assert notifications_for(member) == []


def test_a_new_report_after_closing_opens_a_new_item(reply, member, moderator):
    make_report(member, reply, "misinformation")
    [first] = cases_about(reply)
    report_services.decide_report(moderator, first, "dismiss_report", "Allowed.")

    make_report(member, reply, "harassment", "They replied rudely to me since.")

    first, second = cases_about(reply)
    assert (first.status, second.status) == ("closed", "open")
    assert (second.reporter_count, [r.reason for r in second.reports]) == (1, ["harassment"])
    assert db.session.query(Report).count() == 2


def test_closing_without_an_open_item_is_harmless(reply, moderator):
    assert steps.close_open_case(moderator, reply, "hidden") is None


DECISION_ARGS = {"hide_post": {}, "dismiss_report": {}, "warn_member": {}, "suspend_member": {"ban": True}}


@pytest.mark.parametrize("decision", list(DECISION_ARGS))
def test_a_decided_report_takes_no_second_decision(reply, member, moderator, decision):
    make_report(member, reply)
    [case] = cases_about(reply)
    report_services.decide_report(make_moderator(username="mod_sam"), case, "dismiss_report", "Fine as it is.")

    with pytest.raises(Refused, match="already closed: another moderator has decided it"):
        report_services.decide_report(moderator, case, decision, "Me too.", **DECISION_ARGS[decision])

    db.session.rollback()
    assert [e.action for e in audit_entries()] == ["dismiss_report"]
    author = reload(reply.author)
    assert (author.unread_notifications, author.is_suspended, reload(reply).hidden_at) == (0, False, None)
    assert len(notifications_for(member)) == 1


def test_a_decision_must_be_one_of_the_four(reply, member, moderator):
    make_report(member, reply)
    [case] = cases_about(reply)
    with pytest.raises(Refused, match="Choose what to do"):
        report_services.decide_report(moderator, case, "delete_everything", "Because.")
    assert reload(case).status == "open"


def test_only_moderators_decide_reports(reply, member, other_member):
    make_report(member, reply)
    [case] = cases_about(reply)
    with pytest.raises(PermissionDenied):
        report_services.decide_report(other_member, case, "dismiss_report", "Looks fine to me.")
    assert reload(case).status == "open" and audit_entries() == []


def test_a_refused_decision_changes_nothing(reply, member, moderator):
    # The suspension is refused (no date, no ban) after nothing else was written.
    make_report(member, reply)
    [case] = cases_about(reply)
    with pytest.raises(Refused, match="Choose an end date"):
        report_services.decide_report(moderator, case, "suspend_member", "Dangerous advice.")
    db.session.rollback()
    assert reload(case).status == "open" and audit_entries() == [] and notifications_for(member) == []


def test_of_two_moderators_deciding_at_once_only_the_first_acts(reply, member, moderator):
    # The second loaded the report while it was open; the first's decision
    # lands before the second's. The claim, one UPDATE on the open row,
    # refuses the second even though its copy still says "open".
    make_report(member, reply)
    [case] = cases_about(reply)
    assert case.status == "open"
    with db.engine.connect() as other_moderators_request:
        other_moderators_request.execute(
            update(ReportCase).where(ReportCase.id == case.id).values(status="closed", open_post_id=None, outcome="dismissed")
        )
        other_moderators_request.commit()

    with pytest.raises(Refused, match="already closed: another moderator has decided it"):
        report_services.decide_report(moderator, case, "hide_post", "Unsafe advice.")
    db.session.rollback()
    assert reload(reply).hidden_at is None and audit_entries() == []
