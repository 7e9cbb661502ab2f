"""A member reads What helped, tells her story with three treatments, sees
its card, and three months on updates how massage therapy went; she finds
her story through the list's filters at an address she can share, sees
What helped count her report, and opens People like me from her card. The
extra treatment row works with JavaScript off as well as on."""
import csv
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests import factories

from . import story_data as data
from .screens import screenshot_path

pytestmark = pytest.mark.browser

MASSAGE = "Massage therapy"
UPDATED = "Massage therapy: too early to tell → helped a lot"
LIST_FILTERS = {"condition": "piriformis-syndrome", "treatment": "massage-therapy", "outcome": "helped_a_lot"}


def flashed(page):
    return page.locator(".flashes")


def treatment_rows(page):
    return page.locator(".treatment-row")


def massage_on_what_helped(page):
    """The massage row of What helped, read from its table by the column
    headers, and the same row from its CSV."""
    page.get_by_role("navigation", name="Account").get_by_role("link", name="What helped").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    figures = data.table_figures(page.locator("main table").first, MASSAGE)
    address = page.locator("main").get_by_role("link", name=re.compile(r"CSV|spreadsheet", re.I)).first.get_attribute("href")
    response = page.request.get(address)
    assert response.ok, f"{address}: {response.status}"
    rows = {row["treatment"]: row for row in csv.DictReader(io.StringIO(response.text()))}
    return figures, rows[MASSAGE]


def tell_the_story(page):
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Stories").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories")
    page.get_by_role("link", name="Tell your story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell your story")

    data.fill_thread(page)
    data.fill_account(page)
    expect(treatment_rows(page)).to_have_count(3)
    data.fill_treatment(page, 1, MASSAGE, "Too early to tell", duration="3 sessions so far", note="$80 a session")
    data.fill_treatment(page, 2, "Stretching", "Helped a little", duration="Every day for 4 months")
    # She wants room for more, and asks for another row before going on.
    page.get_by_role("button", name="Add another treatment").click()
    expect(treatment_rows(page)).to_have_count(4)
    # With JavaScript the row is added in place, and the cursor goes to it.
    expect(data.treatment_row(page, 4).get_by_label("Treatment", exact=True)).to_be_focused()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_label("Title", exact=True)).to_have_value(data.TITLE)
    expect(page.get_by_role("group", name="Which condition or conditions?").get_by_label("Sciatica", exact=True)).to_be_checked()
    expect(page.get_by_role("group", name="Which side?").get_by_label("Left", exact=True)).to_be_checked()
    row = data.treatment_row(page, 1)
    expect(row.get_by_label("Treatment", exact=True).locator("option:checked")).to_have_text(MASSAGE)
    expect(row.get_by_label("How long, or how many sessions")).to_have_value("3 sessions so far")
    data.fill_treatment(page, 3, "Nerve gliding", "No change")
    page.get_by_label("Your post").fill(data.BODY)
    page.screenshot(path=screenshot_path("story-journey-form-desktop.png"), full_page=True)

    page.get_by_role("button", name="Post your story").click()
    expect(page).to_have_url(data.THREAD_ADDRESS)
    expect(flashed(page)).to_contain_text("Your story is up. Thank you for sharing it.")
    expect(page.get_by_role("heading", level=1)).to_have_text(data.TITLE)


def see_the_card(page):
    card = page.get_by_role("region", name="Your story at a glance")
    expect(card).to_be_visible()
    for words in ("Piriformis syndrome, Sciatica", "Running or other overuse", "Left", "March 2025", "Improving"):
        expect(card).to_contain_text(words)
    tried = card.get_by_role("table", name="What they tried, and how it went")
    expect(tried.locator("tbody tr")).to_have_count(3)
    massage = data.table_figures(tried, MASSAGE)
    assert massage["How it went"] == "Too early to tell"
    assert massage["How long"] == "3 sessions so far"
    assert massage["Side effects or cost"] == "$80 a session"
    assert data.table_figures(tried, "Nerve gliding")["How it went"] == "No change"
    expect(card.get_by_role("link", name="Update your story")).to_be_visible()
    card.screenshot(path=screenshot_path("story-journey-card-desktop.png"))


