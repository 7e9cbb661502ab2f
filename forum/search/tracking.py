"""The index kept current in the transaction of every write.

Nothing that writes posts, threads, stories or accounts calls the search:
as each flush happens, the changes that reach the index are noted (a post
written, edited, hidden, restored or deleted; a thread retitled, moved or
opened to visitors; a story told, updated or withdrawn; a vocabulary entry
renamed or merged; an account deleted), and just before the commit those
posts' documents are built again from the database as it now is. So no way
of writing can forget the index, and a rolled-back change never reaches it.

Bulk UPDATE and DELETE statements bypass the flush (deleting an account
empties all its posts in one statement): the rows they are about to change
are read first, when they change a column the index depends on.
"""
from dataclasses import dataclass, field

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..stories.models import Story, StoryCause, StoryCondition, StoryTreatment, Term
from ..threads.models import Post, Thread
from . import indexing, related

KEY = "search_changes"
FORGET = "search_forget_related"

POST_COLUMNS = {"body", "deleted_at", "hidden_at", "created_at", "author_id", "thread_id"}
# A thread's title and story are on its first post only; where it is and
# who may read it are on every post.
HEAD_COLUMNS = {"title", "is_story", "first_post_id"}
WHOLE_COLUMNS = {"category_id", "members_only"}
STORY_COLUMNS = {"withdrawn_at", "other_condition", "other_cause", "thread_id"}
TERM_COLUMNS = {"label", "merged_into_id"}
LINKS = (StoryCondition, StoryCause, StoryTreatment)


@dataclass
class Changes:
    new_posts: set = field(default_factory=set)
    posts: set = field(default_factory=set)
    threads: set = field(default_factory=set)
    heads: set = field(default_factory=set)
    stories: set = field(default_factory=set)
    terms: set = field(default_factory=set)
    authors: set = field(default_factory=set)


def _changes(session):
    return session.info.setdefault(KEY, Changes())


def _changed(obj, columns):
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in columns)


def _note_post(changes, post, is_new, is_gone):
    if is_new:
        changes.new_posts.add(post.id)
    elif is_gone or _changed(post, POST_COLUMNS):
        changes.posts.add(post.id)


def _note_thread(changes, thread, is_new, is_gone):
    # A new thread's first post is new too, and brings its title with it.
    if is_new:
        return
    if is_gone or _changed(thread, WHOLE_COLUMNS):
        changes.threads.add(thread.id)
    elif _changed(thread, HEAD_COLUMNS):
        changes.heads.add(thread.id)


def _note_story(changes, story, is_new, is_gone):
    if is_new or is_gone or _changed(story, STORY_COLUMNS):
        changes.heads.add(story.thread_id)


def _note_link(changes, link, is_new, is_gone):
    changes.stories.add(link.story_id)


def _note_term(changes, term, is_new, is_gone):
    if not is_new and _changed(term, TERM_COLUMNS):
        changes.terms.update({term.id, term.merged_into_id} - {None})


def _note_member(changes, member, is_new, is_gone):
    if not is_new and _changed(member, {"deleted_at"}):
        changes.authors.add(member.id)


NOTERS = {Post: _note_post, Thread: _note_thread, Story: _note_story, Term: _note_term, User: _note_member,
          **dict.fromkeys(LINKS, _note_link)}


def _note(changes, obj, is_new, is_gone):
    noter = NOTERS.get(type(obj))
    if noter is not None:
        noter(changes, obj, is_new, is_gone)


@event.listens_for(Session, "after_flush")
def _note_flushed(session, flush_context):
    # Still before the flush's history is reset: what changed can be asked.
    changes = _changes(session)
    for obj in session.new:
        _note(changes, obj, True, False)
    for obj in session.dirty:
        _note(changes, obj, False, False)
    for obj in session.deleted:
        _note(changes, obj, False, True)


# table -> (columns an UPDATE must set to matter, the id column read, where it is noted)
BULK = {
    Post.__table__: (POST_COLUMNS, Post.__table__.c.id, "posts"),
    Thread.__table__: (HEAD_COLUMNS | WHOLE_COLUMNS, Thread.__table__.c.id, None),
    User.__table__: ({"deleted_at"}, User.__table__.c.id, "authors"),
    Story.__table__: (STORY_COLUMNS, Story.__table__.c.thread_id, "heads"),
    Term.__table__: (TERM_COLUMNS, Term.__table__.c.id, "terms"),
    **{link.__table__: (None, link.__table__.c.story_id, "stories") for link in LINKS},
}


def _set_columns(statement):
    values = getattr(statement, "_values", None)
    if not values:
        return None  # set when executed: assume it matters
    return {getattr(key, "key", key) for key in values}


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state):
    if not (state.is_update or state.is_delete):
        return
    statement = state.statement
    rule = BULK.get(getattr(statement, "table", None))
    if rule is None:
        return
    columns, id_column, where = rule
    set_columns = _set_columns(statement) if state.is_update else None
    if state.is_update and columns is not None and set_columns is not None and not set_columns & columns:
        return
    query = select(id_column)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    ids = set(state.session.execute(query).scalars())
    changes = _changes(state.session)
    if where is None:  # a thread: every post when it moves or changes who reads it
        whole = set_columns is None or bool(set_columns & WHOLE_COLUMNS)
        (changes.threads if whole else changes.heads).update(ids)
    else:
        getattr(changes, where).update(ids)


@event.listens_for(Session, "before_commit")
def _refresh_index(session):
    if session.in_nested_transaction():
        return
    session.flush()
    changes = session.info.pop(KEY, None)
    if changes is None:
        return
    connection = session.connection()
    posts = changes.posts | indexing.posts_of(connection, changes.threads, changes.heads, changes.stories,
                                              changes.terms, changes.authors)
    old = posts - changes.new_posts
    if not old and not changes.new_posts:
        return
    written = indexing.refresh(connection, old, changes.new_posts)
    # Threads whose words changed: what was found for them may differ, once
    # this is committed.
    changed = changes.threads | changes.heads | {doc.thread_id for doc in written if doc.is_first}
    if changed:
        session.info.setdefault(FORGET, set()).update(changed)


@event.listens_for(Session, "after_commit")
def _forget_related(session):
    if changed := session.info.pop(FORGET, None):
        related.forget(changed)


@event.listens_for(Session, "after_transaction_end")
def _forget_changes(session, transaction):
    if transaction.parent is None:
        session.info.pop(KEY, None)
        session.info.pop(FORGET, None)
