"""The read side of stories: vocabularies, one story, and the story list
with its filters. Lists read the tags and counts kept by counting.py, so a
filtered page costs a fixed number of indexed queries however many stories
there are."""
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.orm import aliased, joinedload, selectinload

from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..threads.models import Post
from .counting import ANY, ANY_OUTCOME
from .models import LINKS, Story, StoryCause, StoryCondition, StoryCount, StoryTag, StoryTreatment, StoryVersion, Term
from .vocabulary import KINDS, OUTCOME_FILTERS, TIME_ALONE


def all_terms():
    """{kind: [live entries]} in one query."""
    found = {"condition": [], "cause": [], "treatment": []}
    for t in db.session.scalars(select(Term).where(Term.merged_into_id.is_(None)).order_by(Term.label)):
        found[t.kind].append(t)
    found["treatment"].sort(key=lambda t: t.slug == TIME_ALONE)
    return found


def terms(kind):
    """One vocabulary's live entries, in all_terms' order."""
    return all_terms()[kind]


def term_by_slug(kind, slug):
    """The entry `slug` names, or, for a merged one, the entry it became
    (follow `.merged_into_id` to tell): a 404 only when neither exists."""
    term = db.session.scalar(select(Term).where(Term.kind == kind, Term.slug == slug))
    seen = set()
    while term is not None and term.merged_into_id is not None and term.id not in seen:
        seen.add(term.id)
        term = db.session.get(Term, term.merged_into_id)
    if term is None:
        raise NotFound(f"There is no {kind} called that.")
    return term


def term_by_id(term_id):
    term = db.session.get(Term, term_id)
    if term is None:
        raise NotFound("There is no such vocabulary entry.")
    return term


def vocabulary_with_counts():
    """({kind: [every entry, live and merged, by label]}, {term id: stories
    naming it}): two queries, whatever the vocabularies' size."""
    found = {kind: [] for kind in KINDS}
    for term in db.session.scalars(select(Term).order_by(Term.label, Term.id)):
        found[term.kind].append(term)
    links = union_all(*(select(model.term_id.label("term_id")) for model in LINKS.values())).subquery()
    counts = dict(db.session.execute(select(links.c.term_id, func.count()).group_by(links.c.term_id)).tuples().all())
    return found, counts


def stories_naming(term):
    """How many stories (listed or not) name this entry: what a merge moves."""
    model = LINKS[term.kind]
    return db.session.scalar(select(func.count()).select_from(model).where(model.term_id == term.id))


def account_options():
    return (
        selectinload(Story.conditions).joinedload(StoryCondition.term),
        selectinload(Story.causes).joinedload(StoryCause.term),
        selectinload(Story.treatments).joinedload(StoryTreatment.term),
    )


def story_by_id(story_id):
    story = db.session.scalar(
        select(Story).where(Story.id == story_id)
        .options(joinedload(Story.thread), joinedload(Story.author), *account_options())
    )
    if story is None:
        raise NotFound("There is no such story.")
    return story


def story_of_thread(thread):
    """The card on a story thread: the account with its words, one query.
    A withdrawn story, or one whose first post is hidden, has no card."""
    return db.session.scalar(
        select(Story).where(Story.thread_id == thread.id, Story.listed.is_(True))
        .options(
            joinedload(Story.conditions).joinedload(StoryCondition.term),
            joinedload(Story.causes).joinedload(StoryCause.term),
            joinedload(Story.treatments).joinedload(StoryTreatment.term),
        )
    )


def versions_of(story):
    """Every version of a story's account, newest first."""
    return db.session.scalars(
        select(StoryVersion).where(StoryVersion.story_id == story.id).order_by(StoryVersion.number.desc())
    ).all()


@dataclass(frozen=True)
class Filters:
    """The story list's choices, as entries (None for any)."""

    condition: Term | None = None
    cause: Term | None = None
    treatment: Term | None = None
    outcome: str | None = None

    def tags(self):
        tags = []
        if self.condition:
            tags.append(f"c{self.condition.id}")
        if self.cause:
            tags.append(f"k{self.cause.id}")
        if self.treatment:
            tags.append(f"t{self.treatment.id}:{self.outcome}" if self.outcome else f"t{self.treatment.id}")
        elif self.outcome:
            tags.append(f"o:{self.outcome}")
        return tags

    def cell(self):
        return (self.condition.id if self.condition else ANY, self.cause.id if self.cause else ANY,
                self.treatment.id if self.treatment else ANY, self.outcome or ANY_OUTCOME)

    def args(self, **changed):
        """The query string of this filter with some choices changed."""
        values = {"condition": self.condition and self.condition.slug, "cause": self.cause and self.cause.slug,
                  "treatment": self.treatment and self.treatment.slug, "outcome": self.outcome}
        values.update(changed)
        return {name: value for name, value in values.items() if value}


