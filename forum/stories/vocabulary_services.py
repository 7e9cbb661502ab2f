"""The moderators' verbs on the vocabularies: add an entry, rename one,
merge one into another. Each requires its permission, checks, changes,
writes one audit entry and commits once.

Renaming keeps the entry's address (its slug), so every link to it keeps
working and nothing needs a redirect. Merging moves every story's link to
the surviving entry and leaves the merged one as a pointer to it, so its
old address leads there (see queries.term_by_slug); the stories' versions
keep the words they were told in.
"""
import re
import unicodedata

from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from ..audit.snapshots import term_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from .counting import recounting
from .models import LINKS, Story, StoryTreatment, Term
from .queries import stories_naming
from .vocabulary import DECIDED, KINDS

LABEL_MIN, LABEL_MAX = 2, 80
SLUG_MAX = 80
SLUG_FORMAT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# Checks.

def _clean_label(label):
    return " ".join((label or "").split())


def _check_label(kind, label, renaming=None):
    """The label, tidied; refuses one under 2 or over 80 characters, and one
    another live entry of the vocabulary has (ignoring case)."""
    label = _clean_label(label)
    if not LABEL_MIN <= len(label) <= LABEL_MAX:
        raise Refused(f"Give a name of {LABEL_MIN} to {LABEL_MAX} characters.", field="label")
    others = select(Term.label).where(Term.kind == kind, Term.merged_into_id.is_(None))
    if renaming is not None:
        others = others.where(Term.id != renaming.id)
    if any(other.casefold() == label.casefold() for other in db.session.scalars(others)):
        raise Refused(f"The {kind}s already have an entry called “{label}”.", field="label")
    return label


def _slug_from(label, kind):
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    # Room for a "-12" when the address is taken.
    return re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")[:SLUG_MAX - 4].rstrip("-") or kind


def _free_slug(kind, label, slug):
    """The entry's address: `slug` as given (refused when malformed or taken,
    merged entries included, as their addresses still lead somewhere), or
    one made from the label, numbered when taken."""
    taken = set(db.session.scalars(select(Term.slug).where(Term.kind == kind)))
    slug = (slug or "").strip().lower()
    if slug:
        if len(slug) > SLUG_MAX or not SLUG_FORMAT.fullmatch(slug):
            raise Refused("Use lowercase letters, digits and single hyphens, such as “dry-needling”.", field="slug")
        if slug in taken:
            raise Refused("Another entry already has that address: choose another.", field="slug")
        return slug
    base = candidate = _slug_from(label, kind)
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _live(term, field=None):
    if term.merged_into_id is not None:
        survivor = db.session.get(Term, term.merged_into_id)
        raise Refused(f"“{term.label}” was merged into “{survivor.label}”: change that one instead.", field=field)


# The verbs.

def add_term(actor, kind, label, slug=None):
    """Add an entry to a vocabulary, offered on the story form at once.
    Refuses non-moderators, an unknown vocabulary, a name under 2 or over 80
    characters or one the vocabulary has (ignoring case), and an address
    given that is malformed or taken. Records `add_term` with the entry."""
    require(actor, "add_term")
    if kind not in KINDS:
        raise Refused("There is no such vocabulary.")
    label = _check_label(kind, label)
    term = Term(kind=kind, label=label, slug=_free_slug(kind, label, slug))
    try:
        # The audit entry goes in the same savepoint: on SQLite, releasing a
        # savepoint that began the transaction commits it.
        with db.session.begin_nested():
            db.session.add(term)
            db.session.flush()
            record(actor, "add_term", "term", term.id, term_snapshot(term))
    except IntegrityError:
        # Another moderator took the address a moment ago.
        raise Refused("Another entry took that address just now: send the form again.", field="slug") from None
    db.session.commit()
    return term


