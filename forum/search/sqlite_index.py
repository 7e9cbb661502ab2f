"""The index on SQLite: two FTS5 tables with Porter stemming ("stretches"
finds "stretching").

- search_posts: one row per shown post, its rowid the post's id: the
  thread's title and the story's words (first post only), the body, and the
  tags its filters find it by (documents.PostDoc.tags).
- search_threads: one row per thread whose first post is shown, its rowid
  that post's id: title, story, the first post's body, the tags, and
  (unindexed) the FTS expression of the words it is most about, which
  finds the threads like it.

Filters are tags matched inside the same FTS query ("c3", "a17", days,
months and years; "mo" for members-only threads), so a filtered search
reads the index only, never the rows behind it. Every query word is a
quoted string ("stretches"): nothing typed is read as FTS syntax.
"""
from sqlalchemy import bindparam, text

from .documents import MARK_END, MARK_START, MEMBERS_ONLY, within

TABLES = ("search_posts", "search_threads")
TOKENIZE = "porter unicode61 remove_diacritics 2"
TEXT = "{title body story}"
TITLES = "{title story}"
# bm25 column weights: a title and a story say more than a body's words.
POSTS_WEIGHTS = "2.0, 1.0, 2.0, 0.0"
TITLES_WEIGHTS = "1.0, 0.5, 0.0, 0.0, 0.0"
RELATED_WEIGHTS = "3.0, 2.0, 1.0, 0.0, 0.0"
# An FTS expression that matches nothing: an empty phrase.
NOTHING = '""'


def create(connection):
    connection.execute(text(f"CREATE VIRTUAL TABLE search_posts USING fts5(title, body, story, tags, tokenize = '{TOKENIZE}')"))
    connection.execute(text(
        f"CREATE VIRTUAL TABLE search_threads USING fts5(title, story, body, tags, related UNINDEXED, tokenize = '{TOKENIZE}')"))


def drop(connection):
    for table in TABLES:
        connection.execute(text(f"DROP TABLE IF EXISTS {table}"))


def empty(connection):
    """Start again from nothing: dropping is far quicker than deleting each row."""
    drop(connection)
    create(connection)