def update_how_massage_went(page, story_address):
    page.goto(story_address)
    page.get_by_role("region", name="Your story at a glance").get_by_role("link", name="Update your story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update your story")
    row = data.treatment_row(page, 1)
    expect(row.get_by_label("Treatment", exact=True).locator("option:checked")).to_have_text(MASSAGE)
    expect(row.get_by_label("How it went").locator("option:checked")).to_have_text("Too early to tell")
    row.get_by_label("How it went").select_option(label="Helped a lot")
    row.get_by_label("How long, or how many sessions").fill("6 sessions over 8 weeks")
    page.get_by_role("button", name="Save the story").click()

    expect(page).to_have_url(data.THREAD_ADDRESS)
    expect(flashed(page)).to_contain_text("Your story is updated. Earlier versions are kept.")
    card = page.get_by_role("region", name="Your story at a glance")
    expect(card).to_contain_text(UPDATED)
    massage = data.table_figures(card.get_by_role("table"), MASSAGE)
    assert massage["How it went"] == "Helped a lot"
    assert massage["How long"] == "6 sessions over 8 weeks"
    card.get_by_role("link", name="Every version (2)").click()
    expect(page.locator("main")).to_contain_text("Version 1")
    expect(page.locator("main")).to_contain_text("Version 2")


