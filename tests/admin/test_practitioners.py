"""The verification queue and one application, as a moderator uses them."""
import re
from datetime import timedelta
from html import unescape

from forum.extensions import db
from forum.practitioners import review_services
from forum.practitioners.models import Application
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

TODAY = utcnow().date()


def queue_names(html):
    queue = re.search(r'<ol class="queue">.*?</ol>', html, re.S)
    return re.findall(r'<a href="/admin/practitioners/\d+">([^:]+):', queue.group(0)) if queue else []


def test_the_queue_lists_waiting_applications_oldest_first(moderator_client, moderator):
    first = factories.make_application(factories.make_member(username="first_in"))
    second = factories.make_application(factories.make_member(username="second_in"))
    third = factories.make_application(factories.make_member(username="third_in"))
    first.created_at, second.created_at = utcnow() - timedelta(days=2), utcnow() - timedelta(days=1)
    db.session.commit()
    review_services.request_practitioner_info(moderator, second, "Which board?")
    decided = factories.make_application(factories.make_member(username="already_decided"))
    review_services.reject_practitioner(moderator, decided, "No record.")

    html = moderator_client.get("/admin/practitioners").get_data(as_text=True)

    assert queue_names(html) == ["first_in", "second_in", "third_in"]
    assert "More information requested" in html and third.id


def test_the_queue_lists_verifications_lapsing_within_thirty_days(moderator_client, moderator):
    factories.make_practitioner(username="lapses_soon", expires_in_days=12, verified_by=moderator)
    factories.make_practitioner(username="lapses_later", expires_in_days=60, verified_by=moderator)
    html = moderator_client.get("/admin/practitioners").get_data(as_text=True)
    lapsing = html[html.index("Lapsing in the next 30 days"):]
    assert "lapses_soon" in lapsing and (TODAY + timedelta(days=12)).isoformat() in lapsing
    assert "lapses_later" not in lapsing


def test_the_queue_costs_the_same_however_long(moderator_client, count_queries):
    factories.make_application()
    with count_queries() as few:
        moderator_client.get("/admin/practitioners")
    for _ in range(6):
        factories.make_application()
        factories.make_practitioner(expires_in_days=10)
    with count_queries() as many:
        moderator_client.get("/admin/practitioners")
    assert few.count == many.count


def test_a_moderator_verifies_from_the_application_page(moderator_client, member):
    application = factories.make_application(member, npi="1234567893")
    page = moderator_client.get(f"/admin/practitioners/{application.id}").get_data(as_text=True)
    assert "MA60123" in page and "Dana Q. Hands" in page and "1234567893" in page
    assert f'value="{TODAY.isoformat()}"' in page

    response = form_post(moderator_client, f"/admin/practitioners/{application.id}/verify_practitioner", {
        "verify-source_checked": "the Florida Board of Massage Therapy",
        "verify-source_url": "https://example.org/licence-search", "verify-checked_on": TODAY.isoformat(),
    }, page=f"/admin/practitioners/{application.id}")

    assert response.status_code == 302
    db.session.refresh(application)
    assert application.status == "verified" and application.source_url == "https://example.org/licence-search"
    assert "Verified LMT" in moderator_client.get("/members/ana_runner").get_data(as_text=True)


def test_a_refused_decision_comes_back_with_the_error_beside_the_field(moderator_client, member):
    application = factories.make_application(member)
    response = form_post(moderator_client, f"/admin/practitioners/{application.id}/verify_practitioner", {
        "verify-source_checked": "the Florida Board", "verify-checked_on": (TODAY + timedelta(days=2)).isoformat(),
    }, page=f"/admin/practitioners/{application.id}")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="verify-checked_on-error"' in html and "within the last 30 days" in html
    assert 'value="the Florida Board"' in html
    db.session.refresh(application)
    assert application.status == "pending"


def test_ask_reject_and_revoke_from_the_page(moderator_client, moderator, member):
    application = factories.make_application(member)
    page = f"/admin/practitioners/{application.id}"
    form_post(moderator_client, f"{page}/request_practitioner_info", {"info-message": "Send the board's name."}, page=page)
    form_post(moderator_client, f"{page}/reject_practitioner", {"reject-reason": "No such licence."}, page=page)
    db.session.refresh(application)
    assert (application.status, application.info_request, application.decision_reason) == (
        "rejected", "Send the board's name.", "No such licence.")

    verified = factories.make_application(member)
    review_services.verify_practitioner(moderator, verified, "the Florida Board", TODAY)
    empty = form_post(moderator_client, f"/admin/practitioners/{verified.id}/revoke_practitioner", {"revoke-reason": ""},
                      page=page)
    assert empty.status_code == 422 and 'id="revoke-reason-error"' in empty.get_data(as_text=True)
    form_post(moderator_client, f"/admin/practitioners/{verified.id}/revoke_practitioner",
              {"revoke-reason": "Board lists it as suspended."}, page=page)
    db.session.refresh(verified)
    assert verified.status == "revoked"


def test_a_decision_from_a_stale_page_is_refused_with_a_message(moderator_client, moderator, admin, member):
    application = factories.make_application(member)
    review_services.reject_practitioner(admin, application, "No record.")
    response = form_post(moderator_client, f"/admin/practitioners/{application.id}/verify_practitioner", {
        "verify-source_checked": "the Florida Board", "verify-checked_on": TODAY.isoformat(),
    }, page=f"/admin/practitioners/{application.id}")
    assert response.status_code == 422 and "it is now “Rejected”" in response.get_data(as_text=True)


def test_a_moderator_cannot_decide_their_own_application(moderator_client, moderator):
    own = factories.make_application(moderator)
    page = unescape(moderator_client.get(f"/admin/practitioners/{own.id}").get_data(as_text=True))
    assert "A moderator can't decide their own application; another moderator will." in page
    assert "verify_practitioner" not in page
    response = form_post(moderator_client, f"/admin/practitioners/{own.id}/verify_practitioner", {
        "verify-source_checked": "Myself", "verify-checked_on": TODAY.isoformat()}, page="/admin/practitioners")
    assert response.status_code == 403
    assert db.session.get(Application, own.id).status == "pending"


def test_the_members_list_in_the_admin_shows_badges(moderator_client):
    factories.make_practitioner(username="dana_hands")
    factories.make_member(username="plain_pat")
    html = moderator_client.get("/admin/members").get_data(as_text=True)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "dana_hands" in r)
    assert "Verified LMT" in row
    assert "Verified" not in next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "plain_pat" in r)
