"""Moderators add, rename and merge vocabulary entries: each verb's happy
path and refusals, and that a merge moves every report and the counts follow."""
import json

import pytest
from sqlalchemy import select

from forum.errors import NotFound, PermissionDenied, Refused
from forum.extensions import db
from forum.stories import queries, services
from forum.stories.models import Story, StoryCondition, StoryTreatment, StoryVersion, Term
from forum.stories.queries import Filters
from forum.stories.vocabulary import KINDS
from forum.stories.vocabulary_services import LINKS, add_term, merge_terms, rename_term
from tests.factories import audit_entries, fresh, make_member, make_story, story_account, term
from tests.stories.test_counting import assert_rebuild_agrees, members_reporting


def labels(kind):
    return [t.label for t in queries.terms(kind)]


def refusal(verb, *args, **kwargs):
    """The refusal `verb` raises; proves nothing was saved (no audit entry)."""
    before = len(audit_entries())
    with pytest.raises(Refused) as refused:
        verb(*args, **kwargs)
    db.session.rollback()
    assert len(audit_entries()) == before
    return refused.value


def treatments_of(story):
    return [(t.term.slug, t.outcome, t.note) for t in fresh(
        select(StoryTreatment).where(StoryTreatment.story_id == story.id).order_by(StoryTreatment.position))]


def conditions_of(story):
    return sorted(c.term_id for c in fresh(select(StoryCondition).where(StoryCondition.story_id == story.id)))


def test_every_vocabulary_has_its_story_links():
    assert set(LINKS) == set(KINDS)


# Adding.

def test_a_moderator_adds_an_entry_that_is_offered_at_once(moderator):
    term("treatment", "heat")
    added = add_term(moderator, "treatment", "  Dry   needling ")
    assert (added.label, added.slug, added.kind) == ("Dry needling", "dry-needling", "treatment")
    assert "Dry needling" in labels("treatment")
    assert labels("treatment")[-1] == "Time alone (no treatment)"
    [entry] = audit_entries("add_term")
    assert json.loads(entry.snapshot) == {"term_id": added.id, "kind": "treatment", "slug": "dry-needling", "label": "Dry needling"}


def test_a_taken_address_is_numbered_and_a_given_one_is_kept(moderator):
    term("treatment", "heat")
    assert add_term(moderator, "treatment", "Heat!").slug == "heat-2"
    assert add_term(moderator, "treatment", "Heat?").slug == "heat-3"
    assert add_term(moderator, "treatment", "Trigger point injection", slug="tpi").slug == "tpi"
    assert add_term(moderator, "condition", "Ишиас").slug == "condition"


def test_the_same_name_in_another_vocabulary_is_fine(moderator):
    term("treatment", "surgery")
    assert add_term(moderator, "cause", "Surgery").kind == "cause"


@pytest.mark.parametrize(("label", "slug", "field"), [
    ("X", None, "label"),
    ("x" * 81, None, "label"),
    ("   ", None, "label"),
    ("STRETCHING", None, "label"),
    ("Dry needling", "Dry Needling!", "slug"),
    ("Dry needling", "dry--needling", "slug"),
    ("Dry needling", "stretching", "slug"),
])
def test_adding_refuses_bad_names_and_addresses(moderator, label, slug, field):
    term("treatment", "stretching")
    assert refusal(add_term, moderator, "treatment", label, slug=slug).field == field
    assert db.session.scalar(select(Term).where(Term.label == label)) is None


def test_adding_refuses_an_unknown_vocabulary_and_a_member(moderator, member):
    assert refusal(add_term, moderator, "symptom", "Tingling").message == "There is no such vocabulary."
    with pytest.raises(PermissionDenied):
        add_term(member, "treatment", "Dry needling")


def test_a_merged_entrys_address_stays_taken(moderator):
    physio = add_term(moderator, "treatment", "Physio")
    merge_terms(moderator, physio, term("treatment", "physical-therapy"), "Same thing.")
    assert refusal(add_term, moderator, "treatment", "Physiotherapy", slug="physio").field == "slug"
    # The name itself is free again: it is no longer offered.
    assert add_term(moderator, "treatment", "Physio").slug == "physio-2"


# Renaming.

