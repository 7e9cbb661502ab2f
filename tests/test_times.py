"""Times as people read them: "3 hours ago" on the page, the exact moment in
the <time> element, in the reader's own time zone (UTC for visitors), and
never "3 hours ago" in an email, which is read later than it is written."""
from datetime import datetime, timedelta

import pytest
from flask_login import login_user
from jinja2 import DictLoader

from forum.extensions import db
from forum.timeutil import exact_time, local, machine_time, natural_time, utcnow, zone, zone_names
from tests import factories
from tests.conftest import sign_in

NOW = datetime(2026, 12, 3, 12, 0)  # a Thursday, noon UTC
NEW_YORK = zone("America/New_York")
TOKYO = zone("Asia/Tokyo")


@pytest.mark.parametrize("then, said", [
    (NOW, "just now"),
    (NOW - timedelta(seconds=59), "just now"),
    (NOW - timedelta(seconds=60), "1 minute ago"),
    (NOW - timedelta(minutes=5, seconds=59), "5 minutes ago"),
    (NOW - timedelta(minutes=59, seconds=59), "59 minutes ago"),
    (NOW - timedelta(hours=1), "1 hour ago"),
    (NOW - timedelta(hours=3), "3 hours ago"),
    (NOW - timedelta(hours=23, minutes=59), "23 hours ago"),
    (NOW - timedelta(hours=24), "yesterday"),
    (datetime(2026, 12, 2, 0, 0), "yesterday"),
    (datetime(2026, 12, 1, 23, 59), "2 days ago"),
    (NOW - timedelta(days=6), "6 days ago"),
    (datetime(2026, 11, 27, 0, 0), "6 days ago"),
    (datetime(2026, 11, 26, 23, 59), "26 Nov"),
    (datetime(2026, 1, 1, 0, 0), "1 Jan"),
    (datetime(2025, 12, 31, 23, 59), "31 Dec 2025"),
])
def test_a_past_time_reads_naturally_at_each_boundary(then, said):
    assert natural_time(then, NOW) == said


@pytest.mark.parametrize("then, said", [
    (NOW + timedelta(seconds=30), "just now"),
    (NOW + timedelta(hours=3), "today at 15:00"),
    (datetime(2026, 12, 4, 9, 30), "tomorrow at 09:30"),
    (NOW + timedelta(days=3), "6 Dec at 12:00"),
    (datetime(2027, 1, 4, 8, 0), "4 Jan 2027 at 08:00"),
])
def test_a_time_to_come_says_when_so_it_reads_after_until(then, said):
    assert natural_time(then, NOW) == said


def test_days_are_counted_in_the_readers_own_calendar():
    # 03:00 UTC on the 3rd is still the evening of the 2nd in New York.
    early = datetime(2026, 12, 3, 3, 0)
    late_now = datetime(2026, 12, 4, 4, 0)
    assert natural_time(early, late_now) == "yesterday"
    assert natural_time(early, late_now, NEW_YORK) == "yesterday"
    assert natural_time(early, late_now + timedelta(hours=1), NEW_YORK) == "2 days ago"
    # In Tokyo 15:00 UTC on the 1st is already the 2nd; "now" there is the 3rd.
    assert natural_time(datetime(2026, 12, 1, 15, 0), NOW, TOKYO) == "yesterday"
    assert natural_time(datetime(2026, 12, 1, 15, 0), NOW) == "2 days ago"
    assert natural_time(datetime(2026, 12, 31, 16, 0), datetime(2027, 1, 9, 0, 0), TOKYO) == "1 Jan"


def test_the_exact_time_is_the_readers_wall_clock_with_the_zone_named():
    assert exact_time(NOW) == "3 Dec 2026, 12:00 UTC"
    assert exact_time(NOW, NEW_YORK) == "3 Dec 2026, 07:00 America/New York"
    # Summer time is the zone's business, not the reader's.
    assert exact_time(datetime(2026, 7, 3, 12, 0), NEW_YORK) == "3 Jul 2026, 08:00 America/New York"
    assert exact_time(NOW, TOKYO) == "3 Dec 2026, 21:00 Asia/Tokyo"
    assert machine_time(NOW) == "2026-12-03T12:00:00Z"


def test_an_unknown_or_missing_zone_reads_as_utc():
    assert zone(None).key == zone("Not/A_Zone").key == zone("../../etc/passwd").key == "UTC"


def test_the_zones_offered_are_places_without_the_old_aliases():
    names = zone_names()
    assert names[0] == "UTC" and "America/New_York" in names and "Europe/Kyiv" in names
    assert "US/Eastern" not in names and "Etc/GMT+5" not in names and "America/Buenos_Aires" not in names


# Through the pages.

@pytest.fixture
def thread_with_reply(member, other_member):
    thread = factories.make_thread(author=member, title="Sitting makes it worse")
    reply = factories.make_post(thread, author=other_member)
    return thread, reply


def _set_written(post, moment):
    post.created_at = moment
    db.session.commit()


def test_a_visitor_reads_minutes_ago_with_the_exact_utc_time_in_the_element(client, thread_with_reply):
    thread, reply = thread_with_reply
    written = utcnow().replace(microsecond=0) - timedelta(minutes=7)
    _set_written(reply, written)

    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)

    assert (f'<time datetime="{written:%Y-%m-%dT%H:%M:%SZ}" title="{written.day} {written:%b %Y, %H:%M} UTC">7 minutes ago</time>'
            in html)


def test_a_member_in_new_york_reads_the_exact_time_in_new_york(client, thread_with_reply, other_member):
    thread, reply = thread_with_reply
    written = utcnow().replace(microsecond=0) - timedelta(hours=2, minutes=10)
    _set_written(reply, written)
    other_member.time_zone = "America/New_York"
    db.session.commit()
    there = local(written, NEW_YORK)

    html = sign_in(client, other_member).get(f"/threads/{thread.id}").get_data(as_text=True)

    assert (f'<time datetime="{written:%Y-%m-%dT%H:%M:%SZ}" title="{there.day} {there:%b %Y, %H:%M} America/New York">'
            f'2 hours ago</time>') in html
    assert "UTC\">2 hours ago" not in html


def test_the_date_filter_shows_the_day_in_the_readers_zone(client, member, other_member):
    # Joined at 02:00 UTC on the 3rd: still the 2nd in New York.
    member.created_at = datetime(2026, 12, 3, 2, 0)
    other_member.time_zone = "America/New_York"
    db.session.commit()

    assert "Member since 3 Dec 2026" in client.get(f"/members/{member.username}").get_data(as_text=True)
    html = sign_in(client, other_member).get(f"/members/{member.username}").get_data(as_text=True)
    assert "Member since 2 Dec 2026" in html


def test_an_email_says_the_date_in_utc_whoever_is_signed_in(app, other_member):
    other_member.time_zone = "America/New_York"
    db.session.commit()
    templates = app.jinja_env.overlay(loader=DictLoader({
        "mail/reminder.txt": "Written {{ moment|when }}, on {{ moment|date }}.",
        "pages/reminder.html": "Written {{ moment|when }}.",
    }))
    moment = utcnow().replace(microsecond=0) - timedelta(hours=3)

    with app.test_request_context():
        login_user(other_member)
        email = templates.get_template("mail/reminder.txt").render(moment=moment)
        page = templates.get_template("pages/reminder.html").render(moment=moment)

    assert email == f"Written {moment.day} {moment:%b %Y, %H:%M} UTC, on {moment.day} {moment:%b %Y}."
    assert "3 hours ago</time>" in page and "America/New York" in page
