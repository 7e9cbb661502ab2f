"""The reports queue: most urgent first, each item read in context, and the
four decisions a moderator can take on it."""
import re
from datetime import timedelta

import pytest

from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

from .factories import report_case
from tests.factories import audit_entries, make_moderator, notifications_for, posts_of, reload, text_of


def queue_order(html, labels):
    """The labels in the order they appear on the page; each must appear once."""
    for label in labels:
        assert html.count(label) == 1, label
    return sorted(labels, key=html.index)


def test_the_queue_puts_urgent_items_first_then_most_reporters_then_oldest(moderator_client, thread, other_member):
    reporters = [factories.make_member(username=f"reader_{n}") for n in range(3)]
    post = {label: factories.make_post(thread, author=other_member, body=f"Reported post {label}.")
            for label in ("calm-old", "crowd", "crisis", "emergency", "pair", "calm-new", "closed")}
    one, two, three = reporters
    report_case(post["calm-old"], [(one, "harassment", "")], opened_ago=timedelta(days=5))
    report_case(post["crowd"], [(one, "advertising", ""), (two, "advertising", ""), (three, "advertising", "")],
                opened_ago=timedelta(hours=1))
    # A later self-harm report makes the whole item urgent.
    report_case(post["crisis"], [(one, "other", "Odd tone."), (two, "self_harm", "Says they can't go on.")],
                opened_ago=timedelta(minutes=10))
    report_case(post["emergency"], [(one, "emergency", "Numb in the saddle area.")], opened_ago=timedelta(days=2))
    report_case(post["pair"], [(one, "misinformation", ""), (two, "misinformation", "")], opened_ago=timedelta(hours=3))
    report_case(post["calm-new"], [(one, "misinformation", "")], opened_ago=timedelta(days=1))
    closed = report_case(post["closed"], [(one, "emergency", "")], opened_ago=timedelta(days=9))
    assert decide(moderator_client, closed, "dismiss_report").status_code == 302

    html = moderator_client.get("/admin/reports").get_data(as_text=True)

    labels = [f"Reported post {label}." for label in ("crisis", "emergency", "crowd", "pair", "calm-old", "calm-new")]
    assert queue_order(html, labels) == labels
    assert "Reported post closed." not in html
    assert "6 open" in text_of(html)
    assert html.count("tag-urgent") == 2
    assert "3 reporters" in text_of(html)


def test_an_item_shows_the_post_in_context_with_what_each_reporter_said(moderator_client, thread, other_member, member):
    for n in range(1, 6):
        factories.make_post(thread, author=other_member if n % 2 else member, body=f"Reply number {n} about heat packs.")
    posts = posts_of(thread)  # the opening post and replies 1 to 5
    reported = posts[3]  # reply 3
    worried = factories.make_member(username="worried_wen")
    case = report_case(reported, [(member, "misinformation", "Tells people to stop their medication."),
                                  (worried, "self_harm", "")])

    html = moderator_client.get(f"/admin/reports/{case.id}").get_data(as_text=True)
    page = text_of(html)

    # Two posts either side, and no further.
    for n in (1, 2, 3, 4, 5):
        assert f"Reply number {n} about heat packs." in page
    assert "I have rolled for two weeks." not in page
    assert f'aria-label="Post by {reported.author.username}, the reported post"' in html
    assert "Tells people to stop their medication." in page
    assert "Medical misinformation or dangerous advice — ana_runner" in page
    assert "Risk of self-harm — worried_wen" in page


def decide(browser, case, action, **fields):
    data = {"reason": "Dangerous advice about stopping medication."}
    data.update(fields)
    return form_post(browser, f"/admin/reports/{case.id}/{action}", data, page=f"/admin/reports/{case.id}")


IN_A_WEEK = (utcnow() + timedelta(days=7)).date()

# action, extra fields, outcome, what happened to the post's author (or the post)
DECISIONS = [
    ("hide_post", {}, "hidden", lambda post, author: post.hidden_at is not None and not author.is_suspended),
    ("dismiss_report", {}, "dismissed", lambda post, author: post.hidden_at is None and not author.is_suspended),
    ("warn_member", {}, "warned", lambda post, author: author.unread_notifications == 1 and not author.is_suspended),
    ("suspend_member", {"until": IN_A_WEEK.isoformat()}, "suspended",
     lambda post, author: author.suspended_until.date() == IN_A_WEEK and not author.banned),
    ("suspend_member", {"ban": "y"}, "suspended", lambda post, author: author.banned and author.suspended_until is None),
]


