"""Every status an application moves through, who moves it, and what each
refused move says."""
from datetime import date, datetime, timedelta

import pytest

from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.notifications.models import Notification
from forum.practitioners import queries, review_services, services
from forum.practitioners.credentials import add_months, npi_is_valid
from forum.practitioners.models import Application
from forum.timeutil import utcnow
from tests import factories
from tests.factories import audit_entries

from .conftest import expire

TODAY = utcnow().date()
SOURCE = "the Florida Board of Massage Therapy"


def details(**changes):
    fields = {"credential": "LMT", "licence_number": "MA60123", "jurisdiction": "US-FL", "legal_name": "Ana Q. Runner",
              "licence_expires_on": TODAY + timedelta(days=500), "agree": True}
    fields.update(changes)
    return fields


def notifications_of(person):
    return [n.body for n in db.session.scalars(db.select(Notification).where(Notification.member_id == person.id)
                                               .order_by(Notification.id))]


# Applying

def test_a_member_applies_and_waits_for_a_moderator(member):
    application = services.apply_practitioner(member, **details(bio="I treat **low back** pain.", npi="1234567893",
                                                               practice_name="Gulf Coast Massage", city="Tampa"))
    assert (application.status, application.open_for_member, application.npi) == ("pending", member.id, "1234567893")
    assert application.bio_html == "<p>I treat <strong>low back</strong> pain.</p>"
    assert queries.badge_for(member) is None


@pytest.mark.parametrize("changes, field, message", [
    ({"credential": "Reiki master"}, "credential", "Choose your credential."),
    ({"jurisdiction": "US-XX"}, "jurisdiction", "Choose where your licence was issued."),
    ({"jurisdiction": "OTHER"}, "jurisdiction_other", "Write the country that issued your licence."),
    ({"licence_number": "  "}, "licence_number", "Enter your licence number."),
    ({"legal_name": ""}, "legal_name", "Enter your name exactly as it appears on the licence."),
    ({"licence_expires_on": TODAY}, "licence_expires_on", "That licence has expired. Renew it with your board, then apply."),
    ({"licence_expires_on": TODAY + timedelta(days=4000)}, "licence_expires_on", "Check the expiry date: licences are renewed every few years."),
    ({"npi": "1234567890"}, "npi", "That isn't a valid NPI"),
    ({"bio": "x" * 1001}, "bio", "Keep your bio to 1000 characters or fewer."),
    ({"agree": False}, "agree", "Agree to the practitioner guidelines to apply."),
])
def test_an_application_that_cannot_be_checked_is_refused_at_the_field(member, changes, field, message):
    with pytest.raises(Refused) as refused:
        services.apply_practitioner(member, **details(**changes))
    assert refused.value.field == field and str(refused.value).startswith(message)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 0


def test_another_country_is_written_out(member):
    application = services.apply_practitioner(member, **details(jurisdiction="OTHER", jurisdiction_other="New Zealand"))
    assert application.place == "New Zealand"


def test_a_member_has_one_open_application_at_most(member, application):
    with pytest.raises(Refused, match="already have an application waiting"):
        services.apply_practitioner(member, **details())
    db.session.rollback()
    services.withdraw_practitioner(member, application)
    assert services.apply_practitioner(member, **details()).status == "pending"


def test_a_suspended_member_cannot_apply():
    suspended = factories.make_suspended()
    with pytest.raises(PermissionDenied):
        services.apply_practitioner(suspended, **details())


@pytest.mark.parametrize("npi, valid", [("1234567893", True), ("1245319599", True), ("1234567890", False),
                                        ("123456789", False), ("12345678931", False), ("12345a7893", False),
                                        ("１２３４５６７８９３", False)])
def test_an_npi_has_ten_digits_and_a_luhn_check_digit(npi, valid):
    assert npi_is_valid(npi) is valid


# The applicant's own steps

