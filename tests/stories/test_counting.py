"""The counting rules of What helped and the story list, and that the
counts kept on every change equal a rebuild from the stories themselves."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.moderation import services as moderation
from forum.stories import counting, services
from forum.stories.models import Story, TreatmentCount
from tests.factories import make_member, make_moderator, make_story, story_account, term


def members_reporting(treatment, outcome=None, condition=0, cause=0):
    """What helped's count of members for a treatment (and outcome)."""
    query = select(TreatmentCount.outcome, TreatmentCount.members).where(
        TreatmentCount.treatment_id == term("treatment", treatment).id,
        TreatmentCount.condition_id == condition, TreatmentCount.cause_id == cause)
    rows = dict(db.session.execute(query).tuples().all())
    return rows.get(outcome, 0) if outcome else sum(rows.values())


def assert_rebuild_agrees():
    kept = counting.counts_now()
    counting.rebuild()
    db.session.commit()
    assert counting.counts_now() == kept


def test_a_story_counts_each_treatment_once():
    make_story(treatments=[("stretching", "helped_a_lot"), ("ice", "no_change")])
    assert members_reporting("stretching", "helped_a_lot") == 1
    assert members_reporting("ice", "no_change") == 1
    assert members_reporting("massage-therapy") == 0
    assert_rebuild_agrees()


def test_an_update_counts_once_under_its_new_outcome():
    story = make_story(treatments=[("massage-therapy", "too_early")])
    services.update_story(story.author, story, story_account(treatments=[("massage-therapy", "helped_a_lot")]))
    assert members_reporting("massage-therapy") == 1
    assert members_reporting("massage-therapy", "helped_a_lot") == 1
    assert members_reporting("massage-therapy", "too_early") == 0
    assert_rebuild_agrees()


def test_a_member_with_two_stories_counts_once_by_the_latest_report():
    ana = make_member()
    make_story(author=ana, treatments=[("stretching", "no_change")])
    make_story(author=ana, treatments=[("stretching", "helped_a_little")])
    assert members_reporting("stretching") == 1
    assert members_reporting("stretching", "helped_a_little") == 1
    assert_rebuild_agrees()


def test_filters_by_condition_and_cause_count_the_story_under_each():
    make_story(conditions=["sciatica", "piriformis-syndrome"], causes=["sitting"], treatments=[("yoga", "helped_a_lot")])
    sciatica, piriformis = term("condition", "sciatica").id, term("condition", "piriformis-syndrome").id
    sitting, running = term("cause", "sitting").id, term("cause", "overuse").id
    assert members_reporting("yoga", condition=sciatica) == 1
    assert members_reporting("yoga", condition=piriformis, cause=sitting) == 1
    assert members_reporting("yoga", cause=running) == 0


def test_withdrawn_stories_do_not_count():
    story = make_story(treatments=[("heat", "helped_a_lot")])
    services.withdraw_story(story.author, story)
    assert members_reporting("heat") == 0
    assert db.session.get(Story, story.id).listed is False
    assert_rebuild_agrees()


def test_a_hidden_story_does_not_count_until_restored():
    story = make_story(treatments=[("heat", "helped_a_lot")])
    first_post = story.thread.first_post_id
    moderator = make_moderator()
    from forum.threads.models import Post

    post = db.session.get(Post, first_post)
    moderation.hide_post(moderator, post, "Selling a cure")
    assert members_reporting("heat") == 0
    assert_rebuild_agrees()
    moderation.restore_post(moderator, db.session.get(Post, first_post), "Checked: it's fine")
    assert members_reporting("heat") == 1
    assert_rebuild_agrees()


@pytest.mark.parametrize("outcomes", [["helped_a_lot"] * 3, ["no_change", "worse", "helped_a_little", "too_early"]])
def test_many_members_add_up(outcomes):
    for outcome in outcomes:
        make_story(treatments=[("acupuncture", outcome)])
    assert members_reporting("acupuncture") == len(outcomes)
    assert_rebuild_agrees()
