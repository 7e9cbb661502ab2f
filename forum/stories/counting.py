"""The counts behind the story list and What helped, kept in step with the
stories they count.

Every change that can move a count (telling, updating or withdrawing a
story, hiding or deleting its first post, merging vocabulary) runs inside
`recounting(member_ids)`: it takes those members' contribution to the counts
before the change and after it, and adds the difference in SQL
(n = n + delta), in the same transaction. `rebuild()` sums the same
contributions from scratch; tests prove both give the same numbers.

The rules, in one place (`contribution`):
- only listed stories count (not withdrawn, first post shown);
- a story counts once in each cell of the story list's counts;
- for What helped, a member counts once per treatment: their latest report
  on it, from the story they updated last.
"""
from collections import Counter
from contextlib import contextmanager
from itertools import product

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from ..threads.models import Post, Thread
from .models import Story, StoryCount, StoryTag, TreatmentCount
from .vocabulary import HELPED, HELPED_ANY

ANY, ANY_OUTCOME = 0, ""
# How much sharing each kind of tag makes two stories alike (People like me).
# A shared condition outweighs two shared treatment results, so a foot
# story with the same remedies doesn't rank above a sciatica story like yours.
WEIGHTS = {"condition": 6, "cause": 3, "side": 1, "treatment": 1, "same_outcome": 2, "both_helped": 1}


def tags_of(story):
    """{tag: weight} a listed story is found by. Conditions `c<id>`, causes
    `k<id>`, side `s:<side>`, treatments `t<id>` and `t<id>:<outcome>`,
    "helped" groupings, any treatment's outcome `o:<outcome>`."""
    tags = {f"c{c.term_id}": WEIGHTS["condition"] for c in story.conditions}
    tags.update({f"k{c.term_id}": WEIGHTS["cause"] for c in story.causes})
    if story.side:
        tags[f"s:{story.side}"] = WEIGHTS["side"]
    for t in story.treatments:
        tags[f"t{t.term_id}"] = WEIGHTS["treatment"]
        tags[f"t{t.term_id}:{t.outcome}"] = WEIGHTS["same_outcome"]
        tags[f"o:{t.outcome}"] = 0
        if t.outcome in HELPED:
            tags[f"t{t.term_id}:{HELPED_ANY}"] = WEIGHTS["both_helped"]
            tags[f"o:{HELPED_ANY}"] = 0
    return tags


def _outcome_pairs(story):
    """(treatment, outcome) pairs a story counts under, "any" included once."""
    pairs = {(ANY, ANY_OUTCOME)}
    for t in story.treatments:
        outcomes = [t.outcome] + ([HELPED_ANY] if t.outcome in HELPED else [])
        for outcome in outcomes:
            pairs.update({(t.term_id, outcome), (ANY, outcome)})
        pairs.add((t.term_id, ANY_OUTCOME))
    return pairs


def _with_any(links):
    return [ANY] + [link.term_id for link in links]


def story_cells(story):
    """The story list's count cells one listed story adds 1 to."""
    return [
        (condition, cause, treatment, outcome)
        for condition, cause in product(_with_any(story.conditions), _with_any(story.causes))
        for treatment, outcome in _outcome_pairs(story)
    ]


def member_cells(stories):
    """What helped's cells one member adds 1 to: for each treatment, their
    latest report on it (`stories` of one member, listed ones)."""
    latest = {}
    for story in sorted(stories, key=lambda s: (s.updated_at, s.id)):
        for t in story.treatments:
            latest[t.term_id] = (t.outcome, story)
    return [
        (condition, cause, treatment, outcome)
        for treatment, (outcome, story) in latest.items()
        for condition, cause in product(_with_any(story.conditions), _with_any(story.causes))
    ]


def _stories_of(member_ids):
    return db.session.scalars(
        select(Story).where(Story.author_id.in_(member_ids))
        .options(selectinload(Story.conditions), selectinload(Story.causes), selectinload(Story.treatments))
        .execution_options(populate_existing=True)
    ).all()


def contribution(stories):
    """(story-list cells, What helped cells) of these stories, as Counters."""
    listed = [s for s in stories if s.listed]
    by_member = {}
    for story in listed:
        by_member.setdefault(story.author_id, []).append(story)
    story_counts = Counter(cell for story in listed for cell in story_cells(story))
    member_counts = Counter(cell for own in by_member.values() for cell in member_cells(own))
    return story_counts, member_counts


