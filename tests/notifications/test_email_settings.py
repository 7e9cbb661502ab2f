"""The email notifications settings page (/settings/emails): one group of
choices per topic, the defaults shown, saved by one POST. (Here rather than
under tests/settings/: tests/settings.py is the suite's configuration.)"""
import re

from sqlalchemy import select

from forum.extensions import db
from forum.following.services import follow_thread
from forum.notifications.models import EmailPreference
from tests import factories
from tests.conftest import form_post
from tests.factories import text_of

from .email_helpers import notification_emails

PAGE = "/settings/emails"
DEFAULTS = {"own_threads": "immediately", "mentions": "immediately", "followed_threads": "never", "quotes": "never",
            "followed_categories": "never", "reactions": "never", "moderators": "never"}


def _checked(html):
    return dict(re.findall(r'<input checked id="[^"]+" name="(\w+)" (?:required )?type="radio" value="(\w+)"', html))


def test_the_page_shows_each_topic_as_a_group_with_its_default(client_for, member):
    html = client_for(member).get(PAGE).get_data(as_text=True)

    assert html.count("<fieldset") == len(DEFAULTS)
    assert "<legend>Replies to threads you started</legend>" in html
    assert _checked(html) == DEFAULTS
    assert "Nothing is emailed to you yet" not in html


def test_an_unconfirmed_member_is_told_nothing_is_emailed_until_they_confirm(client_for):
    html = client_for(factories.make_member(username="new_here", confirmed=False)).get(PAGE).get_data(as_text=True)
    assert "Nothing is emailed to you yet: your address is not confirmed." in text_of(html)
    assert 'href="/settings/account"' in html


def test_saving_changes_the_choices_and_what_is_emailed(app, client_for, member, other_member):
    browser = client_for(member)
    response = form_post(browser, PAGE, dict(DEFAULTS, followed_threads="immediately", own_threads="daily"), page=PAGE)

    assert response.status_code == 302
    page = browser.get(PAGE).get_data(as_text=True)
    assert "Your email choices are saved." in page
    assert _checked(page) == dict(DEFAULTS, followed_threads="immediately", own_threads="daily")
    # Only what differs from the defaults is stored.
    stored = {(p.topic, p.choice) for p in db.session.scalars(select(EmailPreference))}
    assert stored == {("followed_threads", "immediately"), ("own_threads", "daily")}

    followed = factories.make_thread(author=other_member, title="Stretches that helped")
    follow_thread(member, followed)
    factories.make_post(followed, author=other_member)
    factories.make_post(factories.make_thread(author=member), author=other_member)
    assert [m["Subject"] for m in notification_emails(app, member)] == [
        f"{other_member.username} replied in “Stretches that helped”."]


def test_a_choice_that_is_not_offered_comes_back_with_the_error_beside_it(client_for, member):
    browser = client_for(member)
    response = form_post(browser, PAGE, dict(DEFAULTS, mentions="hourly"), page=PAGE)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="mentions-error"' in html and _checked(html)["quotes"] == "never"
    assert db.session.scalars(select(EmailPreference)).all() == []


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(PAGE).status_code == 302
    assert form_post(client, PAGE, DEFAULTS, page="/auth/login").status_code == 302
