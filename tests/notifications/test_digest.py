"""The daily digest: one email a day with the notifications of the topics a
member chose "daily", grouped by thread, leaving out what was hidden since,
and never sent to suspended members or unconfirmed addresses."""
from datetime import timedelta

from forum.extensions import db
from forum.following.services import follow_thread
from forum.moderation.services import hide_post
from forum.notifications.digests import send_daily_digests
from forum.notifications.jobs import daily_digests
from forum.threads.models import Post
from forum.timeutil import utcnow
from tests import factories
from tests.factories import notifications_for, reload
from tests.mail_helpers import html_of, text_of

from .email_helpers import choose, notification_emails


def _following(member, *titles):
    author = factories.make_member()
    threads = [factories.make_thread(author=author, title=title) for title in titles]
    for thread in threads:
        follow_thread(member, thread)
    return threads


def test_the_digest_groups_by_thread_and_is_sent_once(app, member, other_member):
    choose(member, followed_threads="daily")
    sitting, night = _following(member, "Sitting all day", "Night pain")
    factories.make_post(sitting, author=other_member)
    factories.make_post(night, author=other_member)
    factories.make_post(sitting, author=factories.make_member(username="hill_runner"))
    assert notification_emails(app, member) == []

    assert send_daily_digests() == 1
    [digest] = notification_emails(app, member)
    text = text_of(digest)
    assert digest["Subject"] == "Your daily news from the forum"
    assert "Sitting all day (2 new)" in text and "Night pain (1 new)" in text
    assert text.index("Sitting all day") < text.index("Night pain")
    assert "Sitting all day" in html_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert all(n.emailed_at is not None for n in notifications_for(member))
    assert reload(member).last_digest_at is not None

    assert send_daily_digests() == 0
    assert len(notification_emails(app, member)) == 1


def test_a_post_hidden_since_is_left_out(app, member, other_member, moderator):
    choose(member, followed_threads="daily")
    kept, hidden = _following(member, "Heat or ice?", "A thread with an advert")
    factories.make_post(kept, author=other_member)
    advert = factories.make_post(hidden, author=other_member, body="Buy my cream.")
    hide_post(moderator, db.session.get(Post, advert.id), "Advertising.")

    send_daily_digests()
    [digest] = notification_emails(app, member)
    assert "Heat or ice?" in text_of(digest) and "A thread with an advert" not in text_of(digest)


def test_nothing_to_send_sends_nothing(app, member):
    choose(member, followed_threads="daily")
    assert send_daily_digests() == 0
    assert notification_emails(app, member) == []


def test_the_digest_is_not_sent_to_suspended_or_unconfirmed_members(app, other_member):
    suspended = factories.make_member(username="paused_pat")
    unconfirmed = factories.make_member(username="new_here", confirmed=False)
    for person in (suspended, unconfirmed):
        choose(person, followed_threads="daily")
        factories.make_post(_following(person, f"Thread for {person.username}")[0], author=other_member)
    suspended.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()

    assert send_daily_digests() == 0
    assert notification_emails(app, suspended) == [] and notification_emails(app, unconfirmed) == []


def test_what_was_read_or_emailed_at_once_stays_out(app, client_for, member, other_member):
    choose(member, followed_threads="daily")
    [read] = _following(member, "Already read")
    mine = factories.make_thread(author=member, title="My own question")
    factories.make_post(read, author=other_member)
    factories.make_post(mine, author=other_member)
    client_for(member).get(f"/threads/{read.id}")

    assert send_daily_digests() == 0
    # The reply in their own thread was emailed at once, as by default.
    assert [m["Subject"] for m in notification_emails(app, member)] == [f"{other_member.username} replied in “My own question”."]


def test_the_scheduled_job_sends_the_digests(app, member, other_member):
    choose(member, followed_threads="daily")
    factories.make_post(_following(member, "Morning stiffness")[0], author=other_member)
    daily_digests.call_local()
    assert len(notification_emails(app, member)) == 1
