import re

import pytest

from forum.disclaimer.services import publish_disclaimer
from tests import factories
from tests.conftest import form_post, sign_in
from tests.factories import make_member, make_thread

SHORT_DISCLAIMER = "Sharing experience here is not a diagnosis or a treatment plan."


@pytest.fixture(autouse=True)
def disclaimer():
    """The disclaimer moderators published (the suite starts each test empty)."""
    moderator = make_member(username="mod_on_duty", role="moderator")
    return publish_disclaimer(
        moderator, SHORT_DISCLAIMER,
        "Nothing here is a diagnosis.\n\nIf it is urgent, see [urgent help](/pages/urgent-help).", must_accept=False,
    )


def footer_of(html):
    match = re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S)
    assert match, "page has no footer"
    return match.group(1)


@pytest.mark.parametrize("url,heading,key_text", [
    ("/pages/guidelines", "Community guidelines", "Be kind, even when you disagree"),
    ("/disclaimer/", "Medical disclaimer", "Nothing here is a diagnosis."),
    ("/pages/urgent-help", "Urgent help", "call your local emergency number now"),
])
def test_a_visitor_can_read_the_fixed_pages(client, url, heading, key_text):
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert key_text in html


def test_urgent_help_gives_crisis_lines_and_red_flags(client):
    factories.safety_rows()  # the crisis resources a new forum starts with
    html = client.get("/pages/urgent-help").get_data(as_text=True)
    assert "<strong>Call or text 988</strong>" in html and "Text HOME to 741741" in html
    assert "116 123" in html
    assert "losing control of your bladder or bowels" in html
    assert "saddle" in html


def test_the_disclaimer_points_to_urgent_help(client):
    html = client.get("/disclaimer/").get_data(as_text=True)
    assert 'href="/pages/urgent-help"' in html


def test_the_old_disclaimer_address_still_leads_to_it(client):
    response = client.get("/pages/disclaimer")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/disclaimer/")


def assert_footer_carries_the_disclaimer(html):
    footer = footer_of(html)
    assert SHORT_DISCLAIMER in footer
    assert '<a href="/disclaimer/">Read the full disclaimer</a>' in footer
    assert 'href="/pages/urgent-help"' in footer


def test_every_kind_of_page_carries_the_short_disclaimer(client, member, category):
    thread = make_thread(author=member, category=category, title="Piriformis stretches that helped")
    pages = {
        "/": 200,
        f"/threads/{thread.id}/{thread.slug}": 200,
        f"/categories/{category.slug}": 200,
        "/members/ana_runner": 200,
        "/auth/login": 200,
        "/auth/register": 200,
        "/pages/guidelines": 200,
        "/no-such-page": 404,
        "/threads/999999": 404,
    }
    for url, status in pages.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert_footer_carries_the_disclaimer(response.get_data(as_text=True))


def test_pages_for_members_and_error_pages_carry_it_too(client, member, other_member):
    sign_in(client, member)
    for url, status in {"/threads/new": 200, "/members/ana_runner/edit": 200, "/members/desk_sitter/edit": 403}.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert_footer_carries_the_disclaimer(response.get_data(as_text=True))
    refused = form_post(client, "/auth/logout", {"csrf_token": "stale"}, page="/")
    assert refused.status_code == 400
    assert_footer_carries_the_disclaimer(refused.get_data(as_text=True))
