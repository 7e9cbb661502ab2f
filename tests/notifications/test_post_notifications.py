"""What members are told when others write: replies in threads they follow,
mentions, quotes, a practitioner's answer, new threads in a category they
follow; each once, grouped where it gathers, never to a deleted account."""
import re

from sqlalchemy import func, select

from forum.extensions import db
from forum.following.models import ThreadFollow
from forum.following.services import follow_category, follow_thread
from forum.notifications.models import Notification
from forum.privacy.services import delete_account
from forum.threads import services as thread_services
from tests import factories
from tests.conftest import form_post
from tests.factories import notifications_for, reload, text_of


def kinds(member):
    return [(n.kind, n.count) for n in notifications_for(member)]


def test_starting_or_replying_follows_the_thread_unless_turned_off(member, other_member):
    thread = factories.make_thread(author=member)
    factories.make_post(thread, author=other_member)
    followers = set(db.session.scalars(select(ThreadFollow.member_id).where(ThreadFollow.thread_id == thread.id)))
    assert followers == {member.id, other_member.id}

    quiet = factories.make_member(username="quiet_oak")
    quiet.follow_own_threads = False
    db.session.commit()
    factories.make_post(thread, author=quiet)
    assert quiet.id not in set(db.session.scalars(select(ThreadFollow.member_id)))


def test_replies_gather_into_one_unread_notification_that_points_at_the_first(member, other_member):
    thread = factories.make_thread(author=member)
    first = factories.make_post(thread, author=other_member, body="Try the figure-four stretch.")
    factories.make_post(thread, author=factories.make_member(username="hill_runner"))
    factories.make_post(thread, author=other_member)

    [note] = notifications_for(member)
    assert (note.kind, note.count, note.post_id, note.thread_id) == ("reply", 3, first.id, thread.id)
    assert reload(member).unread_notifications == 1


def test_after_reading_the_next_reply_starts_a_new_notification(client_for, member, other_member):
    thread = factories.make_thread(author=member)
    factories.make_post(thread, author=other_member)
    browser = client_for(member)
    assert browser.get(f"/threads/{thread.id}").status_code == 200
    assert reload(member).unread_notifications == 0 and notifications_for(member)[0].read_at is not None

    later = factories.make_post(thread, author=other_member)
    assert [(n.kind, n.read_at is None, n.post_id) for n in notifications_for(member)][-1] == ("reply", True, later.id)
    assert reload(member).unread_notifications == 1


def test_stopping_following_stops_the_replies_and_replying_again_does_not_follow_back(member, other_member):
    thread = factories.make_thread(author=member)
    follow_thread(member, thread, following=False)
    factories.make_post(thread, author=other_member)
    assert notifications_for(member) == []
    factories.make_post(thread, author=member)
    factories.make_post(thread, author=other_member)
    assert notifications_for(member) == []


def test_a_mention_links_the_profile_and_tells_the_member_once(member, other_member):
    thread = factories.make_thread(author=other_member)
    reply = factories.make_post(thread, author=factories.make_member(username="hill_runner"),
                                body="@ana_runner had the same. @nobody_here too? Thanks @ana_runner.")

    assert '<a href="/members/ana_runner" rel="nofollow ugc noopener">@ana_runner</a>' in reply.body_html
    assert "@nobody_here" in reply.body_html and "/members/nobody_here" not in reply.body_html
    assert kinds(member) == [("mention", 1)]
    # The thread's author, following it, is told of a reply as usual.
    assert kinds(other_member) == [("reply", 1)]


def test_a_mention_in_code_or_an_email_address_is_not_a_mention(member, other_member):
    thread = factories.make_thread(author=other_member)
    factories.make_post(thread, author=other_member, body="Write `@ana_runner` or mail me at x@ana_runner.org")
    assert notifications_for(member) == []


def test_deleted_and_banned_members_are_never_told(member, other_member):
    banned = factories.make_suspended(username="banned_bo", banned=True)
    gone = factories.make_member(username="gone_gale")
    delete_account(gone, gone, False, factories.PASSWORD)
    thread = factories.make_thread(author=other_member)
    reply = factories.make_post(thread, author=other_member, body="Asking @banned_bo and @gone_gale.")

    assert notifications_for(banned) == [] and notifications_for(gone) == []
    assert "/members/gone_gale" not in reply.body_html


