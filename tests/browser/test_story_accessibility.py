"""axe-core finds no WCAG 2.1 A/AA or best-practice problems on the story
pages: telling a story (and its errors), the card on a story thread,
updating it and its versions, the story list, What helped, a treatment's
page, People like me, and the moderators' vocabularies, in light at 1280 px
and in dark at 360 px (a story sent with errors in both at both). What
helped's chart reads as a table to a screen reader."""
import re

import pytest
from playwright.sync_api import expect

from . import story_data as data
from .axe import TWO_LOOKS, assert_no_violations_in_each_look
from .screens import screenshot_path

pytestmark = pytest.mark.browser

@pytest.fixture
def scene():
    return data.build_scene()


@pytest.mark.parametrize("name", data.PAGES)
def test_story_page(axe_page, signed_in, scene, name):
    data.open_page(axe_page, signed_in, scene, name)
    axe_page.screenshot(path=screenshot_path(f"story-{name}-desktop.png"), full_page=True)
    assert_no_violations_in_each_look(axe_page, TWO_LOOKS)


def test_a_story_sent_incomplete_shows_every_error_beside_its_field(axe_page, signed_in, scene):
    data.open_page(axe_page, signed_in, scene, "tell-with-errors")
    summary = axe_page.get_by_role("alert")
    target = summary.get_by_role("link", name=re.compile("Choose at least one condition")).get_attribute("href")
    conditions = axe_page.get_by_role("group", name="Which condition or conditions?")
    expect(axe_page.locator(target)).to_have_attribute("id", conditions.get_attribute("id"))
    expect(conditions).to_have_accessible_description(re.compile(r"^Error: Choose at least one condition"))
    expect(axe_page.get_by_role("group", name="How is it now?")).to_have_accessible_description("Error: Say how it is now.")
    how_it_went = data.treatment_row(axe_page, 1).get_by_label("How it went")
    expect(how_it_went).to_have_accessible_description("Error: Say how it went.")
    expect(how_it_went).to_have_attribute("aria-invalid", "true")
    # The summary says each problem in words once, and leads to the treatment's own field.
    expect(summary.get_by_role("listitem")).to_have_count(4)
    expect(summary).not_to_contain_text("Not a valid choice")
    expect(summary).not_to_contain_text("{")
    row_error = summary.get_by_role("link", name=re.compile("Say how it went"))
    expect(axe_page.locator(row_error.get_attribute("href"))).to_have_accessible_name("How it went")
    assert_no_violations_in_each_look(axe_page)


def test_the_card_reads_as_a_region_with_a_table_of_what_was_tried(axe_page, scene):
    axe_page.goto(f"/threads/{scene['story'].thread_id}")
    card = axe_page.get_by_role("region", name="The story at a glance")
    tried = card.get_by_role("table", name="What they tried, and how it went")
    expect(tried.get_by_role("columnheader")).to_have_text(["Treatment", "How it went", "How long", "Side effects or cost"])
    expect(tried.get_by_role("rowheader")).to_have_text(["Massage therapy", "Stretching"])


def test_what_helped_reads_as_a_table_with_the_figures_the_chart_draws(axe_page, scene):
    axe_page.goto("/stories/what-helped")
    main = axe_page.locator("main")
    table = main.locator("table").first
    caption = table.locator("caption")
    expect(caption).to_have_count(1)
    expect(caption).not_to_have_text("")
    expect(table).to_have_accessible_name(re.compile(r"\S"))
    assert table.locator("thead th:not([scope=col])").count() == 0, "a column header without scope=col"
    assert table.locator("tbody th:not([scope=row])").count() == 0, "a row header without scope=row"
    expect(table.get_by_role("rowheader", name="Massage therapy")).to_have_count(1)
    # Massage: 3 helped a lot, 1 a little, 2 no change (the teller's update counted).
    massage = data.table_figures(table, "Massage therapy")
    assert data.column(massage, "helped a lot") == "3"
    assert any("67%" in text for text in massage.values()), massage

    chart = main.locator("svg").first
    if chart.get_attribute("aria-hidden") != "true":
        expect(chart).to_have_attribute("role", "img")
        expect(chart).to_have_accessible_name(re.compile(r"\S"))
    # Each bar's label and value, as drawn, are in the table's row for that treatment.
    drawn = chart.locator("g.chart-row").evaluate_all(
        "rows => rows.map(g => [g.querySelector('.chart-label').textContent, g.querySelector('.chart-value').textContent])")
    assert len(drawn) >= 2, drawn
    for label, value in drawn:
        # A long label is cut short on the chart ("…"); the table has it whole.
        treatment = label.removesuffix("…").removesuffix(", the reference").strip()
        row = table.locator("tbody tr").filter(has=axe_page.get_by_role("rowheader", name=re.compile(f"^{re.escape(treatment)}")))
        expect(row).to_have_count(1)
        expect(row).to_contain_text(value.strip())
    assert ["Massage therapy", "67%"] in [[label, value.strip()] for label, value in drawn]
