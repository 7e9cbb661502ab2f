"""Who may open the back office: a walk over every admin address in the URL map."""
import itertools
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.routing.converters import AnyConverter

from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

from .factories import everything, report_case
from tests.factories import make_suspended, publish

# Addresses whose page needs a query string to show anything.
QUERIES = {"admin.disclaimer_compare": "?old={old_version_id}&new={version_id}"}

# Everything any admin form might send, so only the token (or the person) decides.
PAYLOAD = {
    "reason": "Unsafe advice about medication.", "until": (utcnow() + timedelta(days=7)).date().isoformat(),
    "summary": "Not medical advice.", "body": "Nothing here is a diagnosis.", "must_accept": "y",
    "warn-reason": "Please be kinder.", "suspend-reason": "Repeated attacks.", "lift-reason": "Served.",
    "suspend-until": (utcnow() + timedelta(days=7)).date().isoformat(), "note-body": "Watch this one.",
    "role-reason": "Trusted member.",
    "verify-source_checked": "the Florida Board of Massage Therapy", "verify-checked_on": utcnow().date().isoformat(),
    "info-message": "Which board issued it?", "reject-reason": "Not a licence we can check.",
    "revoke-reason": "The board lists it as suspended.",
}


@pytest.fixture
def world(moderator, member, other_member, bad_reply):
    """Real objects for every <argument> an admin address takes."""
    case = report_case(bad_reply, [(member, "misinformation", "Dangerous.")])
    old = publish(moderator, body="First version.")
    new = publish(moderator, body="Second version.")
    target = factories.make_member(username="target_tom")
    application = factories.make_application()
    return {"case_id": case.id, "member_id": target.id, "version_id": new.id, "old_version_id": old.id,
            "application_id": application.id, "term_id": factories.term("treatment", "massage-therapy").id,
            **factories.safety_rows()}



def admin_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")]


def urls_for(rule, world):
    """Every address of a rule: an `any(...)` argument gives one per choice."""
    names = sorted(rule.arguments)
    choices = []
    for name in names:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            choices.append(sorted(converter.items))
        elif name in world:
            choices.append([world[name]])
        else:
            pytest.fail(f"{rule.rule}: teach this test a value for <{name}>")
    query = QUERIES.get(rule.endpoint, "").format(**world)
    return [rule.build(dict(zip(names, values, strict=False)))[1] + query for values in itertools.product(*choices)]


def pages(app, world):
    return [url for rule in admin_rules(app) if "GET" in rule.methods for url in urls_for(rule, world)]


def posts(app, world):
    return [url for rule in admin_rules(app) if "POST" in rule.methods for url in urls_for(rule, world)]


def post_only(app, world):
    return [url for rule in admin_rules(app) if "GET" not in rule.methods for url in urls_for(rule, world)]


def test_the_walk_covers_the_whole_back_office(app, world):
    endpoints = {rule.endpoint for rule in admin_rules(app)}
    assert endpoints >= {
        "admin.dashboard", "admin.reports", "admin.report", "admin.decide_report", "admin.audit",
        "admin.members", "admin.member", "admin.member_action", "admin.disclaimer",
        "admin.disclaimer_version", "admin.disclaimer_compare", "admin.name_collisions",
        "admin.vocabulary", "admin.add_term", "admin.rename_term", "admin.merge_terms",
        "admin.safety", "admin.add_safety_phrase", "admin.remove_safety_phrase", "admin.crisis_resources",
        "admin.add_crisis_resource", "admin.change_crisis_resource", "admin.remove_crisis_resource",
    }
    # Each action choice is its own address: five report decisions, six member actions.
    assert sum("/reports/" in url for url in post_only(app, world)) == 5
    assert sum("/members/" in url for url in post_only(app, world)) == 6


def test_every_admin_action_is_post_only(app, world):
    for rule in admin_rules(app):
        if "action" in rule.arguments:
            assert "GET" not in rule.methods, rule.rule
    # The one address that takes both shows the editor on GET and publishes on POST.
    both = {rule.endpoint for rule in admin_rules(app) if {"GET", "POST"} <= rule.methods}
    assert both == {"admin.disclaimer"}


def test_a_visitor_is_sent_to_sign_in_and_brought_back(app, client, world):
    for url in pages(app, world):
        response = client.get(url)
        assert response.status_code == 302, url
        location = urlsplit(response.headers["Location"])
        assert location.path == "/auth/login", url
        assert parse_qs(location.query)["next"] == [url]


def test_a_visitor_posting_an_action_is_sent_to_sign_in_and_nothing_changes(app, client, world):
    before = everything()
    for url in posts(app, world):
        response = form_post(client, url, PAYLOAD)
        assert response.status_code == 302, url
        assert urlsplit(response.headers["Location"]).path == "/auth/login"
    assert everything() == before


REFUSED_PEOPLE = {
    "member": lambda: factories.make_member(username="plain_pat"),
    "suspended member": lambda: make_suspended(username="paused_pat"),
    "banned member": lambda: make_suspended(username="banned_bo", banned=True),
    "suspended moderator": lambda: make_suspended(username="paused_mod", role="moderator"),
    "banned admin": lambda: make_suspended(username="banned_keeper", role="admin", banned=True),
}


@pytest.mark.parametrize("person", REFUSED_PEOPLE)
def test_people_without_staff_rights_get_403_everywhere(app, client_for, world, person):
    browser = client_for(REFUSED_PEOPLE[person]())
    for url in pages(app, world):
        assert browser.get(url).status_code == 403, url
    before = everything()
    for url in posts(app, world):
        assert form_post(browser, url, PAYLOAD).status_code == 403, url
    assert everything() == before
    # Nothing on the site points them at the back office either.
    assert 'href="/admin/"' not in browser.get("/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_staff_can_open_every_admin_page(app, client_for, world, role, count_queries):
    person = factories.make_member(username=f"{role[:3]}_on_duty", role=role)
    browser = client_for(person)
    assert 'href="/admin/"' in browser.get("/").get_data(as_text=True)
    for url in pages(app, world):
        with count_queries() as queries:
            response = browser.get(url)
        assert response.status_code == 200, url
        writes = [s for s in queries.statements if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        assert writes == [], url


def test_a_get_on_an_action_address_is_405(app, moderator_client, world):
    before = everything()
    for url in post_only(app, world):
        response = moderator_client.get(url)
        assert response.status_code == 405, url
        assert "POST" in response.headers["Allow"]
    assert everything() == before


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_staff_posts_without_a_token_are_refused_and_change_nothing(app, client_for, world, role):
    browser = client_for(factories.make_member(username=f"{role[:3]}_on_duty", role=role))
    before = everything()
    for url in posts(app, world):
        response = browser.post(url, data=PAYLOAD)
        assert response.status_code == 400, url
    assert everything() == before


def test_the_same_posts_with_a_token_do_change_things(admin_client, world):
    # The control for the test above: the payload alone is enough to act.
    before = everything()
    member_page = f"/admin/members/{world['member_id']}"
    assert form_post(admin_client, f"{member_page}/warn_member", PAYLOAD, page=member_page).status_code == 302
    assert form_post(admin_client, "/admin/disclaimer", PAYLOAD, page="/admin/disclaimer").status_code == 302
    after = everything()
    assert len(after["notifications"]) == len(before["notifications"]) + 1
    assert len(after["disclaimer_versions"]) == len(before["disclaimer_versions"]) + 1