def test_a_mention_in_a_members_only_thread_tells_members_who_may_read_it(member, other_member, category):
    thread = thread_services.start_thread(other_member, category, "Between us", "Hello all.", members_only=True)
    factories.make_post(thread, author=other_member, body="What do you think, @ana_runner?")
    assert kinds(member) == [("mention", 1)]


def test_a_quote_tells_the_quoted_author_instead_of_a_plain_reply(client_for, member, other_member):
    thread = factories.make_thread(author=member, body="Sitting is the worst for me.")
    browser = client_for(other_member)
    page = f"/threads/{thread.id}/reply?quote={thread.first_post_id}"
    quoted = re.search(r"<textarea[^>]*>\s*(.*?)</textarea>", browser.get(page).get_data(as_text=True), re.S).group(1)
    body = quoted.replace("&gt;", ">") + "Same for me."

    response = form_post(browser, f"/threads/{thread.id}/reply", {"body": body}, page=page)

    assert response.status_code == 302
    assert kinds(member) == [("quote", 1)]
    html = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert f'href="/threads/posts/{thread.first_post_id}"' in html


def test_a_practitioners_answer_is_told_as_one(member):
    thread = factories.make_thread(author=member)
    factories.make_post(thread, author=factories.make_practitioner(username="dana_hands"))
    assert kinds(member) == [("practitioner_answer", 1)]


def test_following_a_category_tells_of_new_threads_only(member, other_member, category):
    follow_category(member, category)
    thread = factories.make_thread(author=other_member, category=category, title="Numb foot after a run")
    factories.make_post(thread, author=other_member)
    assert kinds(member) == [("new_thread", 1)]


def test_the_notifications_page_groups_by_thread_and_links_the_post(client_for, member, other_member):
    first = factories.make_thread(author=member, title="Piriformis after sitting")
    second = factories.make_thread(author=member, title="Night pain")
    reply = factories.make_post(first, author=other_member)
    factories.make_post(second, author=other_member, body="Thanks @ana_runner")
    factories.make_post(first, author=factories.make_member(username="hill_runner"))

    html = client_for(member).get("/notifications/").get_data(as_text=True)
    headings = re.findall(r'<h2 id="group-\d+" class="notification-group-heading">(.*?)</h2>', html)
    assert headings == ["Piriformis after sitting", "Night pain"]
    assert "hill_runner replied. 2 new replies in all." in text_of(html)
    assert f'href="/threads/posts/{reply.id}">Read the first new reply' in html
    assert "other_member mentioned you." in text_of(html) or f"{other_member.username} mentioned you." in text_of(html)


def test_marking_one_read(client_for, member, other_member):
    thread = factories.make_thread(author=member)
    factories.make_post(thread, author=other_member)
    factories.make_notification(member)
    [reply_note, warning] = notifications_for(member)
    browser = client_for(member)

    response = form_post(browser, f"/notifications/{reply_note.id}/read", {}, page="/notifications/")

    assert response.status_code == 302
    assert reload(reply_note).read_at is not None and reload(warning).read_at is None
    assert reload(member).unread_notifications == 1
    assert form_post(client_for(other_member), f"/notifications/{warning.id}/read", {}, page="/").status_code == 404


def test_telling_five_or_fifty_followers_costs_the_same_statements(member, count_queries):
    # The reply commits, then its fan-out job runs (in-process in the tests):
    # the count covers both, the job's choice of whom to email included.
    counts = []
    for followers in (5, 50):
        thread = factories.make_thread(author=member)
        for _ in range(followers):
            follow_thread(factories.make_member(), thread)
        with count_queries() as queries:
            thread_services.reply(member, thread, "An update: the stretches are helping.")
        counts.append(len(queries.statements))
        assert any(s.startswith("INSERT INTO notifications") for s in queries.statements)
        assert any("email_preferences" in s for s in queries.statements)
        told = db.session.scalar(select(func.count(Notification.id)).where(Notification.thread_id == thread.id,
                                                                          Notification.kind == "reply"))
        assert told == followers
    assert counts[0] == counts[1]