def test_asked_for_more_the_applicant_answers_and_it_waits_again(member, moderator, application):
    review_services.request_practitioner_info(moderator, application, "Your licence shows a different surname.")
    assert application.status == "info_requested"
    services.answer_practitioner_info(member, application, "I married in 2024; the board has both names.")
    assert (application.status, application.info_answer) == ("pending", "I married in 2024; the board has both names.")
    assert notifications_of(member) == [
        "The moderators need more information about your practitioner application: Your licence shows a different surname."]


def test_only_a_question_can_be_answered_and_only_by_the_applicant(member, other_member, moderator, application):
    with pytest.raises(Refused, match="can't be changed that way"):
        services.answer_practitioner_info(member, application, "Nobody asked.")
    review_services.request_practitioner_info(moderator, application, "Which board?")
    with pytest.raises(PermissionDenied):
        services.answer_practitioner_info(other_member, application, "Not mine.")
    with pytest.raises(Refused, match="Write your answer") as refused:
        services.answer_practitioner_info(member, application, "   ")
    assert refused.value.field == "answer"


@pytest.mark.parametrize("asked", [False, True])
def test_the_applicant_withdraws_while_it_waits(member, moderator, application, asked):
    if asked:
        review_services.request_practitioner_info(moderator, application, "Which board?")
    services.withdraw_practitioner(member, application)
    assert (application.status, application.open_for_member) == ("withdrawn", None)


@pytest.mark.parametrize("decide", ["verify", "reject"])
def test_a_decided_application_cannot_be_withdrawn(member, moderator, application, decide):
    if decide == "verify":
        review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
    else:
        review_services.reject_practitioner(moderator, application, "No such licence.")
    with pytest.raises(Refused, match="can't be changed that way"):
        services.withdraw_practitioner(member, application)


def test_nobody_else_withdraws_it(other_member, moderator, application):
    for person in (other_member, moderator):
        with pytest.raises(PermissionDenied):
            services.withdraw_practitioner(person, application)


# The moderators' decisions

def test_verifying_records_the_check_tells_the_applicant_and_shows_the_badge(member, moderator, application):
    review_services.verify_practitioner(moderator, application, SOURCE, TODAY, "https://example.org/search")
    assert (application.status, application.source_checked, application.checked_on) == ("verified", SOURCE, TODAY)
    assert application.source_url == "https://example.org/search" and application.open_for_member is None
    assert queries.badge_for(member).id == application.id
    assert [e.action for e in audit_entries()] == ["verify_practitioner"]
    assert notifications_of(member)[-1].startswith("Your licence is verified: your posts now show the “Verified LMT” badge")


def test_asking_rejecting_and_revoking_each_write_one_entry_and_tell_the_applicant(member, moderator, admin):
    first = factories.make_application(member)
    review_services.request_practitioner_info(moderator, first, "Which board?")
    review_services.reject_practitioner(moderator, first, "The board has no record of this licence.")
    second = factories.make_application(member)
    review_services.verify_practitioner(admin, second, SOURCE, TODAY)
    review_services.revoke_practitioner(moderator, second, "The board suspended the licence.")
    assert [e.action for e in audit_entries()] == [
        "request_practitioner_info", "reject_practitioner", "verify_practitioner", "revoke_practitioner"]
    told = notifications_of(member)
    assert told[1] == "Your practitioner application was not approved: The board has no record of this licence."
    assert told[3] == "Your verified practitioner badge was removed: The board suspended the licence."
    assert second.status == "revoked" and queries.badge_for(member) is None


# Which moves are refused from which status.
MOVES = {
    "verify": lambda mod, a: review_services.verify_practitioner(mod, a, SOURCE, TODAY),
    "ask": lambda mod, a: review_services.request_practitioner_info(mod, a, "Which board?"),
    "reject": lambda mod, a: review_services.reject_practitioner(mod, a, "No record."),
    "revoke": lambda mod, a: review_services.revoke_practitioner(mod, a, "Suspended by the board."),
}
ALLOWED = {
    "pending": {"verify", "ask", "reject"},
    "info_requested": {"reject"},
    "verified": {"revoke"},
    "rejected": set(),
    "withdrawn": set(),
    "revoked": set(),
}


