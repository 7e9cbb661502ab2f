"""People like me: the listed stories that share the most with a story, or
with a newcomer's answers, each as a card in words (what they share, and an
excerpt of the teller's own first post), never as a score.

What two stories share is read from the tags counting.relist() keeps for
every listed story, and only for listed ones: a withdrawn story, or one
whose first post is hidden or deleted, has none, so it can never be found.

The cost is bounded whatever the number of stories: for each tag of the
source, at most PER_TAG of the newest stories having it are candidates (an
indexed range read of story_tags each), and only those are scored. The best
match among recent stories wins over an older, equally good one; a page
costs a fixed number of queries.
"""
from dataclasses import dataclass
from types import SimpleNamespace

from markupsafe import Markup
from sqlalchemy import case, func, select, union
from sqlalchemy.orm import joinedload

from ..errors import NotFound
from ..extensions import db
from .account import Report
from .counting import WEIGHTS, tags_of
from .models import Story, StoryTag
from .vocabulary import HELPED, HELPED_ANY
from .queries import account_options, first_posts

# Candidates per tag of the source: enough to find close matches among
# recent stories, few enough that scoring them stays fast at any size.
PER_TAG = 300
# A story may list up to 40 treatments: its heaviest tags speak for it
# (conditions, causes, then how treatments went), so a long story costs
# no more than a typical one (2 conditions, a cause, 6 treatments).
CANDIDATE_TAGS = 12
SCORED_TAGS = 24
SHOWN = 6
# Sharing only the side, or only having tried one same treatment with
# another result, doesn't make a story like yours.
MIN_SCORE = 2
EXCERPT_LENGTH = 200
SIDE_WORDS = {"left": "Also on the left side", "right": "Also on the right side", "both": "Also on both sides"}


@dataclass(frozen=True)
class Alike:
    """One card: the story (with its thread, teller and account), what it
    shares with the source in words, and the start of the teller's post."""

    story: Story
    shared: list[str]
    excerpt: str


def listed_story(story_id):
    """The story with its thread and teller; a 404 when there is none, or
    when it is withdrawn or its first post hidden (nobody compares with it)."""
    story = db.session.scalar(
        select(Story).where(Story.id == story_id, Story.listed.is_(True))
        .options(joinedload(Story.thread), joinedload(Story.author))
    )
    if story is None:
        raise NotFound("There is no such story.")
    return story


def stories_told_by(member):
    """The member's listed stories with their threads, newest first, so the
    form can offer to compare with one of them."""
    return db.session.scalars(
        select(Story).where(Story.author_id == member.id, Story.listed.is_(True))
        .order_by(Story.id.desc()).options(joinedload(Story.thread))
    ).all()


def like_story(story, viewer=None):
    """Cards for the stories most like `story`, leaving out every story of
    its teller and of the viewer."""
    tags = dict(db.session.execute(
        select(StoryTag.tag, StoryTag.weight).where(StoryTag.story_id == story.id, StoryTag.weight > 0)
    ).tuples().all())
    return _cards(tags, {story.author_id} | ({viewer.id} if viewer else set()))


def like_answers(conditions, causes, tried, viewer=None):
    """Cards for the stories most like a newcomer's answers: term ids of
    conditions and causes, and {treatment id: outcome, or None when they
    didn't say how it went}. Nothing is written."""
    tags = answer_tags(conditions, causes, tried)
    return _cards(tags, {viewer.id} if viewer else set())


def answer_tags(conditions, causes, tried):
    """The tags a story telling these answers would have, with their weights
    (tags_of's own rules, so both sides are tagged alike)."""
    answers = SimpleNamespace(
        conditions=[SimpleNamespace(term_id=i) for i in conditions],
        causes=[SimpleNamespace(term_id=i) for i in causes],
        side=None,
        treatments=[Report(term_id, outcome) for term_id, outcome in tried.items() if outcome],
    )
    tags = tags_of(answers)
    tags.update({f"t{term_id}": WEIGHTS["treatment"] for term_id in tried})
    return {tag: weight for tag, weight in tags.items() if weight > 0}


def _heaviest(tags, count):
    """The `count` tags that weigh most (ties by name, so a page's SQL is the same each time)."""
    return dict(sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:count])