def filters_from(args):
    """Filters from a query string of slugs; an unknown one is a 404, and a
    merged entry's slug is read as the entry it became (see `moved`)."""
    chosen = {kind: term_by_slug(kind, args[kind]) if args.get(kind) else None
              for kind in ("condition", "cause", "treatment")}
    outcome = args.get("outcome") or None
    if outcome is not None and outcome not in OUTCOME_FILTERS:
        raise NotFound("There is no such outcome.")
    return Filters(outcome=outcome, **chosen)


def moved(filters, args):
    """True when a slug in `args` named a merged entry, so the page should
    redirect to the address with the surviving one."""
    return any(args.get(kind) and getattr(filters, kind).slug != args[kind]
               for kind in ("condition", "cause", "treatment"))


def count_of(filters):
    """Listed stories matching `filters`, from the kept counts."""
    cell = filters.cell()
    return db.session.scalar(
        select(StoryCount.stories).where(
            StoryCount.condition_id == cell[0], StoryCount.cause_id == cell[1],
            StoryCount.treatment_id == cell[2], StoryCount.outcome == cell[3])
    ) or 0


def choice_counts(filters):
    """For each filter, {choice: stories} if that choice were made with the
    others kept: the numbers beside the choices. One query."""
    c, k, t, o = filters.cell()
    rows = db.session.execute(
        select(StoryCount.condition_id, StoryCount.cause_id, StoryCount.treatment_id, StoryCount.outcome,
               StoryCount.stories)
        .where(StoryCount.stories > 0, or_(
            and_(StoryCount.cause_id == k, StoryCount.treatment_id == t, StoryCount.outcome == o),
            and_(StoryCount.condition_id == c, StoryCount.treatment_id == t, StoryCount.outcome == o),
            and_(StoryCount.condition_id == c, StoryCount.cause_id == k, StoryCount.outcome == o),
            and_(StoryCount.condition_id == c, StoryCount.cause_id == k, StoryCount.treatment_id == t),
        ))
    ).all()
    counts = {"condition": {}, "cause": {}, "treatment": {}, "outcome": {}}
    for rc, rk, rt, ro, n in rows:
        if (rk, rt, ro) == (k, t, o):
            counts["condition"][rc] = n
        if (rc, rt, ro) == (c, t, o):
            counts["cause"][rk] = n
        if (rc, rk, ro) == (c, k, o):
            counts["treatment"][rt] = n
        if (rc, rk, rt) == (c, k, t):
            counts["outcome"][ro] = n
    return counts


def list_stories(filters, number, per_page):
    """A page of listed stories matching `filters`, latest updated first,
    with their threads, authors and accounts."""
    total = count_of(filters)
    if number > 1 and offset_for(number, per_page) >= total:
        raise NotFound("There is no such page of stories.")
    stories = db.session.scalars(
        _matching(filters)
        .offset(offset_for(number, per_page)).limit(per_page)
        .options(joinedload(Story.thread), joinedload(Story.author), *account_options())
    ).all()
    return Page(stories, number, per_page, total)


def _matching(filters):
    """Listed stories matching `filters`, latest updated first. With
    filters, one tag's index entries are read in order (the treatment's, which
    is usually the rarest) and each story is checked for the others by its
    key, so a page stops as soon as it is full."""
    tags = list(reversed(filters.tags()))
    if not tags:
        return select(Story).where(Story.listed.is_(True)).order_by(Story.updated_at.desc(), Story.id.desc())
    leading = aliased(StoryTag)
    query = select(Story).join(leading, leading.story_id == Story.id).where(leading.tag == tags[0])
    for tag in tags[1:]:
        other = aliased(StoryTag)
        query = query.join(other, and_(other.story_id == leading.story_id, other.tag == tag))
    return query.order_by(leading.updated_at.desc(), leading.story_id.desc())


def first_posts(stories):
    """{thread id: first post} for the stories' excerpts: one query."""
    ids = [s.thread.first_post_id for s in stories if s.thread.first_post_id]
    if not ids:
        return {}
    return {p.thread_id: p for p in db.session.scalars(select(Post).where(Post.id.in_(ids)))}


