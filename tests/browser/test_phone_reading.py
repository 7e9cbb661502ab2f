"""A thread on a 360 x 740 phone: the story starts on the first screen, post
actions are big enough for a shaky thumb, and the header's links fold under
"Menu" without needing JavaScript."""
import pytest
from playwright.sync_api import expect

from tests import factories

from .screens import DESKTOP, screenshot_path

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
TAP_MIN = 44
# A title as long as members really write them.
TITLE = "Two winters since I fell on the ice: my long story of piriformis pain, in case it helps someone"
FIRST_LINE_BOTTOM = """() => {
  const body = document.querySelector('.post .post-body');
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, n => n.textContent.trim() ? 1 : 3);
  const range = document.createRange();
  range.selectNodeContents(walker.nextNode());
  return {bottom: range.getClientRects()[0].bottom, height: innerHeight, scrolled: scrollY};
}"""


@pytest.fixture
def forum():
    ruth = factories.make_member(username="ruth_on_ice")
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    thread = factories.make_thread(author=ruth, category=category, title=TITLE,
                                   body="I've been reading here for months and finally feel ready to write it all down.")
    reader = factories.make_member(username="desk_sitter")
    for n in range(3):
        factories.make_post(thread, author=reader, body=f"Reply {n}: you should try heat before stretching.")
    # Something to be told about, as a member usually has.
    factories.make_post(thread, author=ruth, body=f"@{reader.username} thank you, trying it tonight.")
    return {"thread": thread, "reader": reader}


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_first_line_of_the_story_is_on_the_first_screen(new_page, signed_in, forum, who):
    page = new_page(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    if who == "member":
        signed_in(page, forum["reader"])
    page.goto(f"/threads/{forum['thread'].id}")
    expect(page.locator(".post").first).to_contain_text("finally feel ready")

    page.screenshot(path=screenshot_path(f"phone-first-screen-{who}.png"))
    line = page.evaluate(FIRST_LINE_BOTTOM)
    assert line["scrolled"] == 0
    assert line["bottom"] <= line["height"], f"the first line ends at {line['bottom']}px of a {line['height']}px screen"


def test_post_actions_are_big_enough_to_tap(new_page, signed_in, forum):
    page = new_page(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    signed_in(page, forum["reader"])
    page.goto(f"/threads/{forum['thread'].id}")
    own = page.locator(".post", has_text="Reply 0")
    controls = own.locator(".post-actions a, .post-actions button, a.permalink")
    names = [c.inner_text().strip() for c in controls.all()]
    assert {"Quote", "Edit", "Delete", "#2"} <= set(names), names
    others = page.locator(".post").first.locator(".post-actions a, .post-actions button, a.permalink")
    assert "Report" in [c.inner_text().strip() for c in others.all()]

    for control in [*controls.all(), *others.all()]:
        box = control.bounding_box()
        assert box["width"] >= TAP_MIN and box["height"] >= TAP_MIN, f"{control.inner_text()!r} is {box['width']}x{box['height']}"


def test_the_header_links_fold_under_menu_on_a_phone_even_without_javascript(new_page, forum):
    page = new_page(viewport=SMALL_PHONE, java_script_enabled=False)
    page.goto("/")
    stories = page.get_by_role("link", name="Stories", exact=True)
    expect(stories).to_be_hidden()
    page.get_by_text("Menu").click()
    expect(stories).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the forum")).to_be_visible()

    wide = new_page(viewport=DESKTOP)
    wide.goto("/")
    expect(wide.get_by_text("Menu")).to_be_hidden()
    expect(wide.get_by_role("link", name="Stories", exact=True)).to_be_visible()
    expect(wide.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
