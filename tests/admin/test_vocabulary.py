"""The vocabulary pages, as a moderator uses them: adding, renaming and
merging entries, and who is refused."""
import json
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.stories import queries
from forum.stories.models import Term
from tests import factories
from tests.conftest import form_post
from tests.factories import audit_entries, make_story, term, text_of
from tests.stories.test_counting import assert_rebuild_agrees, members_reporting

from .factories import everything

PAGE = "/admin/vocabulary"


def input_value(html, name):
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{re.escape(name)}"[^>]*>([^<]*)', html)
    assert tag, f"no field {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0).split(">")[0])
    return unescape(value.group(1) if value else tag.group(1)).strip()


def error_beside(html, field_id):
    """The error shown under a field, or None."""
    found = re.search(rf'<p class="error-message" id="{re.escape(field_id)}-error">(.*?)</p>', html, re.S)
    return text_of(found.group(1)).removeprefix("Error: ") if found else None


def selected(html, name):
    select_tag = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    found = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select_tag)
    return found and (found.group(1) or found.group(2))


def options(html, name):
    select_tag = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return [unescape(label) for value, label in re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', select_tag) if value]


def row_of(html, entry):
    row = re.search(rf'<tr id="term-{entry.id}">.*?</tr>', html, re.S)
    return text_of(row.group(0)) if row else None


# The list.

def test_the_page_lists_each_vocabulary_with_its_stories(moderator_client):
    make_story(conditions=["sciatica"], treatments=[("stretching", "helped_a_lot"), ("ice", "no_change")])
    make_story(conditions=["sciatica", "hip-pain"], treatments=[("stretching", "worse")])
    html = moderator_client.get(PAGE).get_data(as_text=True)
    assert row_of(html, term("condition", "sciatica")).startswith("Sciatica sciatica 2 Rename")
    assert row_of(html, term("treatment", "stretching")).startswith("Stretching stretching 2")
    assert row_of(html, term("treatment", "heat")).startswith("Heat heat 0")
    for kind in ("condition", "cause", "treatment"):
        assert f'action="/admin/vocabulary/{kind}/add_term"' in html
    assert 'href="/admin/vocabulary"' in html and 'aria-current="page"' in html


def test_time_alone_can_be_renamed_but_not_merged_away(moderator_client):
    time_alone = term("treatment", "time-alone")
    row = re.search(rf'<tr id="term-{time_alone.id}">.*?</tr>', moderator_client.get(PAGE).get_data(as_text=True), re.S).group(0)
    assert f"/admin/vocabulary/{time_alone.id}/rename" in row and "/merge" not in row
    merge_page = moderator_client.get(f"/admin/vocabulary/{time_alone.id}/merge").get_data(as_text=True)
    assert "can't be merged away" in merge_page and "/merge_terms" not in merge_page


def test_the_page_costs_the_same_however_many_entries_and_stories(moderator_client, moderator, count_queries):
    make_story()
    with count_queries() as few:
        moderator_client.get(PAGE)
    from forum.stories.vocabulary_services import add_term, merge_terms

    for n in range(4):
        make_story(conditions=["hip-pain"], treatments=[("yoga", "helped_a_lot"), ("heat", "no_change")])
        add_term(moderator, "treatment", f"New treatment {n}")
    merge_terms(moderator, term("treatment", "ice"), term("treatment", "heat"), "Same advice.")
    with count_queries() as many:
        html = moderator_client.get(PAGE).get_data(as_text=True)
    assert few.count == many.count
    assert "<li>Ice (<code>ice</code>) → Heat</li>" in html


# Adding.

def test_a_moderator_adds_an_entry(moderator_client, moderator):
    term("treatment", "heat")
    response = form_post(moderator_client, f"{PAGE}/treatment/add_term", {"treatment-label": "Dry needling"}, page=PAGE)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == PAGE
    added = db.session.scalar(select(Term).where(Term.label == "Dry needling"))
    assert (added.kind, added.slug) == ("treatment", "dry-needling")
    [entry] = audit_entries()
    assert (entry.action, entry.actor_id, entry.target_id) == ("add_term", moderator.id, added.id)
    assert json.loads(entry.snapshot) == {"term_id": added.id, "kind": "treatment", "slug": "dry-needling", "label": "Dry needling"}
    html = moderator_client.get(PAGE).get_data(as_text=True)
    assert "“Dry needling” is added" in html and row_of(html, added).startswith("Dry needling dry-needling 0")


def test_a_refused_name_comes_back_filled_in_with_the_error_beside_it(moderator_client):
    term("treatment", "stretching")
    response = form_post(moderator_client, f"{PAGE}/treatment/add_term",
                         {"treatment-label": "STRETCHING", "treatment-slug": "stretch-more"}, page=PAGE)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_beside(html, "treatment-label") == "The treatments already have an entry called “STRETCHING”."
    assert input_value(html, "treatment-label") == "STRETCHING"
    assert input_value(html, "treatment-slug") == "stretch-more"
    # The other vocabularies' forms are untouched.
    assert error_beside(html, "condition-label") is None and input_value(html, "condition-label") == ""
    assert audit_entries() == []


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"cause-label": ""}, "cause-label", "Write the entry's name."),
    ({"cause-label": "Whiplash", "cause-slug": "Whip Lash"}, "cause-slug",
     "Use lowercase letters, digits and single hyphens, such as “dry-needling”."),
])
def test_other_errors_show_beside_their_fields(moderator_client, data, field, message):
    term("cause", "fall")
    response = form_post(moderator_client, f"{PAGE}/cause/add_term", data, page=PAGE)
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), field) == message


