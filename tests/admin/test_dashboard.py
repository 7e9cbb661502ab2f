"""The moderators' front page: what is waiting, who joined, how busy the forum is."""
import re
from datetime import datetime, timedelta

from forum.extensions import db
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

from .factories import report_case
from tests.factories import posts_of, text_of


def stat_grid(html):
    match = re.search(r'<ul class="stat-grid">(.*?)</ul>', html, re.S)
    assert match, "no figures on the page"
    return match.group(1)


def posts_table(html):
    """{day: posts} as the table under the chart lists them, in page order."""
    match = re.search(r'<details id="chart-table">(.*?)</details>', html, re.S)
    assert match, "no table of posts per day"
    return dict(re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td><td>(\d+)</td></tr>", match.group(1)))


def test_open_reports_and_how_long_the_oldest_has_waited(moderator_client, thread, member, other_member):
    first, second, third = (factories.make_post(thread, author=other_member, body=f"Reply {n}") for n in range(3))
    report_case(first, [(member, "harassment", "")], opened_ago=timedelta(days=3, hours=2))
    report_case(second, [(member, "advertising", "")], opened_ago=timedelta(hours=5))
    closed = report_case(third, [(member, "advertising", "")], opened_ago=timedelta(days=12))
    form_post(moderator_client, f"/admin/reports/{closed.id}/dismiss_report", {"reason": "Fine."}, page="/admin/reports")

    figures = text_of(stat_grid(moderator_client.get("/admin/").get_data(as_text=True)))

    assert "2 open reports" in figures
    assert "oldest waiting 3 days" in figures


def test_with_nothing_reported_there_is_no_waiting_time(moderator_client):
    figures = text_of(stat_grid(moderator_client.get("/admin/").get_data(as_text=True)))
    assert "0 open reports" in figures
    assert "oldest waiting" not in figures


def test_new_members_counts_only_the_last_seven_days(moderator_client, member, other_member):
    # The moderator, ana_runner and desk_sitter joined just now.
    for username, days in (("six_days_in", 6), ("eight_days_in", 8), ("veteran", 300)):
        person = factories.make_member(username=username)
        person.created_at = utcnow() - timedelta(days=days)
    db.session.commit()

    figures = text_of(stat_grid(moderator_client.get("/admin/").get_data(as_text=True)))

    assert "4 new members this week" in figures


def test_posts_per_day_for_the_last_thirty_days(moderator_client, thread, member):
    # The thread's opening post plus 12 replies, each moved to a known day.
    for n in range(12):
        factories.make_post(thread, author=member, body=f"Reply {n}")
    now = utcnow()
    today = now.date()

    def noon(days_ago):
        return datetime.combine(today - timedelta(days=days_ago), datetime.min.time()) + timedelta(hours=12)

    days_ago = [0, 0, 3, 3, 3, 3, 29, 30, 30, 45, 1, 7, 7]  # 30 and 45 days ago are outside the chart
    for post, ago in zip(posts_of(thread), days_ago, strict=True):
        post.created_at = now if ago == 0 else noon(ago)
    db.session.commit()

    html = moderator_client.get("/admin/").get_data(as_text=True)
    table = posts_table(html)

    expected = {(today - timedelta(days=d)).isoformat(): str(days_ago.count(d)) for d in range(30)}
    assert table == expected
    assert list(table)[0] == (today - timedelta(days=29)).isoformat()
    assert list(table)[-1] == today.isoformat()
    assert sum(map(int, table.values())) == 10
    assert "busiest day 4 posts" in text_of(html)


def test_the_figures_link_to_each_queue(moderator_client):
    figures = stat_grid(moderator_client.get("/admin/").get_data(as_text=True))
    for address in ("/admin/reports", "/admin/members", "/admin/audit", "/admin/disclaimer"):
        assert f'href="{address}"' in figures, address


def test_the_front_page_costs_the_same_however_busy_the_forum_is(moderator_client, thread, member, other_member, count_queries):
    with count_queries() as quiet:
        assert moderator_client.get("/admin/").status_code == 200
    for n in range(5):
        post = factories.make_post(thread, author=other_member, body=f"Reply {n}")
        report_case(post, [(member, "harassment", "")])
        factories.make_member(username=f"newcomer_{n}")
    with count_queries() as busy:
        assert moderator_client.get("/admin/").status_code == 200
    assert busy.count == quiet.count
