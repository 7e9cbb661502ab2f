"""On a small phone the pages fit, read comfortably and are easy to tap; and
everything works with JavaScript turned off."""
import re

import pytest
from playwright.sync_api import expect

from tests import factories

from .opening import open_menu
from .inbox import confirm_address
from .screens import PHONE

pytestmark = pytest.mark.browser

LONG_URL = "https://example.org/videos/" + "PiriformisStretchForDeskWorkers" * 6 + "?t=42"
CODE_POST = f"""My physio's plan, copied exactly:

```
week 1: clamshells 3x15, figure-four stretch 3x30s hold, nerve glides 2x10, walk 20 minutes flat ground
```

The video she sent: {LONG_URL}
"""
TAP_MIN = 44


@pytest.fixture
def forum():
    ana = factories.make_member(username="ana_runner")
    category = factories.make_category(name="Sciatica", slug="sciatica")
    thread = factories.make_thread(author=ana, category=category, title="Exercises that finally helped", replies=1)
    factories.make_post(thread, author=ana, body=CODE_POST)
    return {"member": ana, "category": category, "thread": thread}


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


PAGES = {
    "home": lambda forum: "/",
    "category": lambda forum: f"/categories/{forum['category'].slug}",
    "thread with a long URL and code": lambda forum: f"/threads/{forum['thread'].id}",
    "register": lambda forum: "/auth/register",
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_a_small_phone_without_sideways_scrolling(phone_page, forum, name):
    phone_page.goto(PAGES[name](forum))
    if name.startswith("thread"):
        expect(phone_page.locator(".post pre")).to_contain_text("clamshells")
        expect(phone_page.get_by_role("link", name=LONG_URL)).to_be_visible()
    width = page_width(phone_page)
    assert width <= PHONE["width"], f"{name} is {width}px wide: it scrolls sideways"


def font_sizes(page, selectors):
    return page.evaluate(
        "sels => Object.fromEntries(sels.map(s => [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))",
        selectors,
    )


def test_text_is_at_least_16px_on_a_phone(phone_page, forum):
    phone_page.goto(f"/threads/{forum['thread'].id}")
    sizes = font_sizes(phone_page, ["body", ".post-body p"])
    phone_page.goto("/auth/register")
    # Phones zoom into form fields set smaller than 16px.
    sizes.update(font_sizes(phone_page, ["#username", ".button"]))
    too_small = {selector: size for selector, size in sizes.items() if size < 16}
    assert not too_small, f"text smaller than 16px: {too_small}"


def tap_heights(page, locators):
    return {name: locator.bounding_box()["height"] for name, locator in locators.items()}


def test_main_buttons_are_big_enough_to_tap(phone_page, forum, signed_in):
    phone_page.goto("/")
    heights = tap_heights(phone_page, {"Menu": phone_page.locator(".site-menu > summary")})
    open_menu(phone_page)
    heights |= tap_heights(phone_page, {
        "Join": phone_page.get_by_role("link", name="Join", exact=True),
        "Sign in": phone_page.get_by_role("link", name="Sign in", exact=True),
        "Join the community": phone_page.get_by_role("link", name="Join the community"),
    })
    phone_page.goto("/auth/register")
    heights.update(tap_heights(phone_page, {
        "Create my account": phone_page.get_by_role("button", name="Create my account"),
    }))

    signed_in(phone_page, forum["member"])
    phone_page.goto(f"/threads/{forum['thread'].id}")
    open_menu(phone_page)
    heights.update(tap_heights(phone_page, {
        "Sign out": phone_page.get_by_role("button", name="Sign out"),
        "Quote": phone_page.get_by_role("link", name="Quote").first,
        "Preview": phone_page.get_by_role("button", name="Preview"),
        "Post reply": phone_page.get_by_role("button", name="Post reply"),
    }))
    phone_page.goto(f"/categories/{forum['category'].slug}")
    heights["Start a thread"] = phone_page.get_by_role("link", name="Start a thread").bounding_box()["height"]

    too_small = {name: h for name, h in heights.items() if h < TAP_MIN}
    assert not too_small, f"smaller than {TAP_MIN}px: {too_small}"


def test_without_javascript_a_newcomer_can_join_sign_in_and_reply(no_js_page, forum, app, live_server):
    page = no_js_page
    page.set_content("<title>before</title><script>document.title = 'script ran'</script>")
    assert page.title() == "before", "this context must really have JavaScript off"

    page.goto("/auth/register")
    page.get_by_label("Username").fill("no_script_sam")
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Password").fill("walking helps most days")
    page.get_by_label("I accept the community guidelines").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    confirm_address(page, app, "sam@example.org")
    expect(page.get_by_role("link", name="no_script_sam")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You're signed out.")).to_be_visible()
    page.get_by_role("link", name="Sign in", exact=True).first.click()
    page.get_by_label("Username or email").fill("sam@example.org")
    page.get_by_label("Password").fill("walking helps most days")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("link", name="no_script_sam")).to_be_visible()

    page.goto(f"/threads/{forum['thread'].id}")
    page.get_by_label("Your post").fill("Same exercises here, week 3 now.")
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    expect(page.locator(".post").last).to_contain_text("Same exercises here, week 3 now.")
    expect(page.locator(".post").last).to_contain_text("no_script_sam")