def test_renaming_keeps_the_address_and_the_stories_words(moderator):
    story = make_story(treatments=[("nsaids", "helped_a_little")])
    nsaids = term("treatment", "nsaids")
    rename_term(moderator, nsaids, "Anti-inflammatories (NSAIDs)", "Clearer for readers.")
    assert (nsaids.label, nsaids.slug) == ("Anti-inflammatories (NSAIDs)", "nsaids")
    assert queries.term_by_slug("treatment", "nsaids").label == "Anti-inflammatories (NSAIDs)"
    assert treatments_of(story) == [("nsaids", "helped_a_little", "")]
    [version] = fresh(select(StoryVersion).where(StoryVersion.story_id == story.id))
    assert version.account_data["treatments"][0]["name"] == "NSAIDs (ibuprofen, naproxen)"
    [entry] = audit_entries("rename_term")
    assert entry.reason == "Clearer for readers."
    assert json.loads(entry.snapshot)["label"] == "NSAIDs (ibuprofen, naproxen)"
    assert json.loads(entry.snapshot)["renamed_to"] == "Anti-inflammatories (NSAIDs)"


def test_a_change_of_case_is_a_rename(moderator):
    heat = term("treatment", "heat")
    rename_term(moderator, heat, "HEAT")
    assert heat.label == "HEAT"


def test_renaming_refuses_its_own_name_anothers_and_a_merged_entry(moderator, member):
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    assert refusal(rename_term, moderator, ice, "Ice").message == "That is its name already."
    assert refusal(rename_term, moderator, ice, "heat").field == "label"
    assert refusal(rename_term, moderator, ice, "I").field == "label"
    merge_terms(moderator, ice, heat, "Cold and heat are one entry now.")
    assert "merged into “Heat”" in refusal(rename_term, moderator, ice, "Cold").message
    with pytest.raises(PermissionDenied):
        rename_term(member, heat, "Warmth")


# Merging.

def test_merging_moves_every_report_and_the_counts_follow(moderator):
    both_stories = make_member()
    make_story(author=both_stories, treatments=[("myofascial-release", "helped_a_lot")])
    make_story(author=both_stories, treatments=[("massage-therapy", "no_change")])
    one_story = make_story(treatments=[("massage-therapy", "too_early"), ("myofascial-release", "helped_a_little")])
    only_merged = make_story(treatments=[("myofascial-release", "worse")])
    make_story(treatments=[("massage-therapy", "helped_a_lot")])
    assert members_reporting("massage-therapy") == 3 and members_reporting("myofascial-release") == 3

    merge_terms(moderator, term("treatment", "myofascial-release"), term("treatment", "massage-therapy"), "One therapy.")

    # Four members, each counted once: the one with two stories by their latest report.
    assert members_reporting("massage-therapy") == 4
    assert members_reporting("myofascial-release") == 0
    assert members_reporting("massage-therapy", "no_change") == 1
    assert members_reporting("massage-therapy", "worse") == 1
    # A story that named both keeps one row, with the report that says how it went.
    assert treatments_of(one_story) == [("massage-therapy", "helped_a_little", "")]
    assert treatments_of(only_merged) == [("massage-therapy", "worse", "")]
    assert queries.count_of(Filters(treatment=term("treatment", "massage-therapy"))) == 5
    assert_rebuild_agrees()


def test_a_story_naming_both_keeps_the_survivors_row_when_both_say_how_it_went(moderator):
    story = make_story(treatments=[("massage-therapy", "no_change", "", "Hurt the next day"),
                                   ("myofascial-release", "helped_a_lot", "", "Cheap")])
    merge_terms(moderator, term("treatment", "myofascial-release"), term("treatment", "massage-therapy"), "One therapy.")
    assert treatments_of(story) == [("massage-therapy", "no_change", "Hurt the next day")]
    assert members_reporting("massage-therapy") == 1
    assert_rebuild_agrees()


def test_merging_conditions_moves_stories_and_filters(moderator):
    both = make_story(conditions=["sciatica", "piriformis-syndrome"])
    merged_only = make_story(conditions=["piriformis-syndrome"], treatments=[("yoga", "helped_a_lot")])
    sciatica, piriformis = term("condition", "sciatica"), term("condition", "piriformis-syndrome")
    merge_terms(moderator, piriformis, sciatica, "Readers use one word.")
    assert conditions_of(both) == conditions_of(merged_only) == [sciatica.id]
    assert queries.count_of(Filters(condition=sciatica)) == 2
    assert members_reporting("yoga", condition=sciatica.id) == 1
    assert members_reporting("yoga", condition=piriformis.id) == 0
    assert_rebuild_agrees()


