"""Building blocks for stories: telling one on a thread, updating it,
withdrawing it. Each keeps the counts in step (see counting.py) and leaves
the commit to the verb that calls it."""
from contextlib import nullcontext

from sqlalchemy import select

from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..safety.steps import mark_post
from ..threads.models import Post
from ..timeutil import utcnow
from ..transactions import step
from .account import account_of, changes, snapshot, to_json
from .counting import recounting
from .models import Story, StoryCause, StoryCondition, StoryTreatment, StoryVersion, Term
from .vocabulary import NOW, OUTCOMES, SIDES, seed_rows


def _labels(account):
    """{term id: label} for the account's terms; refuses an id that isn't a
    live entry of the right vocabulary (a merged one, a stale form)."""
    wanted = {("condition", i) for i in account.conditions} | {("cause", i) for i in account.causes}
    wanted |= {("treatment", r.term_id) for r in account.treatments}
    ids = {i for _, i in wanted}
    # FOR SHARE: a merge of one of these entries (which locks them FOR UPDATE)
    # waits until this story is saved and then moves it too, or, done first,
    # leaves the entry merged here and the story is refused.
    live = select(Term).where(Term.id.in_(ids), Term.merged_into_id.is_(None)).with_for_update(read=True)
    terms = {t.id: t for t in db.session.scalars(live)}
    for kind, term_id in wanted:
        if term_id not in terms or terms[term_id].kind != kind:
            raise Refused("One of the choices is no longer offered. Check the form and send it again.")
    return {i: t.label for i, t in terms.items()}


@step
def check_account(account):
    """The term labels of a complete, valid account; refuses anything else."""
    if not account.conditions and not account.other_condition:
        raise Refused("Choose at least one condition, or name it under “Other”.", field="conditions")
    if not account.causes and not account.other_cause:
        raise Refused("Choose how it started: “Unknown” is a fine answer.", field="causes")
    if account.side is not None and account.side not in SIDES:
        raise Refused("Choose left, right or both.", field="side")
    if account.now not in NOW:
        raise Refused("Say how it is now.", field="now")
    seen = set()
    for report in account.treatments:
        if report.outcome not in OUTCOMES:
            raise Refused("Say how each treatment went.", field="treatments")
        if report.term_id in seen:
            raise Refused("Each treatment once, please: update its row instead.", field="treatments")
        seen.add(report.term_id)
    return _labels(account)


def _keep(existing, term_ids, make):
    """The links for `term_ids`, reusing the rows already there, so no
    unique key sees the same term twice while the old rows go."""
    by_term = {link.term_id: link for link in existing}
    return [by_term.get(term_id) or make(term_id) for term_id in term_ids]


def _write(story, account):
    story.conditions = _keep(story.conditions, account.conditions, lambda i: StoryCondition(term_id=i))
    story.causes = _keep(story.causes, account.causes, lambda i: StoryCause(term_id=i))
    rows = _keep(story.treatments, [r.term_id for r in account.treatments], lambda i: StoryTreatment(term_id=i))
    for n, (row, report) in enumerate(zip(rows, account.treatments, strict=True)):
        row.outcome, row.duration, row.note, row.position = report.outcome, report.duration.strip(), report.note.strip(), n
    story.treatments = rows
    story.other_condition = account.other_condition.strip()
    story.other_cause = account.other_cause.strip()
    story.side, story.started_on, story.now = account.side, account.started_on, account.now


@step
def attach_story(actor, thread, account):
    """Make `thread` tell `actor`'s story. Refuses anyone but the thread's
    author, a thread that already tells one, and an account that doesn't
    say the condition, how it started and how it is now. A story withdrawn
    earlier is told again, its versions kept."""
    require(actor, "add_story", thread)
    labels = check_account(account)
    now = utcnow()
    with recounting([actor.id]):
        story = db.session.scalar(select(Story).where(Story.thread_id == thread.id))
        if story is None:
            story = Story(thread_id=thread.id, author_id=actor.id, created_at=now, version_count=0)
            db.session.add(story)
        story.withdrawn_at = None
        story.updated_at = now
        story.last_changes = ""
        _write(story, account)
        db.session.flush()
        story.version_count += 1
        db.session.add(StoryVersion(story_id=story.id, number=story.version_count, created_at=now,
                                    account=to_json(snapshot(account, labels))))
        thread.is_story = True
    _check_words(thread, account)
    return story


def _check_words(thread, account):
    """The account's own words are checked with the story's first post,
    which carries what is found (a reader's notice, a queue item)."""
    mark_post(db.session.get(Post, thread.first_post_id), thread.title, *account.texts())


@step
def update_story(actor, story, account):
    """A new version of the story's account; earlier ones are kept, and the
    new one says what changed. Refuses what `attach_story` refuses, and a
    withdrawn story. An account that changes nothing records nothing."""
    require(actor, "update_story", story)
    labels = check_account(account)
    old = account_of(story)
    if old == account:
        return story
    old_labels = _labels_of(story)
    said = changes(snapshot(old, old_labels), snapshot(account, labels))
    now = utcnow()
    with recounting([story.author_id]):
        _write(story, account)
        story.updated_at = now
        story.version_count += 1
        story.last_changes = to_json(said)
        db.session.add(StoryVersion(story_id=story.id, number=story.version_count, created_at=now,
                                    account=to_json(snapshot(account, labels)), changes=to_json(said)))
    _check_words(story.thread, account)
    return story


def _labels_of(story):
    links = story.conditions + story.causes + story.treatments
    return {link.term_id: link.term.label for link in links}


@step
def withdraw_story(actor, story):
    """Take the account off the thread: it no longer shows or counts. The
    thread and its posts stay; the versions are kept, so it can be told again."""
    require(actor, "withdraw_story", story)
    with recounting([story.author_id]):
        story.withdrawn_at = utcnow()
        story.thread.is_story = False
    return story


@step
def recounting_post(post):
    """Hiding, restoring or deleting the first post of a story moves the
    counts: wrap the change in this."""
    thread = post.thread
    if thread.is_story and post.id == thread.first_post_id:
        return recounting([thread.author_id])
    return nullcontext()


@step
def ensure_vocabulary():
    """Add any starting entry the vocabularies lack (never renames or
    revives one a moderator changed: entries are matched by kind and slug)."""
    have = set(db.session.execute(select(Term.kind, Term.slug)).tuples())
    for row in seed_rows():
        if (row["kind"], row["slug"]) not in have:
            db.session.add(Term(**row))
    db.session.flush()
