"""The audit log page: every action listed, filters, paging, and no way to
change what it holds."""
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from forum.audit.snapshots import member_snapshot
from forum.audit.steps import record
from forum.extensions import db
from forum.moderation import member_services, report_services, services
from forum.threads import services as thread_services
from forum.timeutil import utcnow
from tests import factories

from .factories import report_case
from tests.factories import make_moderator, publish, text_of


def audit_rows(html):
    """[(who, action, target, reason)] for each entry listed, newest first."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    if body is None:
        return []
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S):
        cells = [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        rows.append((cells[1], cells[2], cells[3].split(" Snapshot")[0], cells[4]))
    return rows


def older_link(html):
    match = re.search(r'<a href="([^"]+)" rel="next">Older entries</a>', html)
    return match.group(1).replace("&amp;", "&") if match else None


def test_every_kind_of_moderator_and_admin_action_is_listed(moderator_client, moderator, admin, thread, bad_reply, member, other_member):
    elsewhere = factories.make_category(name="Low back pain")
    services.hide_post(moderator, bad_reply, "Unsafe advice.")
    services.restore_post(moderator, bad_reply, "Reworded by the author.")
    services.lock_thread(moderator, thread, "Going in circles.")
    services.pin_thread(moderator, thread, "Useful for newcomers.")
    services.move_thread(moderator, thread, elsewhere, "Belongs with back pain.")
    thread_services.edit_post(moderator, bad_reply, "Talk to your doctor before changing medication.", "Removed a dangerous instruction.")
    member_services.warn_member(moderator, other_member, "Please don't give dosing advice.")
    member_services.suspend_member(moderator, other_member, "Dosing advice again.", until=(utcnow() + timedelta(days=3)).date())
    member_services.lift_suspension(moderator, other_member, "Apologised.")
    report_services.decide_report(moderator, report_case(bad_reply, [(member, "advertising", "")]), "dismiss_report", "Not an advert.")
    member_services.appoint_moderator(admin, member, "Kind and steady.")
    publish(moderator, body="Updated wording.")

    rows = audit_rows(moderator_client.get("/admin/audit").get_data(as_text=True))

    assert [action for _, action, _, _ in rows] == [
        "publish disclaimer", "appoint moderator", "dismiss report", "lift suspension", "suspend member",
        "warn member", "edit post", "move thread", "pin thread", "lock thread", "restore post", "hide post",
    ]
    assert rows[1][0] == "lee_keeper" and {who for who, _, _, _ in rows[2:]} == {"mod_kim"}
    assert rows[6] == ("mod_kim", "edit post", f"post {bad_reply.id} · desk_sitter", "Removed a dangerous instruction.")
    assert rows[1][2] == f"member {member.id} · ana_runner"
    # Each kind can be picked from the filter, and picking it finds that entry alone.
    html = moderator_client.get("/admin/audit").get_data(as_text=True)
    for _, action, _, reason in rows:
        name = action.replace(" ", "_")
        assert f'<option value="{name}">' in html, name
        assert reasons(moderator_client, f"action={name}") == [reason]


@pytest.fixture
def two_moderators_at_work(moderator, member, other_member):
    """mod_kim and mod_sam warn and write notes about two members, on known days."""
    sam = make_moderator(username="mod_sam")
    today = utcnow().date()
    plan = [  # (actor, action, subject, days ago)
        (moderator, "warn_member", member, 20), (sam, "warn_member", member, 12), (moderator, "note_member", other_member, 11),
        (sam, "warn_member", other_member, 10), (moderator, "warn_member", other_member, 9), (sam, "note_member", member, 2),
        (moderator, "warn_member", member, 0),
    ]
    for n, (actor, action, subject, ago) in enumerate(plan):
        entry = record(actor, action, "member", subject.id, member_snapshot(subject), f"entry {n}", subject_id=subject.id)
        entry.created_at = datetime.combine(today - timedelta(days=ago), datetime.min.time()) + timedelta(hours=9)
    db.session.commit()
    return {"today": today, "sam": sam}


def reasons_on(html):
    return [reason for _, _, _, reason in audit_rows(html)]


def reasons(browser, query):
    return reasons_on(browser.get("/admin/audit?" + query).get_data(as_text=True))


def days_ago(world, n):
    return (world["today"] - timedelta(days=n)).isoformat()


def test_filter_by_moderator(moderator_client, two_moderators_at_work):
    assert reasons(moderator_client, "moderator=mod_sam") == ["entry 5", "entry 3", "entry 1"]
    assert reasons(moderator_client, "moderator=MOD_KIM") == ["entry 6", "entry 4", "entry 2", "entry 0"]


def test_filter_by_action(moderator_client, two_moderators_at_work):
    assert reasons(moderator_client, "action=note_member") == ["entry 5", "entry 2"]


def test_filter_by_the_member_concerned(moderator_client, two_moderators_at_work):
    assert reasons(moderator_client, "member=desk_sitter") == ["entry 4", "entry 3", "entry 2"]


def test_filter_by_dates_includes_both_ends(moderator_client, two_moderators_at_work):
    world = two_moderators_at_work
    assert reasons(moderator_client, f"since={days_ago(world, 12)}&until={days_ago(world, 10)}") == ["entry 3", "entry 2", "entry 1"]
    assert reasons(moderator_client, f"since={days_ago(world, 2)}") == ["entry 6", "entry 5"]
    assert reasons(moderator_client, f"until={days_ago(world, 12)}") == ["entry 1", "entry 0"]


def test_filters_combine(moderator_client, two_moderators_at_work):
    world = two_moderators_at_work
    assert reasons(moderator_client, "moderator=mod_kim&action=warn_member&member=ana_runner") == ["entry 6", "entry 0"]
    assert reasons(moderator_client, f"moderator=mod_kim&action=warn_member&member=ana_runner&since={days_ago(world, 5)}") == ["entry 6"]
    assert reasons(moderator_client, f"moderator=mod_sam&member=desk_sitter&until={days_ago(world, 11)}") == []


@pytest.mark.parametrize("query", ["moderator=nobody_here", "member=nobody_here", "moderator=mod_kim&member=ghost"])
def test_an_unknown_username_shows_nothing(moderator_client, two_moderators_at_work, query):
    html = moderator_client.get("/admin/audit?" + query).get_data(as_text=True)
    assert audit_rows(html) == []
    assert "No member has that username." in text_of(html)


def test_older_entries_page_through_the_whole_log(moderator_client, moderator, member):
    for n in range(65):
        record(moderator, "warn_member", "member", member.id, member_snapshot(member), f"entry {n}", subject_id=member.id)
    db.session.commit()

    first = moderator_client.get("/admin/audit").get_data(as_text=True)
    second = moderator_client.get(older_link(first)).get_data(as_text=True)

    assert reasons_on(first) == [f"entry {n}" for n in range(64, 14, -1)]
    assert reasons_on(second) == [f"entry {n}" for n in range(14, -1, -1)]
    assert older_link(second) is None


def test_older_entries_keep_the_filters(moderator_client, moderator, member, other_member):
    for n in range(80):
        subject = member if n % 4 else other_member  # every fourth concerns desk_sitter
        record(moderator, "warn_member", "member", subject.id, member_snapshot(subject), f"entry {n}", subject_id=subject.id)
    db.session.commit()

    first = moderator_client.get("/admin/audit?member=ana_runner&action=warn_member").get_data(as_text=True)
    link = older_link(first)
    assert parse_qs(urlsplit(link).query)["member"] == ["ana_runner"]
    second = moderator_client.get(link).get_data(as_text=True)

    wanted = [f"entry {n}" for n in range(79, -1, -1) if n % 4]  # 60 of them
    assert reasons_on(first) == wanted[:50]
    assert reasons_on(second) == wanted[50:]
    assert older_link(second) is None


def test_no_address_edits_or_deletes_audit_entries(app):
    mentions = [rule for rule in app.url_map.iter_rules() if "audit" in rule.rule or "audit" in rule.endpoint]
    assert [(rule.rule, rule.endpoint) for rule in mentions] == [("/admin/audit", "admin.audit")]
    assert mentions[0].methods == {"GET", "HEAD", "OPTIONS"}


def test_the_log_page_offers_no_way_to_change_an_entry(moderator_client, moderator, member):
    member_services.warn_member(moderator, member, "Please keep it kind.")
    html = moderator_client.get("/admin/audit").get_data(as_text=True)
    posting_forms = re.findall(r'<form method="post" action="([^"]+)"', html)
    assert posting_forms == ["/auth/logout"]


# Odd addresses get an ordinary page, never a server error or a bent link.

@pytest.fixture
def a_long_log(moderator, member):
    """More entries than one page, so the page links to older ones."""
    for n in range(55):
        record(moderator, "warn_member", "member", member.id, member_snapshot(member), f"entry {n}", subject_id=member.id)
    db.session.commit()


@pytest.mark.parametrize("extra", [
    "endpoint=admin.dashboard", "_external=1", "_scheme=javascript&_external=1", "_anchor=x", "_method=POST",
    "values=1", "whatever=1",
])
def test_only_the_filters_travel_to_the_older_entries_link(moderator_client, a_long_log, extra):
    response = moderator_client.get(f"/admin/audit?member=ana_runner&{extra}")
    assert response.status_code == 200
    link = older_link(response.get_data(as_text=True))
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == ("", "", "/admin/audit", "")
    assert set(parse_qs(parts.query)) == {"member", "before"}


@pytest.mark.parametrize("query", [
    "before=99999999999999999999", "before=2147483648", "before=-5", "before=0",
    "until=9999-12-31", "since=9999-12-31&until=9999-12-31", "since=0001-01-01",
])
def test_out_of_range_filters_show_a_page_not_an_error(moderator_client, a_long_log, query):
    response = moderator_client.get("/admin/audit?" + query)
    assert response.status_code == 200


def test_a_last_day_of_9999_still_includes_today(moderator_client, a_long_log):
    html = moderator_client.get("/admin/audit?until=9999-12-31").get_data(as_text=True)
    assert reasons_on(html)[0] == "entry 54"