def _application_in(status, member, moderator):
    application = factories.make_application(member)
    if status == "info_requested":
        MOVES["ask"](moderator, application)
    elif status in ("verified", "revoked"):
        MOVES["verify"](moderator, application)
        if status == "revoked":
            MOVES["revoke"](moderator, application)
    elif status == "rejected":
        MOVES["reject"](moderator, application)
    elif status == "withdrawn":
        services.withdraw_practitioner(member, application)
    return application


@pytest.mark.parametrize("status", ALLOWED)
@pytest.mark.parametrize("move", MOVES)
def test_each_decision_from_each_status(member, moderator, status, move):
    application = _application_in(status, member, moderator)
    entries = len(audit_entries())
    if move in ALLOWED[status]:
        MOVES[move](moderator, application)
        assert len(audit_entries()) == entries + 1
    else:
        with pytest.raises(Refused, match="can't be changed that way"):
            MOVES[move](moderator, application)
        db.session.rollback()
        assert db.session.get(Application, application.id).status == status
        assert len(audit_entries()) == entries


def test_a_moderator_never_decides_their_own_application(moderator):
    own = factories.make_application(moderator)
    for move in ("verify", "ask", "reject"):
        with pytest.raises(PermissionDenied, match="another moderator will"):
            MOVES[move](moderator, own)


def test_members_cannot_decide(member, other_member, application):
    for move in MOVES:
        with pytest.raises(PermissionDenied):
            MOVES[move](other_member, application)


@pytest.mark.parametrize("source, checked_on, field", [
    ("", TODAY, "source_checked"),
    (SOURCE, TODAY + timedelta(days=2), "checked_on"),
    (SOURCE, TODAY - timedelta(days=31), "checked_on"),
    (SOURCE, None, "checked_on"),
])
def test_verifying_needs_the_source_and_a_recent_date(moderator, application, source, checked_on, field):
    with pytest.raises(Refused) as refused:
        review_services.verify_practitioner(moderator, application, source, checked_on)
    assert refused.value.field == field and application.status == "pending"


@pytest.mark.parametrize("address", ["javascript:alert(1)", "javascript://%0aalert(1)", "data:text/html,hi", "board.example"])
def test_the_search_address_must_be_a_web_address(moderator, application, address):
    with pytest.raises(Refused) as refused:
        review_services.verify_practitioner(moderator, application, SOURCE, TODAY, address)
    assert refused.value.field == "source_url" and application.status == "pending"


def test_a_reason_is_needed_to_reject_revoke_or_ask(moderator, application):
    for move, field in ((review_services.reject_practitioner, "reason"),
                        (review_services.request_practitioner_info, "message")):
        with pytest.raises(Refused) as refused:
            move(moderator, application, "  ")
        assert refused.value.field == field


# When a verification lapses

def test_a_verification_lapses_on_the_licence_expiry_when_that_comes_first(member, moderator):
    application = factories.make_application(member, expires_in_days=90)
    review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
    assert application.lapses_at == datetime.combine(TODAY + timedelta(days=90), datetime.min.time())


def test_a_verification_lapses_twelve_months_after_the_check_when_that_comes_first(member, moderator):
    application = factories.make_application(member, expires_in_days=900)
    checked = TODAY - timedelta(days=10)
    review_services.verify_practitioner(moderator, application, SOURCE, checked)
    assert application.lapse_date == add_months(checked, 12)
    assert application.lapse_date < application.licence_expires_on


def test_twelve_months_after_a_leap_day_is_the_end_of_february():
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 11, 3), 12) == date(2027, 11, 3)


def test_a_licence_about_to_expire_is_still_verified_until_its_expiry(member, moderator):
    application = factories.make_application(member, expires_in_days=1)
    review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
    assert application.lapse_date == TODAY + timedelta(days=1)


def test_the_badge_is_gone_the_moment_it_lapses_with_nothing_run(member, moderator, application):
    review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
    assert queries.has_badge(member.id)
    expire(application)
    assert not queries.has_badge(member.id)
    assert application.shown_status == "lapsed" and application.status == "verified"