def find_it_through_the_filters(page, visitor):
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Stories").click()
    expect(page.locator("main .meta[role=status]")).to_have_text("7 stories")
    filters = page.get_by_role("search", name="Filter stories")
    # Each choice says how many stories it would show.
    treatment = filters.get_by_label("Treatment tried")
    expect(treatment.locator("option", has_text=MASSAGE)).to_have_text(f"{MASSAGE} (6)")
    expect(filters.get_by_label("Condition").locator("option", has_text="Piriformis syndrome")).to_have_text(
        "Piriformis syndrome (3)")
    filters.get_by_label("Condition").select_option(LIST_FILTERS["condition"])
    treatment.select_option(LIST_FILTERS["treatment"])
    filters.get_by_label(re.compile(r"^How it went")).select_option(LIST_FILTERS["outcome"])
    filters.get_by_role("button", name="Show stories").click()

    expect(page).to_have_url(re.compile(r"/stories/\?"))
    assert {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()} == LIST_FILTERS
    expect(page.locator("main .meta[role=status]")).to_have_text("3 stories")
    titles = page.locator(".story-item h2")
    expect(titles).to_have_count(3)
    expect(titles.first).to_have_text(data.TITLE)  # the latest updated first
    found = sorted(titles.all_inner_texts())
    assert found == sorted([data.TITLE, data.MOST_ALIKE, "Trail running and a tight piriformis"])
    expect(page.locator(".active-filters")).to_contain_text("where massage therapy helped a lot")
    # The choices stay chosen, and the address gives the same list again, to her and to anyone she sends it to.
    expect(treatment.locator("option:checked")).to_have_text(f"{MASSAGE} (3)")
    shared = page.url
    page.reload()
    assert sorted(titles.all_inner_texts()) == found
    visitor.goto(shared)
    expect(visitor.locator(".story-item h2")).to_have_count(3)
    assert sorted(visitor.locator(".story-item h2").all_inner_texts()) == found
    page.get_by_role("link", name=data.TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(data.TITLE)


def open_people_like_me(page):
    page.get_by_role("region", name="Your story at a glance").get_by_role(
        "link", name="People with a story like yours").click()
    expect(page).to_have_url(re.compile(r"/stories/\d+/alike$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    cards = page.locator(".alike-card")
    # The story sharing the most with hers (both conditions, the cause, the side, massage) comes first.
    expect(cards.first.get_by_role("heading")).to_have_text(data.MOST_ALIKE)
    expect(cards.first).to_contain_text("Also tried massage therapy: helped a lot")
    # Her own story is what the others are like; it is not one of them.
    expect(cards.filter(has=page.get_by_role("link", name=data.TITLE, exact=True))).to_have_count(0)
    page.screenshot(path=screenshot_path("story-journey-alike-desktop.png"), full_page=True)


def test_a_member_tells_her_story_updates_it_and_sees_it_counted(new_page, signed_in):
    scene = data.build_others()
    page, visitor = new_page(), new_page()
    # Anything the security policy blocks, or a missing file, shows up here.
    console_errors = []
    for p in (page, visitor):
        p.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    signed_in(page, scene["teller"])

    # Five members have told how massage therapy went: two helped a lot,
    # one a little, two no change.
    before, before_csv = massage_on_what_helped(page)
    assert data.column(before, "helped a lot") == "2"
    assert data.column(before, "too early") == "0"
    assert (before_csv["members"], before_csv["helped_a_lot"], before_csv["too_early"]) == ("5", "2", "0")
    assert before_csv["share_helped"] == "0.6000"

    tell_the_story(page)
    story_address = page.url
    see_the_card(page)

    # "Too early to tell" counts her as a member who tried it, not in the share.
    told, told_csv = massage_on_what_helped(page)
    assert data.column(told, "helped a lot") == "2"
    assert data.column(told, "too early") == "1"
    assert (told_csv["members"], told_csv["helped_a_lot"], told_csv["too_early"]) == ("6", "2", "1")
    assert told_csv["share_helped"] == "0.6000"
    assert any("60%" in text for text in told.values()), told

    update_how_massage_went(page, story_address)

    updated, updated_csv = massage_on_what_helped(page)
    assert data.column(updated, "helped a lot") == "3"
    assert data.column(updated, "too early") == "0"
    assert (updated_csv["members"], updated_csv["helped_a_lot"], updated_csv["too_early"]) == ("6", "3", "0")
    assert updated_csv["share_helped"] == "0.6667"
    assert any("67%" in text for text in updated.values()), updated
    page.screenshot(path=screenshot_path("story-journey-what-helped-desktop.png"), full_page=True)

    find_it_through_the_filters(page, visitor)
    open_people_like_me(page)
    assert console_errors == []


def test_without_javascript_another_treatment_row_is_added_and_saved(no_js_page, signed_in):
    page = no_js_page
    page.set_content("<title>before</title><script>document.title = 'script ran'</script>")
    assert page.title() == "before", "this context must really have JavaScript off"
    data.make_category()
    factories.term("treatment", "massage-therapy")  # the vocabularies' starting words
    signed_in(page, factories.make_member(username=data.TELLER))

    page.goto("/stories/new")
    data.fill_thread(page)
    data.fill_account(page)
    data.fill_treatment(page, 1, MASSAGE, "Helped a lot", duration="6 sessions")
    data.fill_treatment(page, 2, "Stretching", "Helped a little")
    data.fill_treatment(page, 3, "Ice", "No change")
    page.get_by_label("Your post").fill(data.BODY)
    page.get_by_role("button", name="Add another treatment").click()

    expect(treatment_rows(page)).to_have_count(4)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_label("Your post")).to_have_value(data.BODY)
    expect(data.treatment_row(page, 3).get_by_label("Treatment", exact=True).locator("option:checked")).to_have_text("Ice")
    expect(data.treatment_row(page, 1).get_by_label("How long, or how many sessions")).to_have_value("6 sessions")
    expect(data.treatment_row(page, 4).get_by_label("Treatment", exact=True)).to_have_value("")
    data.fill_treatment(page, 4, "Walking", "Helped a little", duration="30 minutes a day")
    page.get_by_role("button", name="Post your story").click()

    expect(page).to_have_url(data.THREAD_ADDRESS)
    tried = page.get_by_role("region", name="Your story at a glance").get_by_role("table")
    expect(tried.locator("tbody tr")).to_have_count(4)
    assert data.table_figures(tried, "Walking")["How long"] == "30 minutes a day"
