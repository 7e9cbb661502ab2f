"""Notifications emailed at once: by default only replies to one's own
threads, a practitioner's answer and mentions; only to confirmed addresses
of members in good standing; once per grouped notification; each with a
text and an HTML part and a one-click unsubscribe."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from forum.extensions import db
from forum.following.services import follow_thread
from forum.jobs import queue
from forum.mail.models import OutgoingEmail
from forum.moderation.services import hide_post
from forum.notifications.email_topics import TOPIC_OF_KIND, TOPICS
from forum.notifications.models import KIND_LABELS
from forum.notifications.steps import notify
from forum.threads import steps as thread_steps
from forum.threads import telling_services
from forum.threads.models import Post
from forum.timeutil import utcnow
from tests import factories
from tests.factories import notifications_for, reload
from tests.mail_helpers import html_of, links_in, text_of

from .email_helpers import choose, notification_emails


def test_a_reply_in_my_thread_emails_me_at_once_with_both_parts_and_unsubscribe_headers(app, member, other_member):
    thread = factories.make_thread(author=member, title="Sciatica after long drives")
    reply = factories.make_post(thread, author=other_member)

    [message] = notification_emails(app, member)
    assert message["Subject"] == f"{other_member.username} replied in “Sciatica after long drives”."
    text, html = text_of(message), html_of(message)
    assert f"http://forum.test/threads/posts/{reply.id}" in text and f"/threads/posts/{reply.id}" in html
    assert "Sciatica after long drives" in text and "Sciatica after long drives" in html
    unsubscribe = re.fullmatch(r"<(http://forum\.test/notifications/unsubscribe/\S+)>", message["List-Unsubscribe"]).group(1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in links_in(message) and unsubscribe in html
    [note] = notifications_for(member)
    assert note.emailed_at is not None


def test_a_reply_in_a_thread_i_only_follow_is_not_emailed_by_default(app, member, other_member):
    thread = factories.make_thread(author=other_member)
    follow_thread(member, thread)
    factories.make_post(thread, author=factories.make_member(username="hill_runner"))

    assert [n.kind for n in notifications_for(member)] == ["reply"]
    assert notification_emails(app, member) == []


def test_a_mention_and_a_practitioners_answer_are_emailed_by_default(app, member, other_member):
    thread = factories.make_thread(author=other_member)
    factories.make_post(thread, author=factories.make_member(username="hill_runner"), body="@ana_runner had this too.")
    factories.make_post(thread, author=factories.make_practitioner(username="dana_hands"))

    assert [m["Subject"] for m in notification_emails(app, member)] == [f"hill_runner mentioned you in “{thread.title}”."]
    assert [m["Subject"] for m in notification_emails(app, other_member)][-1].startswith("dana_hands, a verified practitioner")


def test_nothing_is_emailed_before_the_address_is_confirmed(app, other_member):
    newcomer = factories.make_member(username="new_here", confirmed=False)
    thread = factories.make_thread(author=newcomer)
    factories.make_post(thread, author=other_member)

    assert len(notifications_for(newcomer)) == 1
    assert notification_emails(app, newcomer) == [] and notifications_for(newcomer)[0].emailed_at is None


def test_suspended_and_banned_members_are_not_emailed(app, other_member):
    suspended = factories.make_member(username="paused_pat")
    banned = factories.make_member(username="banned_bo")
    threads = [factories.make_thread(author=suspended), factories.make_thread(author=banned)]
    suspended.suspended_until = utcnow() + timedelta(days=3)
    banned.banned = True
    db.session.commit()
    for thread in threads:
        factories.make_post(thread, author=other_member)

    assert notification_emails(app, suspended) == [] and notification_emails(app, banned) == []
    assert len(notifications_for(suspended)) == 1


def test_replies_that_gather_into_one_notification_are_emailed_once(app, member, other_member):
    thread = factories.make_thread(author=member)
    factories.make_post(thread, author=other_member)
    factories.make_post(thread, author=factories.make_member(username="hill_runner"))
    factories.make_post(thread, author=other_member)

    [note] = notifications_for(member)
    assert note.count == 3
    assert len(notification_emails(app, member)) == 1


def test_a_member_who_asks_is_emailed_about_followed_threads_and_moderators(app, member, other_member):
    choose(member, followed_threads="immediately", moderators="immediately", own_threads="never")
    mine = factories.make_thread(author=member)
    theirs = factories.make_thread(author=other_member, title="Foam roller questions")
    follow_thread(member, theirs)
    factories.make_post(mine, author=other_member)
    factories.make_post(theirs, author=other_member)
    notify(member.id, "warning", "Please keep it kind.")
    db.session.commit()

    subjects = [m["Subject"] for m in notification_emails(app, member)]
    assert subjects == [f"{other_member.username} replied in “Foam roller questions”.", "Please keep it kind."]


def test_a_moderators_notice_is_not_emailed_by_default(app, member):
    factories.make_notification(member)
    assert notification_emails(app, member) == []


def test_every_kind_of_notification_has_an_email_topic():
    assert set(KIND_LABELS) <= set(TOPIC_OF_KIND)
    assert {t.default for t in TOPICS if t.name in ("own_threads", "mentions")} == {"immediately"}
    assert {t.default for t in TOPICS if t.name not in ("own_threads", "mentions")} == {"never"}


# The fan-out is a job, sent from the posting transaction.

def _outgoing():
    return db.session.scalar(select(func.count(OutgoingEmail.id)).where(OutgoingEmail.kind == "notification"))


def test_a_post_rolled_back_tells_and_emails_nobody(member, other_member):
    thread = factories.make_thread(author=member)
    thread_steps.add_reply(other_member, thread, "A reply that is never saved.")
    db.session.rollback()

    assert notifications_for(member) == [] and _outgoing() == 0


def test_the_fan_out_waits_for_the_commit_and_skips_a_post_hidden_meanwhile(app, monkeypatch, member, other_member, moderator):
    thread = factories.make_thread(author=member)
    sent = []
    monkeypatch.setattr(queue, "dispatch", lambda task, *args: sent.append((task, args)))
    reply = factories.make_post(thread, author=other_member, body="Buy my miracle cream.")

    [(task, args)] = [(t, a) for t, a in sent if t.name.endswith("tell_readers")]
    assert args[0] == reply.id and notifications_for(member) == []
    hide_post(moderator, db.session.get(Post, reply.id), "Advertising.")
    assert telling_services.tell_readers(*args) is False
    assert [n.kind for n in notifications_for(member)] == [] and notification_emails(app, member) == []


def test_the_fan_out_run_twice_tells_and_emails_once(app, member, other_member):
    thread = factories.make_thread(author=member)
    follower = factories.make_member(username="hill_runner")
    follow_thread(follower, thread)
    factories.make_post(thread, author=other_member)
    second = factories.make_post(thread, author=other_member, body="And @ana_runner, one more thing.")

    assert telling_services.tell_readers(second.id, [member.id]) is False
    assert [(n.kind, n.count) for n in notifications_for(follower)] == [("reply", 2)]
    assert [(n.kind, n.count) for n in notifications_for(member)] == [("reply", 1), ("mention", 1)]
    assert reload(follower).unread_notifications == 1
    assert len(notification_emails(app, member)) == 2