def remove(connection, post_ids):
    ids = {"ids": sorted(post_ids)}
    for table in TABLES:
        connection.execute(text(f"DELETE FROM {table} WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True)), ids)


def write(connection, docs):
    if not docs:
        return
    connection.execute(text("INSERT INTO search_posts (rowid, title, body, story, tags) VALUES (:id, :title, :body, :story, :tags)"),
                       [{"id": d.post_id, "title": d.title, "body": d.body, "story": d.story, "tags": d.tags} for d in docs])
    heads = [{"id": d.post_id, "title": d.title, "story": d.story, "body": d.body, "tags": d.tags,
              "related": _any_of(d.related_terms)} for d in docs if d.is_first]
    if heads:
        connection.execute(text("INSERT INTO search_threads (rowid, title, story, body, tags, related) "
                                "VALUES (:id, :title, :story, :body, :tags, :related)"), heads)


def _quoted(words):
    return '"' + " ".join(words) + '"'


def _all_of(query):
    return " AND ".join([_quoted([w]) for w in query.words] + [_quoted(p) for p in query.phrases])


def _any_of(words):
    return " OR ".join(_quoted([w]) for w in words)


def _match(columns, query, filters):
    """The FTS expression: the words in `columns`, and the filters' tags."""
    match = f"{columns}: ({_all_of(query)})"
    if filters.category_id is not None:
        match = f"({match}) AND {{tags}}: c{int(filters.category_id)}"
    if filters.author_ids is not None:
        match = f"({match}) AND {{tags}}: ({' OR '.join(f'a{int(i)}' for i in filters.author_ids)})"
    needed, excluded = within(filters.since, filters.until)
    if needed is not None:
        match = f"({match}) AND {{tags}}: ({' OR '.join(needed) or NOTHING})"
    excluded = (excluded or []) + ([] if filters.members else [MEMBERS_ONLY])
    if excluded:
        match = f"({match}) NOT {{tags}}: ({' OR '.join(excluded)})"
    return match


RANK = text(f"""
WITH recent AS (
  SELECT rowid AS post_id, -bm25(search_posts, {POSTS_WEIGHTS}) AS score
  FROM search_posts WHERE search_posts MATCH :posts ORDER BY rowid DESC LIMIT :recent
), titled AS (
  SELECT rowid AS post_id, -bm25(search_threads, {TITLES_WEIGHTS}) * :boost AS score
  FROM search_threads WHERE search_threads MATCH :threads ORDER BY bm25(search_threads, {TITLES_WEIGHTS}) LIMIT :titles
)
SELECT post_id, sum(score) AS score, (SELECT count(*) FROM recent) AS recent_count
FROM (SELECT post_id, score FROM recent UNION ALL SELECT post_id, score FROM titled)
GROUP BY post_id ORDER BY score DESC, post_id DESC
""")


def rank(connection, query, filters, recent, titles, boost):
    """[(post id, score)] best first: the `recent` newest posts matching,
    and the `titles` threads whose title or story match best, the first
    post of those scored `boost` times its title's score more. And how many
    of the newest matched (== `recent`: there are more)."""
    rows = connection.execute(RANK, {
        "posts": _match(TEXT, query, filters), "threads": _match(TITLES, query, filters),
        "recent": recent, "titles": titles, "boost": boost,
    }).all()
    return [(r.post_id, r.score) for r in rows], (rows[0].recent_count if rows else 0)


MARKED = text(f"""
SELECT rowid AS post_id, highlight(search_posts, 1, '{MARK_START}', '{MARK_END}') AS body,
       highlight(search_posts, 2, '{MARK_START}', '{MARK_END}') AS story
FROM search_posts WHERE search_posts MATCH :match AND rowid IN :ids
""").bindparams(bindparam("ids", expanding=True))


def marked(connection, query, post_ids):
    """{post id: (body, story)} with each match between the marks."""
    rows = connection.execute(MARKED, {"match": f"{TEXT}: ({_all_of(query)})", "ids": sorted(post_ids)})
    return {r.post_id: (r.body, r.story) for r in rows}


# Ranked first, joined after: only the few found are looked up.
RELATED = text(f"""
SELECT t.id, t.title, t.slug FROM (
  SELECT rowid AS post_id, bm25(search_threads, {RELATED_WEIGHTS}) AS score FROM search_threads
  WHERE search_threads MATCH '({{title story body}}: (' || coalesce(
      (SELECT nullif(related, '') FROM search_threads WHERE rowid = :source), :fallback) || '))' || :visibility
    AND rowid != :source
  ORDER BY score LIMIT :limit
) found JOIN posts p ON p.id = found.post_id JOIN threads t ON t.id = p.thread_id
ORDER BY found.score, found.post_id DESC
""")


def related(connection, source_post_id, fallback_words, members, limit):
    """The threads most like the one whose first post is `source_post_id`,
    by the words kept with it in the index (or `fallback_words`, its
    title's, when its first post isn't shown): [(id, title, slug)]."""
    return connection.execute(RELATED, {
        "source": source_post_id or 0, "fallback": _any_of(fallback_words) or NOTHING,
        "visibility": "" if members else f" NOT {{tags}}: {MEMBERS_ONLY}", "limit": limit,
    }).all()


INDEXED_THREADS = "SELECT t.id, t.title, t.slug FROM threads t JOIN search_threads s ON s.rowid = t.first_post_id WHERE t.id IN :ids"


def indexed_threads(connection, thread_ids, members):
    """[(id, title, slug)] of these threads still in the index, that is
    with their first post shown (and open to visitors, unless `members`)."""
    sql = INDEXED_THREADS + ("" if members else " AND t.members_only = 0")
    return connection.execute(text(sql).bindparams(bindparam("ids", expanding=True)), {"ids": list(thread_ids)}).all()


def built(connection):
    """After a rebuild: merge the index into one segment, quicker to read."""
    connection.execute(text("INSERT INTO search_posts (search_posts) VALUES ('optimize')"))
    connection.execute(text("INSERT INTO search_threads (search_threads) VALUES ('optimize')"))