# Renaming.

def test_a_moderator_renames_an_entry_and_its_address_stays(moderator_client, moderator):
    nsaids = term("treatment", "nsaids")
    page = f"/admin/vocabulary/{nsaids.id}/rename"
    assert input_value(moderator_client.get(page).get_data(as_text=True), "label") == "NSAIDs (ibuprofen, naproxen)"
    response = form_post(moderator_client, f"/admin/vocabulary/{nsaids.id}/rename_term",
                         {"label": "Anti-inflammatories", "reason": "Plainer."}, page=page)
    assert response.status_code == 302
    renamed = factories.reload(nsaids)
    assert (renamed.label, renamed.slug) == ("Anti-inflammatories", "nsaids")
    [entry] = audit_entries()
    assert (entry.action, entry.target_id, entry.reason) == ("rename_term", nsaids.id, "Plainer.")
    assert json.loads(entry.snapshot) == {"term_id": nsaids.id, "kind": "treatment", "slug": "nsaids",
                                          "label": "NSAIDs (ibuprofen, naproxen)", "renamed_to": "Anti-inflammatories"}


def test_a_refused_rename_comes_back_filled_in(moderator_client):
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    page = f"/admin/vocabulary/{ice.id}/rename"
    response = form_post(moderator_client, f"/admin/vocabulary/{ice.id}/rename_term",
                         {"label": "heat", "reason": "Tidying."}, page=page)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_beside(html, "label") == "The treatments already have an entry called “heat”."
    assert input_value(html, "label") == "heat" and input_value(html, "reason") == "Tidying."
    assert factories.reload(ice).label == "Ice" and factories.reload(heat).label == "Heat"


# Merging.

def test_the_merge_page_says_how_many_stories_move_and_offers_the_same_vocabulary(moderator_client):
    make_story(treatments=[("ice", "helped_a_little")])
    make_story(treatments=[("ice", "no_change"), ("heat", "helped_a_lot")])
    ice = term("treatment", "ice")
    html = moderator_client.get(f"/admin/vocabulary/{ice.id}/merge").get_data(as_text=True)
    assert "2 stories name “Ice”. Merging moves them to the entry you choose" in text_of(html)
    offered = options(html, "into")
    assert "Heat" in offered and "Ice" not in offered and "Sciatica" not in offered
    assert offered[-1] == "Time alone (no treatment)"


