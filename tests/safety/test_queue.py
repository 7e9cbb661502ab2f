"""Flagged posts in the moderators' queue: at the top, marked, and what a
moderator can do about them, writing to the author privately included."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.moderation import report_services
from forum.moderation.models import ReportCase
from forum.notifications.models import Notification
from tests import factories
from tests.conftest import form_post, sign_in

CRISIS = "Honestly I don't want to be here anymore, I've been thinking about ending it."


@pytest.fixture
def thread(member, category):
    return factories.make_thread(author=member, category=category, title="Three years of sciatica")


@pytest.fixture
def flagged(thread, other_member):
    post = factories.make_post(thread, author=other_member, body=CRISIS)
    return db.session.scalar(select(ReportCase).where(ReportCase.post_id == post.id))


def test_a_flagged_post_opens_an_urgent_item_with_no_reporter(flagged):
    assert (flagged.signal, flagged.urgent, flagged.reporter_count, flagged.status) == ("crisis", 1, 0, "open")
    assert flagged.open_post_id == flagged.post_id and flagged.queue_rank < 0


def test_the_queue_shows_it_first_marked_possible_risk_of_self_harm(client, moderator, thread, flagged):
    ordinary = factories.make_post(thread, body="My physio says stretch twice a day.")
    for _ in range(4):
        factories.make_report(factories.make_member(), ordinary)
    sign_in(client, moderator)

    html = client.get("/admin/reports").get_data(as_text=True)

    assert html.index("Possible risk of self-harm") < html.index("4 reporters")
    report = client.get(f"/admin/reports/{flagged.id}").get_data(as_text=True)
    assert "Flagged by the safety checks as it was" in report and "Write to the author privately" in report


def test_a_member_reporting_a_flagged_post_joins_its_item(member, flagged):
    factories.make_report(member, flagged.post, reason="self_harm")

    case = factories.reload(flagged)
    assert (case.reporter_count, case.signal, case.urgent) == (1, "crisis", 1)
    assert db.session.scalars(select(ReportCase)).all() == [case]


def test_a_moderator_writes_to_the_author_privately_and_the_item_closes(client, moderator, other_member, flagged):
    sign_in(client, moderator)
    url = f"/admin/reports/{flagged.id}/reach_out"

    response = form_post(client, url, {"reason": "We read your post and we're glad you wrote. How are you today?"},
                         page=f"/admin/reports/{flagged.id}")

    assert response.status_code == 302
    assert factories.reload(flagged).outcome == "reached_out"
    note = db.session.scalar(select(Notification).where(Notification.member_id == other_member.id,
                                                        Notification.kind == "moderator_message"))
    assert "glad you wrote" in note.body and "crisis lines" in note.body
    entry = factories.audit_entries("reach_out")[0]
    assert entry.subject_id == other_member.id


def test_writing_to_the_author_needs_a_message(client, moderator, flagged):
    sign_in(client, moderator)

    response = form_post(client, f"/admin/reports/{flagged.id}/reach_out", {"reason": ""},
                         page=f"/admin/reports/{flagged.id}")

    assert response.status_code == 422 and factories.reload(flagged).status == "open"


def test_members_have_no_way_to_send_each_other_a_concern_message(app):
    # Only moderators reach out: no route lets a member message another.
    rules = [rule.rule for rule in app.url_map.iter_rules()]
    assert not [rule for rule in rules if any(word in rule for word in ("concern", "message", "/members/<username>/send"))]


def test_hiding_a_flagged_post_closes_its_item(client, moderator, flagged):
    sign_in(client, moderator)

    form_post(client, f"/admin/reports/{flagged.id}/hide_post", {"reason": "Shared phone numbers of others."},
              page=f"/admin/reports/{flagged.id}")

    assert factories.reload(flagged).status == "closed"


def test_an_edit_that_raises_a_signal_on_a_reported_post_raises_its_item(thread, other_member, member):
    from forum.threads import services

    post = factories.make_post(thread, author=other_member, body="Piriformis stretches are not helping.")
    factories.make_report(member, post, reason="other", note="Seems off")

    services.edit_post(other_member, post, "Nothing helps. I've been thinking about ending it.")

    case = db.session.scalar(select(ReportCase).where(ReportCase.post_id == post.id))
    assert (case.signal, case.urgent, case.reporter_count) == ("crisis", 1, 1)
    assert db.session.scalar(select(ReportCase).where(ReportCase.id != case.id)) is None


def test_a_moderator_taking_details_out_after_dealing_with_it_opens_nothing_new(moderator, other_member, flagged):
    from forum.threads import services

    report_services.decide_report(moderator, flagged, "reach_out", "We're here if you want to talk.")
    post = flagged.post
    services.edit_post(moderator, post, CRISIS + " (email removed by a moderator)", "Took out an email address.")

    assert db.session.scalar(select(ReportCase).where(ReportCase.status == "open")) is None


def test_an_author_rewriting_a_post_that_still_worries_after_a_dismissal_is_queued_again(moderator, other_member, flagged):
    from forum.threads import services

    report_services.decide_report(moderator, flagged, "dismiss_report", "They said they are safe.")
    services.edit_post(other_member, flagged.post, CRISIS + " And tonight I've got the pills ready.")

    reopened = db.session.scalar(select(ReportCase).where(ReportCase.status == "open"))
    assert reopened is not None and reopened.signal == "crisis" and reopened.id != flagged.id
