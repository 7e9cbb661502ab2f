"""One-click unsubscribe from an email's signed link: a mail client's POST
needs no CSRF token (the signed link is the proof), opening the link
changes nothing, and a tampered link is refused."""
from sqlalchemy import select

from forum.auth.tokens import make_token
from forum.extensions import db
from forum.following.services import follow_thread
from forum.notifications.digests import send_daily_digests
from forum.notifications.models import EmailPreference
from forum.notifications.queries import email_choices
from tests import factories
from tests.conftest import csrf_token_from
from tests.factories import text_of as page_text
from tests.mail_helpers import path_of

from .email_helpers import choose, notification_emails


def _choices(member):
    db.session.expire_all()
    return email_choices(member)


def _reply_email_link(app, member, other_member):
    thread = factories.make_thread(author=member, title="Hip pain on stairs")
    factories.make_post(thread, author=other_member)
    [message] = notification_emails(app, member)
    return thread, path_of(message["List-Unsubscribe"].strip("<>"))


def test_the_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(app, client, member, other_member):
    thread, link = _reply_email_link(app, member, other_member)

    response = client.post(link, data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Replies to threads you started" in page_text(response.get_data(as_text=True))
    assert _choices(member)["own_threads"] == "never"
    factories.make_post(thread, author=other_member)
    assert len(notification_emails(app, member)) == 1


def test_opening_the_link_changes_nothing_and_its_button_does(app, client, member, other_member):
    _, link = _reply_email_link(app, member, other_member)

    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Stop emails about “Replies to threads you started”" in page_text(html)
    assert db.session.scalars(select(EmailPreference)).all() == []

    response = client.post(link, data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 200 and "Done: we won't send you" in page_text(response.get_data(as_text=True))
    assert _choices(member)["own_threads"] == "never"
    assert 'href="/settings/emails"' in response.get_data(as_text=True)


def test_a_post_with_neither_a_token_nor_one_click_is_refused(app, client, member, other_member):
    _, link = _reply_email_link(app, member, other_member)
    assert client.post(link, data={}).status_code == 400
    assert _choices(member)["own_threads"] == "immediately"


def test_a_tampered_or_borrowed_link_is_refused(app, client, member, other_member):
    _, link = _reply_email_link(app, member, other_member)
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")
    wrong_purpose = f"/notifications/unsubscribe/{make_token('confirm_email', member)}"

    for bad in (tampered, wrong_purpose):
        assert client.post(bad, data={"List-Unsubscribe": "One-Click"}).status_code == 400
        opened = client.get(bad)
        assert opened.status_code == 302 and opened.headers["Location"].endswith("/settings/emails")
    assert _choices(member)["own_threads"] == "immediately"


def test_the_digests_link_stops_every_daily_topic(app, client, member, other_member):
    choose(member, followed_threads="daily", quotes="daily", mentions="immediately")
    thread = factories.make_thread(author=other_member)
    follow_thread(member, thread)
    factories.make_post(thread, author=other_member)
    send_daily_digests()
    [digest] = notification_emails(app, member)

    response = client.post(path_of(digest["List-Unsubscribe"].strip("<>")), data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    choices = _choices(member)
    assert (choices["followed_threads"], choices["quotes"], choices["mentions"]) == ("never", "never", "immediately")