def test_a_lapsed_verification_can_still_be_revoked_for_the_record(member, moderator, application):
    review_services.verify_practitioner(moderator, application, SOURCE, TODAY)
    expire(application, days_ago=3)
    review_services.revoke_practitioner(moderator, application, "The board disciplined the licence.")
    assert application.status == "revoked"


def test_a_renewal_replaces_the_verification_it_renews(member, moderator):
    first = factories.make_application(member, expires_in_days=20)
    review_services.verify_practitioner(moderator, first, SOURCE, TODAY)
    renewal = factories.make_application(member, expires_in_days=700)
    review_services.verify_practitioner(moderator, renewal, SOURCE, TODAY)
    db.session.refresh(first)
    assert first.status == "superseded" and queries.badge_for(member).id == renewal.id


# Told 30 days ahead

def test_practitioners_are_told_once_thirty_days_before_their_badge_lapses(app, moderator):
    soon = factories.make_practitioner(username="soon_lapsing", expires_in_days=25, verified_by=moderator)
    later = factories.make_practitioner(username="later_lapsing", expires_in_days=45, verified_by=moderator)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["notify-lapsing"])
    again = runner.invoke(args=["notify-lapsing"])
    assert first.exit_code == 0 and "Told 1 practitioner" in first.output
    assert "Told 0 practitioners" in again.output
    lapse = (TODAY + timedelta(days=25)).isoformat()
    assert notifications_of(soon)[-1].startswith(f"Your verified badge lapses on {lapse}.")
    assert not any("lapses on" in body for body in notifications_of(later))


def test_the_lapse_notices_are_a_daily_job_on_the_queue(app, moderator):
    from datetime import datetime

    from forum.jobs.queue import huey
    from forum.practitioners.jobs import tell_lapsing_practitioners

    soon = factories.make_practitioner(username="soon_lapsing", expires_in_days=25, verified_by=moderator)
    assert tell_lapsing_practitioners.call_local() == 1
    assert notifications_of(soon)[-1].startswith("Your verified badge lapses on")
    scheduled = {task.name for task in huey.read_periodic(datetime(2026, 12, 3, 6, 0))}
    assert "forum.practitioners.jobs.tell_lapsing_practitioners" in scheduled
    assert "forum.practitioners.jobs.tell_lapsing_practitioners" not in {
        task.name for task in huey.read_periodic(datetime(2026, 12, 3, 7, 0))}


def test_revoking_closes_a_renewal_waiting_so_it_cannot_bring_the_badge_back(member, moderator, admin):
    verified = factories.make_application(member)
    review_services.verify_practitioner(moderator, verified, SOURCE, TODAY)
    renewal = factories.make_application(member, expires_in_days=700)
    review_services.revoke_practitioner(moderator, verified, "The board suspended the licence.")
    db.session.refresh(renewal)
    assert (renewal.status, renewal.open_for_member) == ("rejected", None)
    assert renewal.decision_reason == "Closed when the verification was revoked: The board suspended the licence."
    with pytest.raises(Refused, match="can't be changed that way"):
        review_services.verify_practitioner(admin, renewal, SOURCE, TODAY)
    assert [e.action for e in audit_entries()] == ["verify_practitioner", "revoke_practitioner"]


def test_a_check_dated_tomorrow_in_utc_is_a_moderator_east_of_greenwich(moderator, application):
    review_services.verify_practitioner(moderator, application, SOURCE, TODAY + timedelta(days=1))
    assert application.status == "verified"


def test_badges_for_a_page_after_a_commit_cost_one_query(app, count_queries, member, other_member):
    factories.make_practitioner(username="dana_hands")
    [factories.make_member() for _ in range(5)]
    db.session.commit()  # every member in the session is expired now
    db.session.refresh(member)
    with app.test_request_context(), count_queries() as counted:
        assert queries.badge_for(member) is None
    # Only the badges: the other members' ids come from the session's keys,
    # not from reloading each expired member.
    assert counted.count == 1
