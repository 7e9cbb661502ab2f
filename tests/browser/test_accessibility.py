"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the main pages,
in light and dark, at 1280 and at 360 px."""
import pytest
from playwright.sync_api import expect

from tests import factories

from .axe import assert_no_violations_in_each_look

pytestmark = pytest.mark.browser


@pytest.fixture
def forum(axe_page, signed_in):
    """A category with a discussed thread, and a helper to sign the page in."""
    ana = factories.make_member(username="ana_runner")
    desk = factories.make_member(username="desk_sitter")
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    thread = factories.make_thread(author=ana, category=category, title="What caused yours?", replies=2, reply_author=desk)
    factories.make_thread(author=desk, category=category, title="Foam roller or tennis ball?", pinned=True)
    return {"member": ana, "category": category, "thread": thread, "sign_in": lambda: signed_in(axe_page, ana)}


def test_home(axe_page, forum):
    axe_page.goto("/")
    expect(axe_page.get_by_role("link", name="Piriformis syndrome")).to_be_visible()
    assert_no_violations_in_each_look(axe_page)


def test_category_with_threads(axe_page, forum):
    axe_page.goto(f"/categories/{forum['category'].slug}")
    expect(axe_page.get_by_role("link", name="What caused yours?")).to_be_visible()
    assert_no_violations_in_each_look(axe_page)


def test_thread_with_replies_and_the_reply_form(axe_page, forum):
    forum["sign_in"]()
    axe_page.goto(f"/threads/{forum['thread'].id}")
    expect(axe_page.locator(".post")).to_have_count(3)
    expect(axe_page.get_by_role("button", name="Post reply")).to_be_visible()
    assert_no_violations_in_each_look(axe_page)


def test_register_with_errors_shown(axe_page, forum):
    axe_page.goto("/auth/register")
    axe_page.get_by_label("Email").fill("not an email")
    axe_page.get_by_role("button", name="Create my account").click()
    expect(axe_page.get_by_role("alert")).to_contain_text("Enter a valid email address.")
    expect(axe_page.get_by_role("alert")).to_contain_text("Choose a username.")
    assert_no_violations_in_each_look(axe_page)


def test_login(axe_page, forum):
    axe_page.goto("/auth/login")
    expect(axe_page.get_by_label("Username or email")).to_be_visible()
    assert_no_violations_in_each_look(axe_page)


def test_new_thread(axe_page, forum):
    forum["sign_in"]()
    axe_page.goto(f"/threads/new?category={forum['category'].slug}")
    expect(axe_page.get_by_label("Title", exact=True)).to_be_visible()
    assert_no_violations_in_each_look(axe_page)


def test_profile(axe_page, forum):
    axe_page.goto(f"/members/{forum['member'].username}")
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("ana_runner")
    assert_no_violations_in_each_look(axe_page)


def test_disclaimer(axe_page, forum):
    axe_page.goto("/pages/disclaimer")
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Medical disclaimer")
    assert_no_violations_in_each_look(axe_page)


def test_not_found(axe_page, forum):
    response = axe_page.goto("/threads/999999")
    assert response.status == 404
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("We couldn't find that page")
    assert_no_violations_in_each_look(axe_page)
