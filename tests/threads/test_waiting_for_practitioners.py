"""The "Ask a practitioner" section lists the questions no practitioner has answered yet."""
import re
from datetime import timedelta

import pytest

from forum.extensions import db
from forum.timeutil import utcnow
from tests import factories

from .conftest import reload


@pytest.fixture
def ask(app):
    category = factories.make_category(name="Ask a practitioner", slug="ask-a-practitioner")
    category.for_practitioners = True
    db.session.commit()
    return category


def waiting(client, category):
    html = client.get(f"/categories/{category.slug}").get_data(as_text=True)
    section = re.search(r'<section class="waiting".*?</section>', html, re.S)
    assert section, "no waiting list"
    return re.findall(r'<li><a href="/threads/\d+/[^"]*">([^<]+)</a>', section.group(0))


def test_questions_wait_oldest_first_until_a_verified_practitioner_answers(client, ask, member, other_member):
    older = factories.make_thread(author=member, category=ask, title="Is dry needling safe near the sciatic nerve?")
    older.created_at = utcnow() - timedelta(days=3)
    newer = factories.make_thread(author=other_member, category=ask, title="How often should I stretch?")
    db.session.commit()
    assert waiting(client, ask) == [older.title, newer.title]

    factories.make_post(older, author=other_member, body="Following, I wondered too.")
    assert waiting(client, ask) == [older.title, newer.title]

    practitioner = factories.make_practitioner(username="dana_hands")
    factories.make_post(older, author=practitioner, body="General information: ...")
    assert reload(older).practitioner_answered_at is not None
    assert waiting(client, ask) == [newer.title]


def test_other_categories_have_no_waiting_list(client, category, member):
    factories.make_thread(author=member, category=category)
    assert '<section class="waiting"' not in client.get(f"/categories/{category.slug}").get_data(as_text=True)


def test_a_revoked_practitioner_no_longer_answers_questions(client, ask, member, moderator):
    from forum.practitioners import review_services
    from forum.practitioners.models import Application

    practitioner = factories.make_practitioner(username="dana_hands")
    application = db.session.scalars(db.select(Application).where(Application.member_id == practitioner.id)).one()
    review_services.revoke_practitioner(moderator, application, "Licence suspended.")
    question = factories.make_thread(author=member, category=ask, title="Massage after surgery?")
    factories.make_post(question, author=practitioner)
    assert waiting(client, ask) == [question.title]


def test_a_practitioner_asking_is_not_an_answer_and_locked_questions_leave_the_list(client, ask, member):
    practitioner = factories.make_practitioner(username="dana_hands")
    own = factories.make_thread(author=practitioner, category=ask, title="Asking the PTs: glute work for cyclists?")
    factories.make_post(own, author=practitioner, body="Adding a detail: she rides 200 km a week.")
    locked = factories.make_thread(author=member, category=ask, title="Locked question", locked=True)
    assert waiting(client, ask) == [own.title]
    assert reload(locked).locked
