"""On a 360px phone the practitioner pages fit the screen, and the badge
stays on one line beside the name it belongs to."""
import pytest

from . import practitioner_data as data
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser


@pytest.fixture
def scene():
    return data.build_scene()


@pytest.mark.parametrize("name", data.PAGES)
def test_practitioner_page_fits_a_small_phone(phone_page, signed_in, scene, name):
    data.open_page(phone_page, signed_in, scene, name)
    phone_page.screenshot(path=screenshot_path(f"practitioner-{name}-phone.png"), full_page=True)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: it scrolls sideways"


def test_the_badge_is_never_split_over_two_lines(phone_page, scene):
    phone_page.goto(f"/threads/{scene['thread'].id}")
    badges = phone_page.locator(".post .badge")
    heights = badges.evaluate_all("els => els.map(b => b.getClientRects().length)")
    assert heights and all(lines == 1 for lines in heights), f"badge boxes per badge: {heights}"


TAP_MIN = 44


def test_the_practitioner_buttons_are_big_enough_to_tap(phone_page, signed_in, scene):
    def heights(locators):
        return {name: locator.bounding_box()["height"] for name, locator in locators.items()}

    phone_page.goto("/practitioners/")
    found = heights({"Filter": phone_page.get_by_role("button", name="Filter")})
    signed_in(phone_page, scene["asked"])
    phone_page.goto("/practitioners/application")
    found.update(heights({
        "Send answer": phone_page.get_by_role("button", name="Send answer"),
        "Withdraw application": phone_page.get_by_role("button", name="Withdraw application"),
        "Details you sent": phone_page.get_by_text("Details you sent"),
    }))
    signed_in(phone_page, scene["asker"])
    phone_page.goto(f"/threads/{scene['thread'].id}")
    found.update(heights({
        "Remove “this helped me”": phone_page.get_by_role("button", name="Remove “this helped me”"),
        "This helped me": phone_page.get_by_role("button", name="This helped me", exact=True),
    }))
    too_small = {name: h for name, h in found.items() if h < TAP_MIN}
    assert not too_small, f"smaller than {TAP_MIN}px: {too_small}"