def _candidates(tags):
    """The PER_TAG latest updated stories of each tag (whose tellers are
    most likely still around), once each. Every per-tag read is wrapped as a
    subquery: SQLite takes no LIMIT in a bare UNION arm."""
    newest = [
        select(StoryTag.story_id).where(StoryTag.tag == tag)
        .order_by(StoryTag.updated_at.desc(), StoryTag.story_id.desc()).limit(PER_TAG).subquery()
        for tag in sorted(tags)
    ]
    return union(*(select(part.c.story_id) for part in newest)).subquery()


def _ranked(tags, left_out_authors):
    """(story id, score) of the SHOWN best candidates: the sum of the
    weights of the tags they share with the source, newest first on a tie.
    The score is a subquery per candidate, so both databases look each one
    up by its key rather than reading every story with a common tag."""
    candidates = _candidates(_heaviest(tags, CANDIDATE_TAGS))
    # The weights are the source's (the same for a tag everywhere), so the
    # key (story_id, tag) alone answers: no row of the table is read.
    shared = (
        select(func.coalesce(func.sum(case(tags, value=StoryTag.tag, else_=0)), 0))
        .where(StoryTag.story_id == candidates.c.story_id, StoryTag.tag.in_(sorted(tags)))
        .scalar_subquery()
    )
    score = shared.label("score")
    ranked = select(candidates.c.story_id, score)
    if left_out_authors:
        left_out = select(Story.id).where(Story.author_id.in_(sorted(left_out_authors)))
        ranked = ranked.where(candidates.c.story_id.not_in(left_out))
    # Scored once each: the threshold is applied to the SHOWN best (see _cards).
    return ranked.order_by(score.desc(), candidates.c.story_id.desc()).limit(SHOWN).subquery()


def _cards(tags, left_out_authors):
    """The cards, best first: one query ranks and loads the stories with
    their threads and tellers, three load their accounts, one the posts."""
    if not tags:
        return []
    ranked = _ranked(_heaviest(tags, SCORED_TAGS), left_out_authors)
    stories = db.session.scalars(
        select(Story).join(ranked, ranked.c.story_id == Story.id)
        .where(ranked.c.score >= MIN_SCORE)
        .order_by(ranked.c.score.desc(), Story.id.desc())
        .options(joinedload(Story.thread), joinedload(Story.author), *account_options())
    ).all()
    posts = first_posts(stories)
    return [Alike(story, shared_words(story, tags), excerpt(posts.get(story.thread_id))) for story in stories]


def _lower(label):
    """"Sciatica" -> "sciatica", but "NSAIDs (ibuprofen...)" stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def shared_words(story, tags):
    """What `story` shares with the source's tags, one phrase each:
    "Also sciatica", "Started the same way: running or other overuse",
    "Also tried massage therapy: helped a lot" (their outcome; "for them"
    when it isn't the source's)."""
    said = [f"Also {_lower(c.term.label)}" for c in story.conditions if f"c{c.term_id}" in tags]
    said += [f"Started the same way: {_lower(c.term.label)}" for c in story.causes if f"k{c.term_id}" in tags]
    if story.side and f"s:{story.side}" in tags:
        said.append(SIDE_WORDS[story.side])
    for t in story.treatments:
        if f"t{t.term_id}" not in tags:
            continue
        same = f"t{t.term_id}:{t.outcome}" in tags or (t.outcome in HELPED and f"t{t.term_id}:{HELPED_ANY}" in tags)
        said.append(f"Also tried {_lower(t.term.label)}: {t.outcome_label.lower()}" + ("" if same else " for them"))
    return said


def excerpt(post):
    """The first EXCERPT_LENGTH or so characters of the post as plain text
    (from its stored, sanitised HTML), cut at a word; "" for none."""
    if post is None or post.hidden_at is not None or post.deleted_at is not None:
        return ""
    text = Markup(post.body_html).striptags()
    if len(text) <= EXCERPT_LENGTH:
        return text
    cut = text[:EXCERPT_LENGTH + 1].rsplit(" ", 1)[0] or text[:EXCERPT_LENGTH]
    return cut.rstrip(" ,.;:-–—") + "…"