def _first_posts_shown(stories):
    ids = [s.thread_id for s in stories]
    rows = db.session.execute(
        select(Thread.id).join(Post, Post.id == Thread.first_post_id)
        .where(Thread.id.in_(ids), Post.deleted_at.is_(None), Post.hidden_at.is_(None))
    ).scalars()
    return set(rows)


def relist(stories):
    """Set each story's `listed` from the source, and rewrite its tags."""
    shown = _first_posts_shown(stories) if stories else set()
    for story in stories:
        story.listed = story.withdrawn_at is None and story.thread_id in shown
    ids = [s.id for s in stories]
    if ids:
        db.session.execute(delete(StoryTag).where(StoryTag.story_id.in_(ids)))
    rows = [{"story_id": s.id, "tag": tag, "weight": weight, "updated_at": s.updated_at}
            for s in stories if s.listed for tag, weight in tags_of(s).items()]
    if rows:
        db.session.execute(StoryTag.__table__.insert(), rows)
    db.session.flush()


def _lock(member_ids):
    """Two changes to one member's stories at once would each count from the
    same "before": the second waits for the first. PostgreSQL locks the
    members' rows. SQLite has one writer at a time, but reads before a
    transaction's first write see the data as it was, so a write comes first
    (a no-op one), and the "before" is read holding the write lock."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(User.id).where(User.id.in_(member_ids)).with_for_update())
    else:
        db.session.execute(update(User).where(User.id.in_(member_ids)).values(id=User.id))


@contextmanager
def recounting(member_ids):
    """Run a change to these members' stories, then move the counts by
    exactly what it changed, in the same transaction."""
    member_ids = sorted(set(member_ids))
    _lock(member_ids)
    before = contribution(_stories_of(member_ids))
    yield
    db.session.flush()
    stories = _stories_of(member_ids)
    relist(stories)
    after = contribution(stories)
    add_counts(*(_difference(new, old) for new, old in zip(after, before, strict=True)))


def _difference(new, old):
    delta = Counter(new)
    delta.subtract(old)
    return {cell: n for cell, n in delta.items() if n}


def _upsert(model, count_column, deltas):
    if not deltas:
        return
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(model)
    statement = statement.on_conflict_do_update(
        index_elements=["condition_id", "cause_id", "treatment_id", "outcome"],
        set_={count_column: getattr(model, count_column) + getattr(statement.excluded, count_column)},
    )
    rows = [
        {"condition_id": c, "cause_id": k, "treatment_id": t, "outcome": o, count_column: n}
        for (c, k, t, o), n in sorted(deltas.items())
    ]
    db.session.execute(statement, rows)


def add_counts(story_deltas, member_deltas):
    """Add these deltas to the counts: one statement per table."""
    _upsert(StoryCount, "stories", story_deltas)
    _upsert(TreatmentCount, "members", member_deltas)


def rebuild(batch=500):
    """Recompute every count and tag from the stories themselves."""
    if db.session.get_bind().dialect.name == "postgresql":
        # A story changed meanwhile would add its difference to counts this
        # is about to replace: such changes wait until the rebuild commits.
        db.session.execute(text("LOCK TABLE story_counts, treatment_counts IN EXCLUSIVE MODE"))
    db.session.execute(delete(StoryCount))
    db.session.execute(delete(TreatmentCount))
    member_ids = db.session.scalars(select(Story.author_id).distinct().order_by(Story.author_id)).all()
    for start in range(0, len(member_ids), batch):
        stories = _stories_of(member_ids[start:start + batch])
        relist(stories)
        add_counts(*contribution(stories))
        db.session.flush()
        for story in stories:
            db.session.expunge(story)


def counts_now():
    """Every non-zero count, for comparing a rebuild with what was kept."""
    stories = {tuple(r[:4]): r[4] for r in db.session.execute(
        select(StoryCount.condition_id, StoryCount.cause_id, StoryCount.treatment_id, StoryCount.outcome,
               StoryCount.stories).where(StoryCount.stories != 0))}
    members = {tuple(r[:4]): r[4] for r in db.session.execute(
        select(TreatmentCount.condition_id, TreatmentCount.cause_id, TreatmentCount.treatment_id,
               TreatmentCount.outcome, TreatmentCount.members).where(TreatmentCount.members != 0))}
    return stories, members


