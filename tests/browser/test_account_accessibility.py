"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the account
and email pages: the settings index, password and email (confirmed, and
with the "please confirm" notice), signed-in devices (two of them),
passkeys (one, and the form to add another), email notifications, the
password confirmation, sign-in with its passkey button, check your inbox,
confirming an address and a change of address, forgot password (and its
errors), the reset link sent, choosing a new password, a link that can't be
used, and stopping emails (asked, and done); each in light at 1280 px and
in dark at 360 px, and at 360 px none of them scrolls sideways.

One forum serves the whole module, at http://localhost so the passkey
controls show, and one browser context per person (ana_runner, new_here
who has not confirmed her address, and a visitor): the suite's per-test
emptying is replaced here by emptying once, before it is built.
"""
import pytest
from playwright.sync_api import expect

from forum.extensions import db
from tests.conftest import _empty_all_tables

from . import account_data as data
from .axe import TWO_LOOKS, assert_no_violations_in_each_look
from .screens import DESKTOP, PHONE, screenshot_path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def forum(app, live_server):
    address = data.localhost_address(live_server)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(app.config, "FORUM_URL", address)
        yield address


@pytest.fixture(scope="module")
def scene(app, forum):
    with app.app_context():
        _empty_all_tables()
        built = data.build_scene()
        # No transaction left open in this session while the server writes.
        db.session.remove()
        yield built
        _empty_all_tables()
        db.session.remove()


@pytest.fixture(autouse=True)
def _clean_database(scene):
    """The module's forum stays from test to test (see the docstring)."""


@pytest.fixture(scope="module")
def people(browser, forum, scene, axe_script):
    """A page for each person, signed in once; axe may run in them (bypass_csp)."""
    pages = {who: data.open_context(browser, forum, bypass_csp=True) for who in ("member", "newcomer", "nobody")}
    for who, username in (("member", data.MEMBER), ("newcomer", data.NEWCOMER)):
        data.sign_in(pages[who], username)
        pages[who].wait_for_url(f"{forum}/")
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("name", list(data.PAGES))
def test_account_page(people, scene, name):
    who, address, heading, action = data.PAGES[name]
    page = people[who]
    page.set_viewport_size(DESKTOP)
    page.goto(address.format(**scene))
    if action:
        action(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    data.what_it_shows(page, name)
    page.screenshot(path=screenshot_path(f"account-a11y-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(page, TWO_LOOKS)
    # The same page, laid out again for a phone: opening it twice could change what it shows.
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide on a {PHONE['width']}px phone: it scrolls sideways"
    page.screenshot(path=screenshot_path(f"account-a11y-{name}-phone.png"), full_page=True)
