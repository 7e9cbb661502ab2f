"""Applying, the applicant's page, the directory and the badge, through the pages."""
import re
from datetime import timedelta
from html import unescape

import pytest

from forum.extensions import db
from forum.practitioners import review_services, services
from forum.practitioners.credentials import add_months
from forum.practitioners.models import Application
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

from .conftest import expire

TODAY = utcnow().date()
SOURCE = "the Florida Board of Massage Therapy"
FORM = {
    "credential": "LMT", "licence_number": "MA60123", "jurisdiction": "US-FL", "jurisdiction_other": "",
    "legal_name": "Ana Q. Runner", "licence_expires_on": (TODAY + timedelta(days=300)).isoformat(),
    "practice_name": "", "city": "Tampa", "npi": "", "bio": "Massage for *low back* pain.", "agree": "y",
}


def field_error(html, field_id):
    match = re.search(rf'<p class="error-message" id="{field_id}-error">(.*?)</p>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Error:", "").strip() if match else None


def text(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


# Applying

def test_a_member_applies_from_the_form_and_sees_it_waiting(member_client, member):
    page = member_client.get("/practitioners/apply")
    assert page.status_code == 200 and 'name="licence_number"' in page.get_data(as_text=True)

    response = form_post(member_client, "/practitioners/apply", FORM, page="/practitioners/apply")

    assert response.status_code == 302 and response.headers["Location"] == "/practitioners/application"
    status = text(member_client.get("/practitioners/application").get_data(as_text=True))
    assert "Waiting for a moderator" in status and "MA60123" in status and "Florida" in status
    assert db.session.scalar(db.select(Application.member_id)) == member.id


@pytest.mark.parametrize("changes, field_id, message", [
    ({"npi": "1234567890"}, "npi", "That isn't a valid NPI"),
    ({"npi": "12345"}, "npi", "An NPI has exactly 10 digits."),
    ({"licence_expires_on": (TODAY - timedelta(days=1)).isoformat()}, "licence_expires_on", "That licence has expired."),
    ({"jurisdiction": "OTHER"}, "jurisdiction_other", "Write the country that issued your licence."),
    ({"agree": ""}, "agree", "Agree to the practitioner guidelines to apply."),
    ({"credential": ""}, "credential", "Choose your credential."),
])
def test_a_refused_application_comes_back_filled_in_with_the_error_beside_the_field(member_client, changes, field_id, message):
    response = form_post(member_client, "/practitioners/apply", {**FORM, **changes}, page="/practitioners/apply")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, field_id).startswith(message)
    assert 'value="MA60123"' in html and 'value="Ana Q. Runner"' in html and "Massage for *low back* pain." in html
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 0


def test_a_second_open_application_is_refused_on_the_form(member_client, member):
    factories.make_application(member)
    response = form_post(member_client, "/practitioners/apply", FORM, page="/practitioners/apply")
    assert response.status_code == 422
    assert "You already have an application waiting" in response.get_data(as_text=True)


def test_visitors_are_sent_to_sign_in_and_suspended_members_refused(client, client_for):
    assert client.get("/practitioners/apply").status_code == 302
    suspended = client_for(factories.make_suspended())
    assert suspended.get("/practitioners/apply").status_code == 403


def test_the_applicant_answers_a_question_and_can_withdraw(member_client, member, moderator):
    application = factories.make_application(member)
    review_services.request_practitioner_info(moderator, application, "Which name is on the licence?")
    page = member_client.get("/practitioners/application").get_data(as_text=True)
    assert "More information requested" in page and "Which name is on the licence?" in page

    empty = form_post(member_client, f"/practitioners/application/{application.id}/answer", {"answer": ""},
                      page="/practitioners/application")
    assert empty.status_code == 422 and field_error(empty.get_data(as_text=True), "answer") is not None

    answered = form_post(member_client, f"/practitioners/application/{application.id}/answer",
                         {"answer": "My married name, Runner."}, page="/practitioners/application")
    assert answered.status_code == 302
    assert "Waiting for a moderator" in member_client.get("/practitioners/application").get_data(as_text=True)

    form_post(member_client, f"/practitioners/application/{application.id}/withdraw", {}, page="/practitioners/application")
    db.session.refresh(application)
    assert application.status == "withdrawn"


def test_another_member_cannot_answer_or_withdraw_it(client_for, member, other_member, moderator):
    application = factories.make_application(member)
    # Another member can't see it at all; a moderator sees it but may not act as the applicant.
    for person, status in ((other_member, 404), (moderator, 403)):
        browser = client_for(person)
        for action in ("answer", "withdraw"):
            response = form_post(browser, f"/practitioners/application/{application.id}/{action}", {"answer": "Mine now."},
                                 page="/practitioners/application")
            assert response.status_code == status, (person.username, action)
    db.session.refresh(application)
    assert application.status == "pending"


@pytest.mark.parametrize("state, shown", [
    ("rejected", "The moderators' reason: No record with the board."),
    ("revoked", "The moderators' reason: Suspended by the board."),
    ("lapsed", "Your badge lapsed on"),
])
def test_the_applicant_sees_how_it_ended(member_client, member, moderator, state, shown):
    application = factories.make_application(member)
    if state == "rejected":
        review_services.reject_practitioner(moderator, application, "No record with the board.")
    else:
        review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
        if state == "revoked":
            review_services.revoke_practitioner(moderator, application, "Suspended by the board.")
        else:
            expire(application)
    page = text(member_client.get("/practitioners/application").get_data(as_text=True))
    assert shown in page and "Apply again" in page


def test_a_practitioner_is_warned_on_their_page_in_the_last_thirty_days(client_for, moderator):
    soon = factories.make_practitioner(username="soon_lapsing", expires_in_days=20, verified_by=moderator)
    page = client_for(soon).get("/practitioners/application").get_data(as_text=True)
    assert f"Your badge lapses on {(TODAY + timedelta(days=20)).isoformat()}" in page
    assert "Renew with your new licence" in page


def test_a_practitioner_with_months_left_is_not_asked_to_apply_again(client_for):
    settled = factories.make_practitioner(username="dana_hands", expires_in_days=300)
    page = client_for(settled).get("/practitioners/application").get_data(as_text=True)
    assert "Your badge reads" in page and "/practitioners/apply" not in page


# The badge, and only while it is in force

def badge_pages(client, practitioner, thread):
    return {
        "thread": client.get(f"/threads/{thread.id}").get_data(as_text=True),
        "profile": client.get(f"/members/{practitioner.username}").get_data(as_text=True),
        "directory": client.get("/practitioners/").get_data(as_text=True),
        "category": client.get(f"/categories/{thread.category.slug}").get_data(as_text=True),
    }


def test_the_badge_shows_beside_the_name_with_what_was_checked(client, member, category):
    practitioner = factories.make_practitioner(username="dana_hands")
    thread = factories.make_thread(author=practitioner, category=category)
    factories.make_post(thread, author=practitioner, body="General information: heat helps many people.")
    # The licence runs 400 days: the year after the check comes first.
    lapse = add_months(TODAY, 12).isoformat()
    explanation = f"Licence checked with {SOURCE} on {TODAY.isoformat()}; valid until {lapse}."

    pages = badge_pages(client, practitioner, thread)
    for name, html in pages.items():
        assert '<span class="badge"' in html and "Verified LMT" in html, name
        assert explanation in unescape(html), name
    assert pages["thread"].count("General information from a licensed practitioner, not treatment of you.") == 2
    assert pages["thread"].count("Practitioner answer</span>") == 1  # the reply, not the question


def test_members_advice_carries_the_personal_experience_line_not_the_practitioners(client, member, category):
    thread = factories.make_thread(author=member, category=category, body="You should try heat first.", replies=1)
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert html.count("Personal experience, not medical advice.") == 1
    assert "General information from a licensed practitioner" not in html


@pytest.mark.parametrize("state", ["pending", "info_requested", "rejected", "withdrawn", "lapsed", "revoked"])
def test_no_badge_while_pending_rejected_lapsed_or_revoked(client, member, moderator, category, state):
    practitioner = factories.make_member(username="dana_hands")
    application = factories.make_application(practitioner)
    if state == "info_requested":
        review_services.request_practitioner_info(moderator, application, "Which board?")
    elif state == "rejected":
        review_services.reject_practitioner(moderator, application, "No record.")
    elif state == "withdrawn":
        services.withdraw_practitioner(practitioner, application)
    elif state in ("lapsed", "revoked"):
        review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
        if state == "lapsed":
            expire(application)
        else:
            review_services.revoke_practitioner(moderator, application, "Suspended.")
    thread = factories.make_thread(author=practitioner, category=category)
    factories.make_post(thread, author=practitioner)

    for name, html in badge_pages(client, practitioner, thread).items():
        assert '<span class="badge"' not in html and "Verified LMT" not in html, name
        assert "Practitioner answer" not in html, name


def test_a_dpt_reads_verified_pt_with_the_degree_noted(client):
    practitioner = factories.make_practitioner(username="tomas_reyes", credential="DPT")
    html = client.get("/members/tomas_reyes").get_data(as_text=True)
    assert "Verified PT" in html and '<span class="badge-degree">DPT</span>' in html
    assert "Physical therapist, Doctor of Physical Therapy" in html
    assert practitioner.username in html


# Private details

PRIVATE = ("MA60123", "Dana Q. Hands", "1234567893")


@pytest.mark.parametrize("who, sees", [("visitor", False), ("other member", False), ("practitioner", True),
                                        ("moderator", True)])
def test_licence_number_legal_name_and_npi_are_private_unless_shown(client, client_for, moderator, other_member, who, sees):
    practitioner = factories.make_practitioner(username="dana_hands", npi="1234567893")
    browser = {"visitor": client, "other member": client_for(other_member), "practitioner": client_for(practitioner),
               "moderator": client_for(moderator)}[who]
    html = browser.get("/members/dana_hands").get_data(as_text=True) + browser.get("/practitioners/").get_data(as_text=True)
    assert all((detail in html) is sees for detail in PRIVATE), who


def test_they_stay_private_even_where_a_practitioner_once_chose_to_show_them(client):
    factories.make_practitioner(username="dana_hands", npi="1234567893", show_licence=True)
    html = client.get("/members/dana_hands").get_data(as_text=True)
    assert not any(detail in html for detail in PRIVATE)
    assert "the Florida Board of Massage Therapy" in html


# The directory

def test_the_directory_lists_verified_practitioners_and_filters(client):
    factories.make_practitioner(username="dana_hands")
    factories.make_practitioner(username="tomas_reyes", credential="DPT", jurisdiction="US-OR")
    factories.make_practitioner(username="pat_toronto", credential="RN", jurisdiction="CA-ON")
    factories.make_application(factories.make_member(username="still_waiting"))
    lapsed = factories.make_practitioner(username="long_gone")
    expire(db.session.scalars(db.select(Application).where(Application.member_id == lapsed.id)).one())

    def names(query=""):
        html = client.get(f"/practitioners/{query}").get_data(as_text=True)
        return re.findall(r'<h2><span class="member"><a href="/members/([^"]+)"', html)

    assert names() == ["dana_hands", "pat_toronto", "tomas_reyes"]
    assert names("?credential=PT") == ["tomas_reyes"]
    assert names("?jurisdiction=CA-ON") == ["pat_toronto"]
    assert names("?credential=LMT&jurisdiction=US-OR") == []
    assert client.get("/practitioners/?credential=nonsense&jurisdiction=zz").status_code == 200


def test_the_directory_costs_the_same_however_many_practitioners(client, page_queries):
    factories.make_practitioner()
    _, few = page_queries("/practitioners/")
    for n in range(8):
        factories.make_practitioner(credential="DPT" if n % 2 else "LMT")
    response, many = page_queries("/practitioners/")
    assert response.status_code == 200 and response.get_data(as_text=True).count('<span class="badge"') == 9
    # The count, one page with the members, their badges, and the footer's disclaimer.
    assert len(few) == len(many) == 4


def test_a_member_finds_their_practitioner_page_from_their_settings(member_client):
    html = member_client.get("/members/ana_runner/edit").get_data(as_text=True)
    assert 'href="/practitioners/application"' in html


def test_the_directory_describes_itself_to_search_engines(client):
    html = client.get("/practitioners/").get_data(as_text=True)
    assert '<meta name="description" content="Massage therapists, physical therapists' in html
    assert '<meta name="description" content="People living with' in client.get("/").get_data(as_text=True)


def test_a_suspended_practitioner_is_not_offered_in_the_directory(client, moderator):
    from forum.moderation import member_services

    factories.make_practitioner(username="dana_hands")
    paused = factories.make_practitioner(username="tomas_reyes", credential="DPT")
    member_services.suspend_member(moderator, paused, "Soliciting clients.", until=TODAY + timedelta(days=7))
    html = client.get("/practitioners/").get_data(as_text=True)
    assert "dana_hands" in html and "tomas_reyes" not in html and "1 practitioner" in html
