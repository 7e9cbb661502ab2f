"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the pages for
finding and following: search results (some, and none), the notifications
page grouped by thread, the home page with news and recent activity, a
thread with reactions, the reading bar and related threads, who reacted,
bookmarks, and a category with its follow button and news markers; each
in light at 1280 px and in dark at 360 px, and at 360 px none of them
scrolls sideways.

One forum serves the whole module (building it for each page would cost
more than checking the page): the suite's per-test emptying is replaced
here by emptying once, before it is built. Opening a page changes nothing
another page shows: only the thread's starter opens the thread.
"""
import pytest

from forum.extensions import db
from tests.conftest import _empty_all_tables

from . import following_data as data
from .axe import TWO_LOOKS, assert_no_violations_in_each_look
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def scene(app):
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


@pytest.mark.parametrize("name", list(data.PAGES))
def test_following_page(axe_page, signed_in, scene, name):
    data.open_page(axe_page, signed_in, scene, name)
    axe_page.screenshot(path=screenshot_path(f"following-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)
    # The same page, laid out again for a phone: opening it twice could change what it shows.
    axe_page.set_viewport_size(PHONE)
    width = axe_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide on a {PHONE['width']}px phone: it scrolls sideways"
    axe_page.screenshot(path=screenshot_path(f"following-{name}-phone.png"), full_page=True)
