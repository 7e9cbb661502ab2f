"""Keeping the index in step with the posts: each shown post's document is
built from the database as it is now and written; a post no longer shown
(hidden, deleted, its author's account deleted) is taken out. The
listeners in tracking.py call `refresh` in the transaction of every write;
`flask search reindex` and the migration that creates the index call
`rebuild`.

The tables are read with plain SQL naming the columns it needs, so the
migration filling the index reads the schema of its own time.
"""
from itertools import islice

from sqlalchemy import Boolean, DateTime, bindparam, text

from . import postgres_index, sqlite_index
from .documents import PostDoc, plain_text

CHUNK = 500
BATCH = 2000

SOURCE = """
SELECT p.id, p.thread_id, p.author_id, p.body, p.created_at, t.category_id, t.members_only, t.first_post_id, t.title,
       t.is_story
FROM posts p JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id
WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND u.deleted_at IS NULL AND {where}
ORDER BY p.id {limit}
"""
# A story's words: its conditions, causes and treatments, and what it
# names under "Other". A withdrawn story says nothing.
STORY_WORDS = text("""
SELECT s.thread_id, st.label AS words FROM stories s
JOIN (SELECT story_id, term_id FROM story_conditions UNION ALL SELECT story_id, term_id FROM story_causes
      UNION ALL SELECT story_id, term_id FROM story_treatments) l ON l.story_id = s.id
JOIN story_terms st ON st.id = l.term_id
WHERE s.withdrawn_at IS NULL AND s.thread_id IN :ids
UNION ALL
SELECT s.thread_id, s.other_condition || ' ' || s.other_cause FROM stories s WHERE s.withdrawn_at IS NULL AND s.thread_id IN :ids
""").bindparams(bindparam("ids", expanding=True))


def is_index_table(name):
    """The index's tables, and those SQLite keeps behind each FTS5 table
    (search_posts_data, ...): made by migration 0009 and kept by this
    package, described by no model, so autogenerate must leave them be."""
    return any(name == table or name.startswith(f"{table}_") for table in sqlite_index.TABLES)


def backend(connection):
    """The module that keeps the index on this connection's database."""
    return postgres_index if connection.dialect.name == "postgresql" else sqlite_index


def _chunks(ids, size=CHUNK):
    ids = iter(sorted(ids))
    while chunk := list(islice(ids, size)):
        yield chunk


def _story_words(connection, thread_ids):
    found = {}
    for thread_id, words in connection.execute(STORY_WORDS, {"ids": sorted(thread_ids)}):
        if words and words.strip():
            found.setdefault(thread_id, []).append(words.strip())
    return {thread_id: ", ".join(sorted(words)) for thread_id, words in found.items()}


def _documents(connection, statement, params):
    """The PostDoc of each shown post `statement` (SOURCE) reads, in id order."""
    statement = statement.columns(created_at=DateTime, members_only=Boolean, is_story=Boolean)
    rows = connection.execute(statement, params).all()
    heads = {r.thread_id for r in rows if r.is_story and r.id == r.first_post_id}
    stories = _story_words(connection, heads) if heads else {}
    return [
        PostDoc(post_id=r.id, thread_id=r.thread_id, category_id=r.category_id, author_id=r.author_id,
                created_at=r.created_at, members_only=bool(r.members_only), is_first=r.id == r.first_post_id,
                title=r.title if r.id == r.first_post_id else "", body=plain_text(r.body),
                story=stories.get(r.thread_id, "") if r.id == r.first_post_id else "")
        for r in rows
    ]


BY_ID = text(SOURCE.format(where="p.id IN :ids", limit="")).bindparams(bindparam("ids", expanding=True))
AFTER = text(SOURCE.format(where="p.id > :after", limit="LIMIT :batch"))


def documents(connection, post_ids):
    """The documents of those of these posts that are shown."""
    return _documents(connection, BY_ID, {"ids": sorted(post_ids)})


def refresh(connection, post_ids, new_post_ids=frozenset()):
    """Write these posts' documents as they are now, taking out those no
    longer shown. `new_post_ids`, written in this transaction, were never
    in the index. Returns the documents written."""
    index = backend(connection)
    written = []
    for chunk in _chunks(post_ids | new_post_ids):
        old = [post_id for post_id in chunk if post_id not in new_post_ids]
        if old:
            index.remove(connection, old)
        docs = documents(connection, chunk)
        index.write(connection, docs)
        written += docs
    return written


def _ids(connection, sql, ids):
    found = set()
    for chunk in _chunks(ids):
        found.update(connection.execute(text(sql).bindparams(bindparam("ids", expanding=True)), {"ids": chunk}).scalars())
    found.discard(None)
    return found


def posts_of(connection, threads=(), heads=(), stories=(), terms=(), authors=()):
    """The ids of the posts whose documents change when these change: every
    post of `threads` (moved, opened to visitors), the first post of `heads`
    (a new title, a story told), of the threads telling `stories`, and of
    those naming `terms` (renamed, merged); every post by `authors`."""
    found = set()
    if threads:
        found |= _ids(connection, "SELECT id FROM posts WHERE thread_id IN :ids", threads)
    heads = set(heads)
    if stories:
        heads |= _ids(connection, "SELECT thread_id FROM stories WHERE id IN :ids", stories)
    if terms:
        heads |= _ids(connection, "SELECT s.thread_id FROM stories s JOIN (SELECT story_id, term_id FROM story_conditions "
                                  "UNION ALL SELECT story_id, term_id FROM story_causes UNION ALL SELECT story_id, term_id "
                                  "FROM story_treatments) l ON l.story_id = s.id WHERE l.term_id IN :ids", terms)
    if heads:
        found |= _ids(connection, "SELECT first_post_id FROM threads WHERE id IN :ids", heads)
    if authors:
        found |= _ids(connection, "SELECT id FROM posts WHERE author_id IN :ids", authors)
    return found


def rebuild(connection, batch=BATCH):
    """Build the whole index again from the posts; returns how many are in it."""
    index = backend(connection)
    index.empty(connection)
    after, total = 0, 0
    while docs := _documents(connection, AFTER, {"after": after, "batch": batch}):
        index.write(connection, docs)
        total += len(docs)
        after = docs[-1].post_id
    index.built(connection)
    return total