@pytest.mark.parametrize("action, fields, outcome, effect", DECISIONS, ids=["hide", "dismiss", "warn", "suspend", "ban"])
def test_each_decision_closes_the_item_audits_once_and_tells_the_reporters(
        moderator_client, moderator, bad_reply, member, action, fields, outcome, effect):
    worried = factories.make_member(username="worried_wen")
    case = report_case(bad_reply, [(member, "misinformation", ""), (worried, "harassment", "")])

    response = decide(moderator_client, case, action, **fields)

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/reports"
    case = reload(case)
    assert (case.status, case.outcome, case.closed_by_id) == ("closed", outcome, moderator.id)
    assert effect(reload(bad_reply), reload(bad_reply.author))
    entries = audit_entries()
    assert [(e.action, e.actor_id, e.reason) for e in entries] == [(action, moderator.id, "Dangerous advice about stopping medication.")]
    for reporter in (member, worried):
        told = notifications_for(reporter)
        assert [n.kind for n in told] == ["report_outcome"]
        assert "Does foam rolling help piriformis pain?" in told[0].body
        assert moderator.username not in told[0].body  # reporters never learn who acted
    # Gone from the queue, and its page offers no more decisions.
    assert "Stop all your medication" not in moderator_client.get("/admin/reports").get_data(as_text=True)
    page = moderator_client.get(f"/admin/reports/{case.id}").get_data(as_text=True)
    assert "/admin/reports/" + str(case.id) + "/" not in page
    assert "Hide the post" not in page and "<h2>Decide</h2>" not in page


@pytest.mark.parametrize("action", ["hide_post", "dismiss_report", "warn_member", "suspend_member"])
def test_every_decision_needs_a_reason(moderator_client, bad_reply, member, action):
    case = report_case(bad_reply, [(member, "misinformation", "")])

    response = decide(moderator_client, case, action, reason="  ", until=IN_A_WEEK.isoformat())

    assert response.status_code == 422
    assert "Give a reason: it goes in the audit log." in text_of(response.get_data(as_text=True))
    assert reload(case).status == "open"
    assert audit_entries() == []
    assert notifications_for(member) == [] and notifications_for(bad_reply.author) == []
    author = reload(bad_reply.author)
    assert reload(bad_reply).hidden_at is None and not author.is_suspended


@pytest.mark.parametrize("until, message", [
    ("", "Choose an end date, or tick “Ban instead”."),
    ((utcnow() - timedelta(days=2)).date().isoformat(), "Choose a date in the future, or ban."),
], ids=["no date", "past date"])
def test_a_suspension_needs_a_date_to_come_or_a_ban(moderator_client, bad_reply, member, until, message):
    case = report_case(bad_reply, [(member, "harassment", "")])

    response = decide(moderator_client, case, "suspend_member", until=until)

    assert response.status_code == 422
    assert message in text_of(response.get_data(as_text=True))
    assert reload(case).status == "open"
    assert not reload(bad_reply.author).is_suspended
    assert audit_entries() == []


@pytest.mark.parametrize("action", ["hide_post", "dismiss_report", "warn_member", "suspend_member"])
def test_an_item_another_moderator_already_closed_takes_no_second_decision(
        moderator_client, bad_reply, member, client_for, action):
    # Two moderators opened the same item; the other one decided first.
    case = report_case(bad_reply, [(member, "harassment", "")])
    token_page = moderator_client.get(f"/admin/reports/{case.id}").get_data(as_text=True)
    assert "Hide the post" in token_page
    assert decide(client_for(make_moderator(username="mod_sam")), case, "dismiss_report").status_code == 302

    response = decide(moderator_client, case, action, until=IN_A_WEEK.isoformat())

    # The item's page again, saying why, with no decision left to take.
    page = text_of(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "That report is already closed: another moderator has decided it." in page
    assert "Hide the post" not in page
    assert [e.action for e in audit_entries()] == ["dismiss_report"]
    assert reload(case).outcome == "dismissed"
    author = reload(bad_reply.author)
    assert (author.unread_notifications, author.is_suspended, reload(bad_reply).hidden_at) == (0, False, None)
    assert len(notifications_for(member)) == 1


def test_a_queue_item_quotes_the_post_as_text_never_as_markdown(moderator_client, thread, other_member, member):
    post = factories.make_post(thread, author=other_member, body="Buy **my pills** at [this shop](https://example.org) <b>now</b>.")
    report_case(post, [(member, "advertising", "")])

    html = moderator_client.get("/admin/reports").get_data(as_text=True)

    [excerpt] = re.findall(r'<p class="excerpt">(.*?)</p>', html, re.S)
    assert excerpt == "Buy my pills at this shop &lt;b&gt;now&lt;/b&gt;."


def test_an_unknown_item_is_404(moderator_client):
    assert moderator_client.get("/admin/reports/999").status_code == 404
    assert form_post(moderator_client, "/admin/reports/999/dismiss_report", {"reason": "x"}).status_code == 404


def test_an_empty_queue_says_nothing_is_waiting(moderator_client):
    page = text_of(moderator_client.get("/admin/reports").get_data(as_text=True))
    assert "0 open." in page
    assert "No open reports. Nothing is waiting." in page
