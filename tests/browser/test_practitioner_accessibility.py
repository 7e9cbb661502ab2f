"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the
practitioner pages: the directory, applying, the applicant's page in each
state, the moderators' queue and application page, and the badge, the
practitioner's answer and "What helped" where members read them; in light
at 1280 px and in dark at 360 px."""
import re

import pytest
from playwright.sync_api import expect

from . import practitioner_data as data
from .axe import TWO_LOOKS, assert_no_violations_in_each_look
from .screens import screenshot_path

pytestmark = pytest.mark.browser


@pytest.fixture
def scene():
    return data.build_scene()


@pytest.mark.parametrize("name", data.PAGES)
def test_practitioner_page(axe_page, signed_in, scene, name):
    data.open_page(axe_page, signed_in, scene, name)
    axe_page.screenshot(path=screenshot_path(f"practitioner-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_apply_sent_empty_shows_every_error_beside_its_field(axe_page, signed_in, scene):
    signed_in(axe_page, scene["member"])
    axe_page.goto("/practitioners/apply")
    axe_page.get_by_role("button", name="Send application").click()
    summary = axe_page.get_by_role("alert")
    expect(summary).to_contain_text("Choose your credential.")
    expect(summary).to_contain_text("Agree to the practitioner guidelines to apply.")
    target = summary.get_by_role("link", name="Enter your licence number.").get_attribute("href")
    expect(axe_page.locator(target)).to_have_accessible_name("Licence number")
    expect(axe_page.get_by_label("Licence number", exact=True)).to_have_accessible_description(
        "Error: Enter your licence number."
    )
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_the_application_page_with_an_error_on_the_verify_form(axe_page, signed_in, scene):
    signed_in(axe_page, scene["moderator"])
    axe_page.goto(f"/admin/practitioners/{scene['pending_application'].id}")
    axe_page.get_by_role("region", name="Verify").get_by_role("button", name="Verify").click()
    expect(axe_page.get_by_role("alert")).to_contain_text("Name where you checked the licence.")
    expect(axe_page.get_by_label("Checked with")).to_have_attribute("aria-invalid", "true")
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_an_empty_answer_to_the_moderators_is_shown_beside_the_box(axe_page, signed_in, scene):
    signed_in(axe_page, scene["asked"])
    axe_page.goto("/practitioners/application")
    axe_page.get_by_role("button", name="Send answer").click()
    expect(axe_page.get_by_role("alert")).to_contain_text("Write your answer for the moderators.")
    expect(axe_page.get_by_label("Your answer")).to_have_accessible_description("Error: Write your answer for the moderators.")
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_the_badge_says_what_was_checked_to_a_screen_reader(axe_page, scene):
    axe_page.goto(f"/threads/{scene['thread'].id}")
    answer = axe_page.locator(".post").filter(has_text=data.ANSWER).first
    # The accessible name of the post is its byline, badge and explanation included.
    expect(answer).to_have_accessible_name(
        re.compile(r"lena_kneads Verified LMT ?: Licensed massage therapist\. Licence checked with the Florida Board")
    )