def test_a_moderator_merges_and_every_report_moves(moderator_client, moderator):
    both = factories.make_member()
    make_story(author=both, treatments=[("ice", "helped_a_little")])
    make_story(author=both, treatments=[("heat", "helped_a_lot")])
    make_story(treatments=[("ice", "worse")])
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    response = form_post(moderator_client, f"/admin/vocabulary/{ice.id}/merge_terms",
                         {"into": str(heat.id), "reason": "Readers mean the same."}, page=f"/admin/vocabulary/{ice.id}/merge")
    assert response.status_code == 302
    # The member who reported both counts once, by their latest report.
    assert members_reporting("heat") == 2 and members_reporting("heat", "helped_a_lot") == 1
    assert members_reporting("ice") == 0
    assert_rebuild_agrees()
    assert "Ice" not in [t.label for t in queries.terms("treatment")]
    assert queries.term_by_slug("treatment", "ice").id == heat.id
    [entry] = audit_entries()
    assert (entry.action, entry.target_id, entry.reason) == ("merge_terms", ice.id, "Readers mean the same.")
    assert json.loads(entry.snapshot)["merged_into"]["label"] == "Heat"
    assert json.loads(entry.snapshot)["stories"] == 2
    html = moderator_client.get(PAGE).get_data(as_text=True)
    assert "“Ice” is merged into “Heat”" in html and row_of(html, heat).startswith("Heat heat 3")


def test_a_merge_without_a_reason_comes_back_with_the_choice_kept(moderator_client):
    story = make_story(treatments=[("ice", "helped_a_little")])
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    before = everything()
    response = form_post(moderator_client, f"/admin/vocabulary/{ice.id}/merge_terms", {"into": str(heat.id), "reason": ""},
                         page=f"/admin/vocabulary/{ice.id}/merge")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_beside(html, "reason") == "Give a reason: it goes in the audit log."
    assert selected(html, "into") == str(heat.id)
    assert everything() == before and story.id


def test_a_merge_into_an_entry_no_longer_offered_is_refused_beside_the_choice(moderator_client, moderator):
    from forum.stories.vocabulary_services import merge_terms

    ice, heat, rest = term("treatment", "ice"), term("treatment", "heat"), term("treatment", "rest")
    merge_terms(moderator, heat, rest, "Same advice.")
    response = form_post(moderator_client, f"/admin/vocabulary/{ice.id}/merge_terms", {"into": str(heat.id), "reason": "Tidy."},
                         page=f"/admin/vocabulary/{ice.id}/merge")
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), "into") == "Not a valid choice."
    assert factories.reload(ice).merged_into_id is None


def test_a_merged_entrys_pages_say_where_it_went(moderator_client, moderator):
    from forum.stories.vocabulary_services import merge_terms

    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    merge_terms(moderator, ice, heat, "Same advice.")
    for page in (f"/admin/vocabulary/{ice.id}/rename", f"/admin/vocabulary/{ice.id}/merge"):
        html = moderator_client.get(page).get_data(as_text=True)
        assert "“Ice” was merged into “Heat”" in html and "<form method=\"post\" action=\"/admin/vocabulary" not in html


def test_an_unknown_entry_is_404(moderator_client):
    for page in ("/admin/vocabulary/999999/rename", "/admin/vocabulary/999999/merge"):
        assert moderator_client.get(page).status_code == 404


# Who is refused.

def _addresses():
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    gets = [PAGE, f"{PAGE}/{ice.id}/rename", f"{PAGE}/{ice.id}/merge"]
    posts = [(f"{PAGE}/treatment/add_term", {"treatment-label": "Dry needling"}),
             (f"{PAGE}/{ice.id}/rename_term", {"label": "Cold"}),
             (f"{PAGE}/{ice.id}/merge_terms", {"into": str(heat.id), "reason": "Same."})]
    return gets, posts


def test_a_member_is_refused_every_page_and_action(client_for, member):
    browser = client_for(member)
    gets, posts = _addresses()
    before = everything()
    for url in gets:
        assert browser.get(url).status_code == 403, url
    for url, data in posts:
        assert form_post(browser, url, data).status_code == 403, url
    assert everything() == before


def test_a_visitor_is_sent_to_sign_in(client):
    gets, posts = _addresses()
    before = everything()
    for url in gets:
        response = client.get(url)
        assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login", url
    for url, data in posts:
        response = form_post(client, url, data)
        assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/auth/login", url
    assert everything() == before
