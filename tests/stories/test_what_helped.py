"""What helped: the figures, their share and likely range, the filters and
order, the time-alone reference, the chart beside its table, the CSV, and
a page that costs the same few queries however many stories there are."""
import csv
import io
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import update

from forum.extensions import db
from forum.stories import counting, helped
from forum.stories.models import StoryTreatment, Term
from forum.stories.vocabulary import TIME_ALONE
from tests.factories import make_story, term, text_of

URL = "/stories/what-helped"
TOO_FEW = "too few reports to compare"


class Tables(HTMLParser):
    """Each <table> of a page as rows of cells: (text, [link addresses])."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.cell = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self.cell = ["", []]
        elif tag == "a" and self.cell is not None:
            self.cell[1].append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.tables[-1][-1].append((" ".join(self.cell[0].split()), self.cell[1]))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data


def figures(html, table=0):
    """{first cell's text: [(text, links) of each cell]} of a table's body rows."""
    rows = Tables(html).tables[table][1:]
    return {row[0][0]: row for row in rows}


def row_order(html):
    return list(figures(html))


def chart_of(html):
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg, "page has no chart"
    return svg.group(0)


def chart_labels(svg):
    return re.findall(r'class="chart-label"[^>]*>([^<]+)<', svg)


def chart_values(svg):
    return re.findall(r'class="chart-value"[^>]*>([^<]+)<', svg)


def tell(*reports, **account):
    """One story per report list: tell(["stretching:helped_a_lot", "ice:worse"], ...)."""
    for report in reports:
        pairs = [tuple(item.split(":")) for item in ([report] if isinstance(report, str) else report)]
        make_story(treatments=pairs, **account)


def page(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# The interval and the share rule, as plain functions.

@pytest.mark.parametrize("successes, n, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:857, table II, method 3.
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (5, 10, 0.2366, 0.7634),
])
def test_wilson_matches_published_values(successes, n, low, high):
    assert helped.wilson(successes, n) == (pytest.approx(low, abs=5e-5), pytest.approx(high, abs=5e-5))


def test_wilson_is_symmetric_stays_in_range_and_widens_with_z():
    low, high = helped.wilson(3, 10)
    assert helped.wilson(7, 10) == (pytest.approx(1 - high), pytest.approx(1 - low))
    assert helped.wilson(10, 10)[1] == 1.0 and helped.wilson(0, 10)[0] == 0.0
    wide = helped.wilson(3, 10, z=2.576)
    assert wide[0] < low and wide[1] > high
    assert helped.wilson(0, 0) == (0.0, 1.0)


def test_the_share_leaves_too_early_out_and_needs_five_decided_reports():
    stretching = Term(kind="treatment", slug="stretching", label="Stretching")
    four = helped.row_of(stretching, {"helped_a_lot": 3, "worse": 1, "too_early": 6})
    assert (four.members, four.decided, four.helped) == (10, 4, 3)
    assert not four.comparable and four.share is None and four.share_text == TOO_FEW and four.interval_text == ""
    five = helped.row_of(stretching, {"helped_a_lot": 2, "helped_a_little": 1, "no_change": 1, "worse": 1, "too_early": 6})
    assert five.share == pytest.approx(0.6) and five.share_text == "60%"
    assert five.interval_text == "between 23% and 88%"


def test_the_table_keeps_time_alone_apart_and_leaves_out_untried_treatments():
    words = [Term(id=n, kind="treatment", slug=slug, label=slug.title()) for n, slug in
             enumerate(["ice", "heat", "yoga", TIME_ALONE], start=1)]
    counts = {1: {"helped_a_lot": 5, "worse": 2}, 3: {"helped_a_lot": 1, "no_change": 4, "too_early": 4}}
    table = helped.build_table(words, counts)
    assert table.reference.treatment.slug == TIME_ALONE and table.reference.members == 0
    assert [r.treatment.slug for r in table.rows] == ["yoga", "ice"]
    assert [r.treatment.slug for r in helped.build_table(words, counts, "helped").rows] == ["ice", "yoga"]
    assert helped.build_table(words, {}).empty


def test_sorting_by_share_puts_rows_too_few_to_compare_last():
    words = [Term(id=n, kind="treatment", slug=s, label=s) for n, s in enumerate(["a", "b", "c"], start=1)]
    counts = {1: {"too_early": 9, "helped_a_lot": 1}, 2: {"helped_a_lot": 1, "worse": 4}, 3: {"helped_a_little": 5}}
    assert [r.treatment.slug for r in helped.build_table(words, counts, "helped").rows] == ["c", "b", "a"]
    assert [r.treatment.slug for r in helped.build_table(words, counts, "members").rows] == ["a", "b", "c"]


@pytest.mark.parametrize("label, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tTab", "'\tTab"),
    ("Heat", "Heat"), ("Ice = cold", "Ice = cold"),
])
def test_csv_cells_that_would_run_as_formulas_are_quoted(label, cell):
    assert helped.safe_cell(label) == cell


# The page.

def test_each_treatment_shows_its_members_and_how_their_outcomes_divide(client):
    tell("stretching:helped_a_lot", "stretching:helped_a_lot", "stretching:no_change", "ice:worse")
    rows = figures(page(client))
    stretching = rows["Stretching"]
    assert [text for text, _ in stretching[1:7]] == ["3", "2", "0", "1", "0", "0"]
    assert stretching[0][1] == ["/stories/treatments/stretching"]
    assert stretching[1][1] == ["/stories/?treatment=stretching"]
    assert stretching[2][1] == ["/stories/?treatment=stretching&outcome=helped_a_lot"]
    assert stretching[4][1] == ["/stories/?treatment=stretching&outcome=no_change"]
    assert stretching[3][1] == [], "a nought links to nothing"
    assert rows["Ice"][5] == ("1", ["/stories/?treatment=ice&outcome=worse"])
    assert "Massage therapy" not in rows, "a treatment nobody tried is left out"


def test_the_page_says_these_are_reports_not_clinical_evidence(client):
    assert "what members report of their own experience, not clinical evidence" in text_of(page(client))


def test_fewer_than_five_decided_reports_show_no_share(client):
    tell(*["yoga:helped_a_lot"] * 3, "yoga:worse", "yoga:too_early", "yoga:too_early")
    share = figures(page(client))["Yoga"][7]
    assert share == (TOO_FEW, [])

    tell("yoga:no_change")
    text, links = figures(page(client))["Yoga"][7]
    assert text == "60% 3 of 5, likely between 23% and 88%"
    assert links == ["/stories/?treatment=yoga&outcome=helped"]


def test_filtering_by_condition_and_cause_changes_the_figures_and_their_links(client):
    tell("heat:helped_a_lot", conditions=["sciatica"], causes=["overuse"])
    tell("heat:worse", conditions=["low-back-pain"], causes=["sitting"])
    tell("heat:worse", conditions=["sciatica"], causes=["sitting"])

    assert figures(page(client))["Heat"][1][0] == "3"
    sciatica = figures(page(client, "?condition=sciatica"))["Heat"]
    assert [text for text, _ in sciatica[1:6]] == ["2", "1", "0", "0", "1"]
    assert sciatica[5][1] == ["/stories/?treatment=heat&outcome=worse&condition=sciatica"]
    both = page(client, "?condition=sciatica&cause=overuse")
    assert figures(both)["Heat"][2] == ("1", ["/stories/?treatment=heat&outcome=helped_a_lot&condition=sciatica&cause=overuse"])
    assert figures(both)["Heat"][5][0] == "0"
    assert "Counting stories of Sciatica and Running or other overuse" in text_of(both)
    assert '<option value="sciatica" selected>' in both


def test_a_filter_nobody_matches_says_so(client):
    tell("heat:helped_a_lot", conditions=["sciatica"])
    html = page(client, "?condition=hip-pain")
    assert "No member has said how a treatment went among these stories yet." in text_of(html)
    assert "<table" not in html


def test_sorting_by_the_share_it_helped(client):
    # Ice: most members, a third helped. Heat: five, all helped. Yoga: six, too early to compare.
    tell(*[["ice:helped_a_lot", "yoga:too_early"]] * 2, *[["ice:worse", "yoga:too_early"]] * 4,
         *[["heat:helped_a_little", "ice:no_change"]] * 5)
    assert row_order(page(client))[1:] == ["Ice", "Yoga", "Heat"]
    by_share = page(client, "?sort=helped")
    assert row_order(by_share)[1:] == ["Heat", "Ice", "Yoga"]
    assert "largest share helped first" in text_of(by_share)


def test_time_alone_is_the_reference_row_first_and_a_line_on_the_chart(client):
    tell(*["time-alone:helped_a_little"] * 2, *["time-alone:no_change"] * 3, *[["heat:helped_a_lot"]] * 9)
    html = page(client, "?sort=helped")
    assert row_order(html) == ["Time alone (no treatment) Reference", "Heat"]
    assert figures(html)["Time alone (no treatment) Reference"][7][0].startswith("40%")
    svg = chart_of(html)
    assert chart_labels(svg)[0] == "Time alone (no treatment), the reference"
    # The dashed line stands at 40% of the plot: 4 + 0.4 * 270.
    assert re.search(r'<line x1="112.0" y1="\d+" x2="112.0" y2="\d+" stroke="#8a4b00" stroke-width="2" stroke-dasharray', svg)
    assert "Dashed: time alone (40%)" in svg


def test_time_alone_is_shown_even_before_anyone_reports_it_but_draws_no_line(client):
    tell(*["heat:helped_a_lot"] * 5)
    html = page(client)
    assert figures(html)["Time alone (no treatment) Reference"][7] == (TOO_FEW, [])
    assert "stroke-dasharray" not in chart_of(html)


def test_the_chart_and_the_table_carry_the_same_figures(client):
    tell(*[["ice:helped_a_lot", "heat:worse", "time-alone:no_change"]] * 3,
         *[["ice:no_change", "heat:worse", "yoga:helped_a_lot", "time-alone:helped_a_lot"]] * 3)
    html = page(client)
    svg = chart_of(html)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    rows = figures(html)
    labels = [name.removesuffix(" Reference") for name in rows]
    assert chart_labels(svg) == [labels[0] + ", the reference", *labels[1:]]
    assert chart_values(svg) == [cells[7][0].split(" ")[0] if cells[7][0] != TOO_FEW else TOO_FEW for cells in rows.values()]
    assert chart_values(svg) == ["50%", "0%", "50%", TOO_FEW]
    assert '<caption id="figures-caption">' in html and '<th scope="row">' in html and '<th scope="col">' in html


# The CSV.

def test_the_csv_has_the_pages_figures(client):
    tell(*[["ice:helped_a_lot", "time-alone:worse"]] * 4, *[["ice:too_early", "time-alone:no_change"]] * 2,
         "ice:worse", conditions=["sciatica"])
    tell("ice:worse", conditions=["hip-pain"])
    response = client.get("/stories/what-helped.csv?condition=sciatica")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="what-helped-sciatica.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["treatment", "members", "helped_a_lot", "helped_a_little", "no_change", "worse", "too_early",
                       "share_helped", "interval_low", "interval_high"]
    assert rows[1] == ["Time alone (no treatment)", "6", "0", "0", "2", "4", "0", "0.0000", "0.0000", "0.3903"]
    assert rows[2][:7] == ["Ice", "7", "4", "0", "0", "1", "2"]

    shown = figures(page(client, "?condition=sciatica"))["Ice"]
    assert [text for text, _ in shown[1:7]] == rows[2][1:7]
    low, high = float(rows[2][8]), float(rows[2][9])
    assert shown[7][1] == ["/stories/?treatment=ice&outcome=helped&condition=sciatica"]
    assert shown[7][0] == f"{helped.percent(float(rows[2][7]))} 4 of 5, likely between {helped.percent(low)} and {helped.percent(high)}"


def test_the_csv_leaves_the_share_empty_when_too_few_and_quotes_formula_labels(client):
    tell("heat:helped_a_lot")
    heat = term("treatment", "heat")
    heat.label = "=cmd|' /C calc'!A0"
    db.session.commit()
    rows = list(csv.reader(io.StringIO(client.get("/stories/what-helped.csv").get_data(as_text=True))))
    assert rows[2] == ["'=cmd|' /C calc'!A0", "1", "1", "0", "0", "0", "0", "", "", ""]


# Addresses.

def merge(kind, old_label, old_slug, into_slug):
    """`old_slug` merged into `into_slug` the way the moderators' merge
    leaves it: the pointer set, the stories' rows moved, the counts rebuilt."""
    survivor = term(kind, into_slug)
    old = db.session.query(Term).filter_by(kind=kind, slug=old_slug).one_or_none()
    if old is None:
        old = Term(kind=kind, slug=old_slug, label=old_label)
        db.session.add(old)
        db.session.flush()
    if kind == "treatment":
        db.session.execute(update(StoryTreatment).where(StoryTreatment.term_id == old.id).values(term_id=survivor.id))
    old.merged_into_id = survivor.id
    counting.rebuild()
    db.session.commit()
    return old


def test_a_merged_condition_or_cause_redirects_to_the_survivors_address(client):
    merge("condition", "Sciatic pain", "sciatic-pain", "sciatica")
    merge("cause", "Jogging", "jogging", "overuse")
    response = client.get(URL + "?condition=sciatic-pain&cause=jogging&sort=helped")
    assert response.status_code == 301
    assert response.headers["Location"] == "/stories/what-helped?condition=sciatica&cause=overuse&sort=helped"
    csv_response = client.get("/stories/what-helped.csv?cause=jogging")
    assert csv_response.status_code == 301
    assert csv_response.headers["Location"] == "/stories/what-helped.csv?cause=overuse"


def test_a_merged_treatments_members_count_under_the_survivor(client):
    db.session.add(Term(kind="treatment", slug="foam-rolling", label="Foam rolling"))
    db.session.commit()
    tell("foam-rolling:helped_a_lot", "self-massage:worse")
    assert figures(page(client))["Foam rolling"][1][0] == "1"
    merge("treatment", "Foam rolling", "foam-rolling", "self-massage")
    rows = figures(page(client))
    assert "Foam rolling" not in rows
    assert [text for text, _ in rows["Self-massage (foam roller or ball)"][1:6]] == ["2", "1", "0", "0", "1"]


@pytest.mark.parametrize("query", ["?condition=no-such-thing", "?cause=sciatica", "?condition=overuse"])
def test_an_unknown_filter_is_not_found(client, query):
    term("condition", "sciatica")  # every vocabulary seeded: "overuse" is a cause, "sciatica" a condition
    assert client.get(URL + query).status_code == 404
    assert client.get("/stories/what-helped.csv" + query).status_code == 404


def test_an_unknown_order_is_read_as_the_default(client):
    tell("ice:helped_a_lot", "ice:worse", "heat:worse")
    assert row_order(page(client, "?sort=nonsense")) == row_order(page(client))


# What a page costs.

# The vocabularies, the counts for the chosen condition and cause, and the
# footer's disclaimer: the same whatever the filters and however many stories.
WHAT_HELPED_QUERIES = 3


def test_what_helped_costs_the_same_few_queries_for_one_story_or_twenty(client, page_queries):
    tell("ice:helped_a_lot", conditions=["sciatica"], causes=["overuse"])
    one, statements = page_queries(URL + "?condition=sciatica&cause=overuse")
    assert one.status_code == 200 and len(statements) == WHAT_HELPED_QUERIES

    slugs = ["heat", "yoga", "walking", "surgery", "time-alone"]
    tell(*[[f"{slugs[n % 5]}:no_change", "ice:worse"] for n in range(19)], conditions=["sciatica"], causes=["overuse"])
    for url in (URL, URL + "?condition=sciatica&cause=overuse&sort=helped"):
        many, statements = page_queries(url)
        assert many.status_code == 200 and len(statements) == WHAT_HELPED_QUERIES, url
        assert figures(many.get_data(as_text=True))["Ice"][1][0] == "20"
    assert [s for s in statements if "story_treatments" in s or "FROM stories" in s] == []


def test_the_csv_costs_two_queries(client, page_queries):
    tell(*[["ice:helped_a_lot", "heat:worse"]] * 6)
    response, statements = page_queries("/stories/what-helped.csv")
    assert response.status_code == 200 and len(statements) == 2