def test_a_merged_entry_is_no_longer_offered_and_its_address_leads_to_the_survivor(moderator):
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    merge_terms(moderator, ice, heat, "Same advice.")
    assert "Ice" not in labels("treatment") and "Heat" in labels("treatment")
    assert ice.id not in [t.id for t in queries.all_terms()["treatment"]]
    assert queries.term_by_slug("treatment", "ice").id == heat.id
    with pytest.raises(NotFound):
        queries.term_by_slug("condition", "ice")


def test_entries_merged_earlier_follow_to_the_new_survivor(moderator):
    ice, heat, rest = term("treatment", "ice"), term("treatment", "heat"), term("treatment", "rest")
    merge_terms(moderator, ice, heat, "Same advice.")
    merge_terms(moderator, heat, rest, "Same advice again.")
    assert db.session.get(Term, ice.id).merged_into_id == rest.id
    assert queries.term_by_slug("treatment", "ice").id == rest.id


def test_a_story_told_again_names_the_survivor_and_keeps_its_history(moderator):
    story = make_story(treatments=[("ice", "helped_a_little")])
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    merge_terms(moderator, ice, heat, "Same advice.")
    story = db.session.get(Story, story.id)
    services.update_story(story.author, story, story_account(treatments=[("heat", "helped_a_lot")]))
    first, second = fresh(select(StoryVersion).where(StoryVersion.story_id == story.id).order_by(StoryVersion.number))
    assert first.account_data["treatments"][0]["name"] == "Ice"
    assert second.change_list == ["Heat: helped a little → helped a lot"]
    assert_rebuild_agrees()


def test_merging_records_the_entry_the_survivor_and_the_stories_moved(moderator):
    make_story(treatments=[("ice", "helped_a_little")])
    make_story(treatments=[("ice", "no_change")])
    ice, heat = term("treatment", "ice"), term("treatment", "heat")
    merge_terms(moderator, ice, heat, "  Same advice.  ")
    [entry] = audit_entries("merge_terms")
    assert (entry.target_type, entry.target_id, entry.reason) == ("term", ice.id, "Same advice.")
    assert json.loads(entry.snapshot) == {
        "term_id": ice.id, "kind": "treatment", "slug": "ice", "label": "Ice", "stories": 2,
        "merged_into": {"term_id": heat.id, "kind": "treatment", "slug": "heat", "label": "Heat"}}


def test_merging_refuses_what_cannot_be_merged(moderator):
    ice, heat, rest = term("treatment", "ice"), term("treatment", "heat"), term("treatment", "rest")
    time_alone, sciatica = term("treatment", "time-alone"), term("condition", "sciatica")
    assert refusal(merge_terms, moderator, ice, ice, "Oops.").field == "into"
    assert refusal(merge_terms, moderator, ice, sciatica, "Oops.").field == "into"
    assert refusal(merge_terms, moderator, ice, heat, "  ").field == "reason"
    assert "can't be merged away" in refusal(merge_terms, moderator, time_alone, rest, "Oops.").message
    merge_terms(moderator, ice, heat, "Same advice.")
    assert "merged into “Heat”" in refusal(merge_terms, moderator, ice, rest, "Again.").message
    assert refusal(merge_terms, moderator, rest, db.session.get(Term, ice.id), "Into the old one.").field == "into"
    assert queries.term_by_slug("treatment", "ice").id == heat.id


def test_another_entry_may_be_merged_into_time_alone(moderator):
    make_story(treatments=[("rest", "helped_a_little")])
    merge_terms(moderator, term("treatment", "rest"), term("treatment", "time-alone"), "Rest is waiting it out.")
    assert members_reporting("time-alone") == 1
    assert_rebuild_agrees()


def test_a_member_may_not_merge_and_nothing_moves(member):
    story = make_story(treatments=[("ice", "helped_a_little")])
    with pytest.raises(PermissionDenied):
        merge_terms(member, term("treatment", "ice"), term("treatment", "heat"), "Mine.")
    assert treatments_of(story) == [("ice", "helped_a_little", "")]
    assert audit_entries() == []
