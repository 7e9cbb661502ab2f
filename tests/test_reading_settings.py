"""The reading settings page (/settings/reading): the time zone times are
shown in, and light or dark colours. (Here rather than under
tests/settings/: tests/settings.py is the suite's configuration.)"""
import re

import pytest

from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.settings.services import change_reading_settings
from tests import factories
from tests.conftest import form_post
from tests.factories import text_of

PAGE = "/settings/reading"


def _selected_zone(html):
    found = re.findall(r'<option selected value="([^"]+)"', html)
    return found[0] if len(found) == 1 else found


def _checked_theme(html):
    return re.findall(r'<input checked id="[^"]+" name="theme" (?:required )?type="radio" value="(\w+)"', html)


def test_the_page_offers_the_zones_and_the_themes_with_utc_and_the_device_chosen(client_for, member):
    html = client_for(member).get(PAGE).get_data(as_text=True)

    assert _selected_zone(html) == "UTC"
    assert _checked_theme(html) == ["auto"]
    assert '<optgroup label="America">' in html and '<option value="America/New_York">New York</option>' in html
    assert "Follow my device" in html and ">Light</label>" in html and ">Dark</label>" in html
    assert "It is now " in text_of(html) and 'aria-current="page">Reading</a>' in html


def test_saving_a_zone_and_a_theme_keeps_them_and_the_pages_follow(client_for, member):
    browser = client_for(member)
    response = form_post(browser, PAGE, {"time_zone": "America/New_York", "theme": "dark"}, page=PAGE)

    assert response.status_code == 302 and response.headers["Location"] == PAGE
    html = browser.get(PAGE).get_data(as_text=True)
    assert "Your reading settings are saved." in html
    assert _selected_zone(html) == "America/New_York" and _checked_theme(html) == ["dark"]
    assert "America/New York." in text_of(html)
    assert (factories.reload(member).time_zone, member.theme) == ("America/New_York", "dark")
    assert '<html lang="en" data-theme="dark">' in browser.get("/").get_data(as_text=True)


def test_choosing_utc_and_the_device_again_puts_the_defaults_back(client_for, member):
    member.time_zone, member.theme = "Europe/Berlin", "light"
    db.session.commit()
    browser = client_for(member)
    assert '<html lang="en" data-theme="light">' in browser.get("/").get_data(as_text=True)

    form_post(browser, PAGE, {"time_zone": "UTC", "theme": "auto"}, page=PAGE)

    assert (factories.reload(member).time_zone, member.theme) == (None, "auto")
    assert '<html lang="en">' in browser.get("/").get_data(as_text=True)


def test_an_unknown_zone_is_refused_beside_its_field_and_the_form_comes_back_filled(client_for, member):
    browser = client_for(member)
    response = form_post(browser, PAGE, {"time_zone": "Mars/Olympus_Mons", "theme": "dark"}, page=PAGE)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'id="time_zone-error"><span class="visually-hidden">Error:</span> Choose a time zone from the list.', html)
    assert _checked_theme(html) == ["dark"]
    assert (factories.reload(member).time_zone, member.theme) == (None, "auto")


def test_a_theme_not_offered_is_refused(client_for, member):
    response = form_post(client_for(member), PAGE, {"time_zone": "Europe/Berlin", "theme": "sepia"}, page=PAGE)

    assert response.status_code == 422
    assert 'id="theme-error"' in response.get_data(as_text=True)
    assert _selected_zone(response.get_data(as_text=True)) == "Europe/Berlin"
    assert factories.reload(member).time_zone is None


def test_a_post_without_the_csrf_token_changes_nothing(client_for, member):
    response = client_for(member).post(PAGE, data={"time_zone": "Asia/Tokyo", "theme": "dark"})

    assert response.status_code in (400, 422)
    assert (factories.reload(member).time_zone, member.theme) == (None, "auto")


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get(PAGE).status_code == 302
    assert form_post(client, PAGE, {"time_zone": "Asia/Tokyo", "theme": "dark"}, page="/auth/login").status_code == 302


def test_a_suspended_member_may_still_choose_how_the_forum_reads(client_for):
    suspended = factories.make_suspended(username="resting_ana")
    response = form_post(client_for(suspended), PAGE, {"time_zone": "Asia/Tokyo", "theme": "light"}, page=PAGE)

    assert response.status_code == 302
    assert factories.reload(suspended).time_zone == "Asia/Tokyo"


def test_the_settings_overview_and_menu_lead_to_the_page(client_for, member):
    html = client_for(member).get("/settings/").get_data(as_text=True)
    assert html.count(f'href="{PAGE}"') == 2


# The service.

def test_no_one_changes_another_members_reading_settings(member, other_member):
    with pytest.raises(PermissionDenied):
        change_reading_settings(other_member, member, "Asia/Tokyo", "dark")
    assert factories.reload(member).time_zone is None


@pytest.mark.parametrize("zone, theme, field", [
    ("US/Eastern", "dark", "time_zone"), ("", "dark", "time_zone"), (None, "dark", "time_zone"), ("UTC", "", "theme"),
])
def test_the_service_refuses_what_the_page_does_not_offer(member, zone, theme, field):
    with pytest.raises(Refused) as refused:
        change_reading_settings(member, member, zone, theme)
    assert refused.value.field == field
