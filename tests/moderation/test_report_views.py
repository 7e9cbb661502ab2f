"""Reporting a post through the pages, and hearing back what happened."""
import re

import pytest

from tests import factories
from tests.conftest import form_post

from .conftest import field_error, flashes, post_card, text_of
from .factories import cases_about, suspend
from tests.factories import notifications_for, reload


def report_url(post):
    return f"/moderation/posts/{post.id}/report"


def report(browser, post, reason, note=""):
    return form_post(browser, report_url(post), {"reason": reason, "note": note}, page=report_url(post))


def test_a_member_reports_a_post_choosing_a_reason(client_for, thread, reply, member):
    browser = client_for(member)
    card = post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)
    assert f'href="{report_url(reply)}"' in card
    form = browser.get(report_url(reply)).get_data(as_text=True)
    for label in ("Medical misinformation or dangerous advice", "Risk of self-harm", "Other (please say what)"):
        assert label in form

    response = report(browser, reply, "misinformation", "Stopping medication suddenly can be dangerous.")

    assert response.status_code == 302 and response.headers["Location"] == f"/threads/posts/{reply.id}"
    followed = browser.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert any("The moderators will look at this post" in f for f in flashes(followed))
    [case] = cases_about(reply)
    assert (case.reporter_count, case.reports[0].reason, case.reports[0].note) == (
        1, "misinformation", "Stopping medication suddenly can be dangerous.")


def test_other_needs_a_note_and_the_choice_is_kept(client_for, reply, member):
    response = report(client_for(member), reply, "other", "")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "note") == "Tell the moderators what is wrong."
    assert re.search(r'<input checked [^>]*value="other">', html), "the chosen reason was lost"
    assert cases_about(reply) == []


def test_a_reason_must_be_chosen(client_for, reply, member):
    response = form_post(client_for(member), report_url(reply), {"note": "It's bad."}, page=report_url(reply))
    assert response.status_code == 422
    assert "Choose a reason." in text_of(response.get_data(as_text=True))
    assert cases_about(reply) == []


def test_a_second_report_by_the_same_member_is_refused_plainly(client_for, reply, member):
    browser = client_for(member)
    report(browser, reply, "misinformation")

    response = report(browser, reply, "harassment", "And rude.")

    assert response.status_code == 422
    assert "You've already reported this post. The moderators will look at it." in text_of(response.get_data(as_text=True))
    [case] = cases_about(reply)
    assert case.reporter_count == 1


def test_reports_from_several_members_make_one_urgent_item(client_for, reply, member):
    report(client_for(member), reply, "misinformation")
    report(client_for(factories.make_member()), reply, "self_harm", "They sound desperate.")
    report(client_for(factories.make_member()), reply, "harassment")

    [case] = cases_about(reply)
    assert (case.reporter_count, case.urgent, case.status) == (3, 1, "open")


def test_nobody_reports_their_own_post(client_for, thread, reply, other_member):
    browser = client_for(other_member)
    assert "Report</a>" not in post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)
    assert browser.get(report_url(reply)).status_code == 403
    assert form_post(browser, report_url(reply), {"reason": "advertising"}, page=f"/threads/{thread.id}").status_code == 403
    assert cases_about(reply) == []


def test_a_suspended_member_cannot_report(client_for, thread, reply, member, moderator):
    suspend(member, by=moderator)
    browser = client_for(member)

    assert "Report</a>" not in post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)
    assert browser.get(report_url(reply)).status_code == 403
    response = form_post(browser, report_url(reply), {"reason": "advertising"}, page=f"/threads/{thread.id}")
    assert response.status_code == 403
    assert cases_about(reply) == []


def test_visitors_are_sent_to_sign_in_to_report(client, thread, reply):
    assert "Report</a>" not in post_card(client.get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)
    response = client.get(report_url(reply))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=/moderation/posts/")


@pytest.mark.parametrize("action, words", [
    ("hide_post", "hid the post"),
    ("dismiss_report", "decided it can stay"),
    ("warn_member", "spoken privately with the author"),
    ("suspend_member", "suspended the author"),
])
def test_reporters_hear_the_outcome_without_the_moderators_name(client_for, reply, member, moderator, action, words):
    reporters = [member, factories.make_member(username="tired_legs")]
    for reporter in reporters:
        report(client_for(reporter), reply, "misinformation")
    [case] = cases_about(reply)
    admin_page = f"/admin/reports/{case.id}"

    done = form_post(client_for(moderator), f"{admin_page}/{action}", {"reason": "Reviewed.", "ban": "y"}, page=admin_page)

    assert done.status_code == 302, done.get_data(as_text=True)
    for reporter in reporters:
        browser = client_for(reporter)
        home = text_of(browser.get("/").get_data(as_text=True))
        assert "You have 1 new notification." in home
        notifications = text_of(browser.get("/notifications/").get_data(as_text=True))
        assert "About your report" in notifications and words in notifications
        assert "mod_kim" not in notifications
    assert reload(case).status == "closed"


def test_a_new_report_after_the_item_is_closed_opens_a_new_one(client_for, reply, member, moderator):
    report(client_for(member), reply, "misinformation")
    [case] = cases_about(reply)
    form_post(client_for(moderator), f"/admin/reports/{case.id}/dismiss_report", {"reason": "Allowed."}, page=f"/admin/reports/{case.id}")

    response = report(client_for(member), reply, "harassment", "Now they are rude to me.")

    assert response.status_code == 302
    first, second = cases_about(reply)
    assert (first.status, second.status, second.reporter_count) == ("closed", "open", 1)
    assert len(notifications_for(member)) == 1
