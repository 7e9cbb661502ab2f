"""What changed between two versions, in a real browser: a post's earlier
versions as its author reads them, and the disclaimer to accept again. axe
finds nothing in either theme, and the changes show by more than colour."""
import pytest
from playwright.sync_api import expect

from forum.disclaimer.services import accept_disclaimer, publish_disclaimer
from forum.threads import services as thread_services
from tests import factories

from .axe import EVERY_LOOK, assert_no_violations_in_each_look
from .screens import screenshot_path

pytestmark = pytest.mark.browser

FIRST = """Ice for two days, then heat. Stretching **twice a day** helped most.

I also tried a tennis ball under the buttock."""


@pytest.fixture
def edited_post():
    """desk_sitter's reply, edited by her and then by a moderator."""
    author = factories.make_member(username="desk_sitter")
    moderator = factories.make_moderator(username="mod_mia")
    thread = factories.make_thread(author=factories.make_member(username="ana_runner"), category=factories.make_category(),
                                   title="What helped your piriformis pain?")
    post = factories.make_post(thread, author=author, body=FIRST)
    second = FIRST.replace("twice a day", "three times a day").replace("tennis ball", "foam roller") + "\n\nBrandex pills cured me."
    thread_services.edit_post(author, post, second)
    thread_services.edit_post(moderator, post, second.replace("Brandex pills", "[A product name was removed.]"), reason="Removed a product name.")
    return author, post


def test_the_author_reads_what_changed_in_each_version(axe_page, signed_in, edited_post):
    author, post = edited_post
    signed_in(axe_page, author)
    axe_page.goto(f"/threads/{post.thread_id}")
    axe_page.get_by_role("link", name="Earlier versions").click()

    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Every version of your post")
    expect(axe_page.get_by_role("heading", level=2)).to_have_text(["Version 3 (current)", "Version 2", "Version 1 (the original)"])
    removed = axe_page.locator(".version").nth(1).locator("del").first
    added = axe_page.locator(".version").nth(1).locator("ins").first
    expect(removed).to_contain_text("twice")
    expect(added).to_contain_text("three times")
    # Struck through and underlined, not told by colour alone.
    assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
    expect(axe_page.locator(".version").first).to_contain_text("by a moderator. Reason: Removed a product name.")
    axe_page.screenshot(path=screenshot_path("post-history-author.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, EVERY_LOOK)


def test_the_disclaimer_to_accept_again_starts_with_what_changed(axe_page, signed_in):
    moderator = factories.make_moderator(username="mod_mia")
    member = factories.make_member(username="ana_runner")
    accepted = publish_disclaimer(moderator, "Not medical advice.",
                                  "Stories here are personal.\n\nAsk your doctor before you stop a medicine.", False)
    accept_disclaimer(member, accepted)
    publish_disclaimer(moderator, "Not medical advice.",
                       "Stories here are personal.\n\nAsk your doctor or pharmacist before you change a medicine.", True)
    signed_in(axe_page, member)
    axe_page.goto("/disclaimer/accept")

    changes = axe_page.get_by_role("region", name=f"What changed since you accepted version {accepted.id}")
    expect(changes.locator(".text-diff del")).to_have_text(["removed: stop (end removed)"])
    expect(changes.locator(".text-diff ins")).to_have_count(2)
    axe_page.screenshot(path=screenshot_path("accept-disclaimer-changes.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, EVERY_LOOK)
