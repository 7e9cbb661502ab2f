"""Moderators keep the phrase lists and the crisis resources in the admin;
what they change takes effect on the next post, and is in the audit log."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.safety.models import CrisisResource, SafetyPhrase
from tests import factories
from tests.conftest import form_post, sign_in

NEW_WORDS = "Since this morning I keep feeling my legs turning to jelly when I stand up."


@pytest.fixture
def mod_client(client, moderator):
    return sign_in(client, moderator)


@pytest.fixture
def thread(member, category):
    return factories.make_thread(author=member, category=category, title="Sciatica and work")


def reply_as(client_for, who, thread, body):
    browser = client_for(who)
    url = f"/threads/{thread.id}/reply"
    return form_post(browser, url, {"body": body}, page=url)


def test_a_phrase_a_moderator_adds_takes_effect_on_the_next_post(mod_client, client_for, other_member, thread):
    assert "could be an emergency" not in reply_as(client_for, other_member, thread, NEW_WORDS).get_data(as_text=True)

    response = form_post(mod_client, "/admin/safety/red_flag/add_safety_phrase",
                         {"red_flag-phrase": "legs turning to jelly"}, page="/admin/safety")

    assert response.status_code == 302
    assert "This could be an emergency" in reply_as(client_for, other_member, thread, NEW_WORDS).get_data(as_text=True)
    entry = factories.audit_entries("add_safety_phrase")[0]
    assert '"phrase": "legs turning to jelly"' in entry.snapshot and '"kind": "red_flag"' in entry.snapshot


def test_a_crisis_phrase_added_opens_a_queue_item_when_published(mod_client, client_for, other_member, thread):
    form_post(mod_client, "/admin/safety/crisis/add_safety_phrase", {"crisis-phrase": "want to disappear for good"},
              page="/admin/safety")
    browser = client_for(other_member)
    url = f"/threads/{thread.id}/reply"

    form_post(browser, url, {"body": "Some nights I want to disappear for good.", "seen_signals": "crisis"}, page=url)

    assert "Possible risk of self-harm" in mod_client.get("/admin/reports").get_data(as_text=True)


def test_a_removed_phrase_stops_counting(mod_client, client_for, other_member, thread):
    form_post(mod_client, "/admin/safety/red_flag/add_safety_phrase", {"red_flag-phrase": "legs turning to jelly"},
              page="/admin/safety")
    row = db.session.scalar(select(SafetyPhrase).where(SafetyPhrase.phrase == "legs turning to jelly"))

    response = form_post(mod_client, f"/admin/safety/phrases/{row.id}/remove_safety_phrase", {}, page="/admin/safety")

    assert response.status_code == 302
    assert "could be an emergency" not in reply_as(client_for, other_member, thread, NEW_WORDS).get_data(as_text=True)
    assert factories.audit_entries("remove_safety_phrase")[0].target_id == row.id


def test_a_phrase_already_listed_comes_back_with_the_error_beside_the_field(mod_client):
    form_post(mod_client, "/admin/safety/crisis/add_safety_phrase", {"crisis-phrase": "Want to Disappear"}, page="/admin/safety")

    response = form_post(mod_client, "/admin/safety/crisis/add_safety_phrase", {"crisis-phrase": "want to disappear"},
                         page="/admin/safety")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "is already on this list" in html and 'value="want to disappear"' in html


def test_an_empty_phrase_is_refused(mod_client):
    response = form_post(mod_client, "/admin/safety/harmless/add_safety_phrase", {"harmless-phrase": "  "},
                         page="/admin/safety")

    assert response.status_code == 422


def test_trying_a_text_shows_what_the_lists_find_and_saves_nothing(mod_client):
    before = db.session.scalar(select(SafetyPhrase.id).order_by(SafetyPhrase.id.desc()))

    html = mod_client.get("/admin/safety", query_string={"text": "email me at sam@example.org"}).get_data(as_text=True)

    assert "Found: <strong>personal details</strong>" in html and "sam@example.org" in html
    assert db.session.scalar(select(SafetyPhrase.id).order_by(SafetyPhrase.id.desc())) == before


def test_a_member_cannot_change_the_lists(client_for, member):
    browser = client_for(member)

    response = form_post(browser, "/admin/safety/crisis/add_safety_phrase", {"crisis-phrase": "anything at all"},
                         page="/categories/")

    assert response.status_code in (403, 404)
    assert db.session.scalar(select(SafetyPhrase).where(SafetyPhrase.phrase == "anything at all")) is None


def test_crisis_resources_are_kept_in_the_admin_and_shown_to_writers(mod_client, client_for, other_member, thread):
    data = {"region": "New Zealand", "name": "Need to Talk?", "contact": "Call or text 1737", "url": "https://1737.org.nz"}

    assert form_post(mod_client, "/admin/safety/resources/add_crisis_resource", data,
                     page="/admin/safety/resources").status_code == 302

    html = reply_as(client_for, other_member, thread, "I can't go on like this anymore.").get_data(as_text=True)
    assert "Call or text 1737" in html and 'href="https://1737.org.nz"' in html
    assert "Call or text 1737" in client_for(None).get("/pages/urgent-help").get_data(as_text=True)
    assert factories.audit_entries("add_crisis_resource")


def test_changing_a_resource_keeps_the_old_one_in_the_audit_log(mod_client):
    row = db.session.scalar(select(CrisisResource).where(CrisisResource.name == "Samaritans"))
    url = f"/admin/safety/resources/{row.id}/change_crisis_resource"
    data = {"region": "UK and Ireland", "name": "Samaritans", "contact": "Call 116 123 (free)", "url": row.url}

    assert form_post(mod_client, url, data, page=f"/admin/safety/resources/{row.id}/edit").status_code == 302

    assert factories.reload(row).contact == "Call 116 123 (free)"
    assert '"contact": "Call 116 123"' in factories.audit_entries("change_crisis_resource")[0].snapshot


def test_a_resource_link_must_be_a_web_address(mod_client):
    data = {"region": "Anywhere", "name": "Bad", "contact": "Call 1", "url": "javascript:alert(1)"}

    response = form_post(mod_client, "/admin/safety/resources/add_crisis_resource", data, page="/admin/safety/resources")

    assert response.status_code == 422 and "Give a web address starting with https://." in response.get_data(as_text=True)
    assert db.session.scalar(select(CrisisResource).where(CrisisResource.name == "Bad")) is None


def test_removing_a_resource(mod_client):
    row = db.session.scalar(select(CrisisResource).where(CrisisResource.name == "Lifeline"))

    form_post(mod_client, f"/admin/safety/resources/{row.id}/remove_crisis_resource", {}, page="/admin/safety/resources")

    assert db.session.scalar(select(CrisisResource.id).where(CrisisResource.id == row.id)) is None
    assert factories.audit_entries("remove_crisis_resource")[0].target_id == row.id


def test_a_phrase_replacing_the_newest_one_takes_effect_even_where_its_id_is_reused(mod_client, client_for, other_member, thread):
    form_post(mod_client, "/admin/safety/red_flag/add_safety_phrase", {"red_flag-phrase": "legs turning to jelly"},
              page="/admin/safety")
    reply_as(client_for, other_member, thread, "Warming up first.")  # the lists are read once with it
    row = db.session.scalar(select(SafetyPhrase).where(SafetyPhrase.phrase == "legs turning to jelly"))
    form_post(mod_client, f"/admin/safety/phrases/{row.id}/remove_safety_phrase", {}, page="/admin/safety")
    form_post(mod_client, "/admin/safety/red_flag/add_safety_phrase", {"red_flag-phrase": "knees giving out on both sides"},
              page="/admin/safety")

    html = reply_as(client_for, other_member, thread, "Today my knees keep giving out on both sides.").get_data(as_text=True)

    assert "This could be an emergency" in html
    assert "could be an emergency" not in reply_as(client_for, other_member, thread, NEW_WORDS).get_data(as_text=True)