def rename_term(actor, term, label, reason=""):
    """Give an entry a new name; its address stays, so links keep working.
    Stories show the new name; their versions keep the words they were told
    in. Refuses non-moderators, a merged entry, the name it has already, and
    what `add_term` refuses of a name. Records `rename_term` with the entry
    as it was and the new name."""
    require(actor, "rename_term")
    _live(term)
    new_label = _check_label(term.kind, label, renaming=term)
    if new_label == term.label:
        raise Refused("That is its name already.", field="label")
    snapshot = {**term_snapshot(term), "renamed_to": new_label}
    term.label = new_label
    record(actor, "rename_term", "term", term.id, snapshot, reason)
    db.session.commit()
    return term


def _check_merge(term, into, reason):
    """Refuses a merge of an entry with itself, across vocabularies, of or
    into a merged entry, of the reference ("time alone") away, without a reason."""
    _live(term)
    if into.id == term.id:
        raise Refused("Choose another entry for it to become.", field="into")
    if into.kind != term.kind:
        raise Refused(f"Choose another {term.kind}.", field="into")
    _live(into, field="into")
    if term.is_reference:
        raise Refused(f"“{term.label}” is what every treatment is compared with: it can't be merged away.")
    if not (reason or "").strip():
        raise Refused("Give a reason: it goes in the audit log.", field="reason")


def _lock_terms(term, into):
    """Read both entries afresh, locked (on PostgreSQL) until the commit:
    of two moderators merging A into B and B into A at once, the second
    waits for the first, then finds its entry merged instead of making a loop."""
    db.session.scalars(select(Term).where(Term.id.in_([term.id, into.id])).order_by(Term.id)
                       .with_for_update().execution_options(populate_existing=True)).all()


def merge_terms(actor, term, into, reason):
    """Merge `term` into `into`: every story naming `term` names `into`
    instead (a story naming both keeps one), the counts follow, entries
    merged into `term` earlier now lead to `into`, and `term` is no longer
    offered; its address leads to `into`. Refuses non-moderators and what
    `_check_merge` lists. Records `merge_terms` with `term` as it was, the
    survivor and the number of stories moved."""
    require(actor, "merge_terms")
    _lock_terms(term, into)
    _check_merge(term, into, reason)
    model = LINKS[term.kind]
    snapshot = {**term_snapshot(term), "merged_into": term_snapshot(into), "stories": stories_naming(term)}
    authors = db.session.scalars(
        select(Story.author_id).distinct().join(model, model.story_id == Story.id).where(model.term_id == term.id)).all()
    # Only the authors of stories naming `term` count differently afterwards.
    with recounting(authors):
        _move_links(model, term, into)
        db.session.execute(update(Term).where(Term.merged_into_id == term.id).values(merged_into_id=into.id)
                           .execution_options(synchronize_session=False))
        term.merged_into_id = into.id
    record(actor, "merge_terms", "term", term.id, snapshot, reason)
    db.session.commit()
    return into


def _move_links(model, term, into):
    """Point `term`'s links at `into`. Where a story names both, the
    survivor's row stays and the merged one goes; for treatments, when only
    the merged row says how it went (the survivor's says "too early to
    tell"), its report moves onto the survivor's row first."""
    if model is StoryTreatment:
        _keep_the_decided_report(term, into)
    both = select(model.story_id).where(model.term_id == into.id).scalar_subquery()
    db.session.execute(delete(model).where(model.term_id == term.id, model.story_id.in_(both))
                       .execution_options(synchronize_session=False))
    db.session.execute(update(model).where(model.term_id == term.id).values(term_id=into.id)
                       .execution_options(synchronize_session=False))


def _keep_the_decided_report(term, into):
    merged = aliased(StoryTreatment)
    pairs = db.session.execute(
        select(StoryTreatment, merged)
        .join(merged, and_(merged.story_id == StoryTreatment.story_id, merged.term_id == term.id))
        .where(StoryTreatment.term_id == into.id, StoryTreatment.outcome.not_in(DECIDED), merged.outcome.in_(DECIDED))
    ).tuples()
    for kept, dropped in pairs:
        kept.outcome, kept.duration, kept.note = dropped.outcome, dropped.duration, dropped.note
    db.session.flush()

