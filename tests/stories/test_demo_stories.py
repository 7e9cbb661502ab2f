"""The demo's stories: enough of them, agreeing and disagreeing, that What
helped has rows worth reading and People like me finds neighbours, counted
as a rebuild would count them."""
from sqlalchemy import func, select

from forum.accounts.models import User
from forum.accounts.names import problem_with_name
from forum.demo import seed_demo
from forum.demo_stories import EXISTING, STORIES
from forum.extensions import db
from forum.stories import counting
from forum.stories.models import Story, StoryVersion, Term, TreatmentCount
from forum.stories.vocabulary import DECIDED, TIME_ALONE
from forum.threads.models import Post, Thread


def decided_reports():
    """{treatment slug: members whose report says how it went}, unfiltered."""
    rows = db.session.execute(
        select(Term.slug, func.sum(TreatmentCount.members)).join(Term, Term.id == TreatmentCount.treatment_id)
        .where(TreatmentCount.condition_id == 0, TreatmentCount.cause_id == 0, TreatmentCount.outcome.in_(DECIDED))
        .group_by(Term.slug))
    return dict(rows.tuples().all())


def listed_stories():
    return db.session.scalars(select(Story).where(Story.listed.is_(True))).all()


def test_the_demo_tells_its_stories_on_existing_threads_and_new_ones():
    seed_demo()
    stories = listed_stories()
    assert len(stories) == len(STORIES) + len(EXISTING)
    authors = {s.author.username for s in stories}
    assert {"ruth_on_ice", "hillrunner_mk", "trailmix_tess"} <= authors
    assert all(s.thread.is_story for s in stories)


def test_what_helped_has_several_treatments_with_five_reports_and_time_alone_among_them():
    seed_demo()
    reports = decided_reports()
    well_reported = {slug for slug, n in reports.items() if n >= 5}
    assert len(well_reported) >= 5, reports
    assert TIME_ALONE in well_reported


def test_the_kept_counts_equal_a_rebuild():
    seed_demo()
    kept = counting.counts_now()
    assert kept[1]
    counting.rebuild()
    db.session.commit()
    assert counting.counts_now() == kept


def test_a_story_updated_three_months_on_says_what_changed():
    seed_demo()
    updated = [s for s in listed_stories() if s.version_count > 1]
    assert updated and all(s.change_list for s in updated)
    spans = db.session.execute(
        select(func.min(StoryVersion.created_at), func.max(StoryVersion.created_at))
        .where(StoryVersion.story_id.in_([s.id for s in updated])).group_by(StoryVersion.story_id)
    ).all()
    assert max((last - first).days for first, last in spans) >= 80


def test_every_story_has_a_neighbour_with_its_condition_and_a_cause_or_treatment_in_common():
    seed_demo()
    told = {s.id: ({c.term_id for c in s.conditions}, {k.term_id for k in s.causes}, {t.term_id for t in s.treatments})
            for s in listed_stories()}

    def alike(a, b):
        return a[0] & b[0] and (a[1] & b[1] or a[2] & b[2])

    lonely = [i for i, mine in told.items() if not any(alike(mine, theirs) for j, theirs in told.items() if j != i)]
    assert lonely == []


def test_every_demo_name_passes_the_name_rules():
    seed_demo()
    names = db.session.scalars(select(User.username)).all()
    assert len(names) > len(STORIES)
    assert {name: problem_with_name(name) for name in names if problem_with_name(name)} == {}


def test_seeding_reports_what_it_added_and_a_second_time_adds_nothing():
    def count(model):
        return db.session.scalar(select(func.count()).select_from(model))

    added = seed_demo()
    assert added == {"members": count(User), "threads": count(Thread), "posts": count(Post)}
    stories = count(Story)
    assert seed_demo() == {"members": 0, "threads": 0, "posts": 0}
    assert count(Story) == stories
