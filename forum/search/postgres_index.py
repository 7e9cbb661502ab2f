"""The index on PostgreSQL: full-text search with the 'english'
configuration (stemming, stop words), tsvector columns with GIN indexes.

- search_posts: one row per shown post: what it is filtered by (thread,
  category, author, date, members-only), its plain text (title and story
  on the first post only, for the excerpts) and `document`, the title
  weighted A, the story B and the body D.
- search_threads: one row per thread whose first post is shown, keyed by
  that post's id: `title_document` (title A, story B) for ranking titles,
  `document` (with the first post's body) and `related_query`, the words it
  is most about, for finding the threads like it.

Every query word goes in as a bound parameter of plainto_tsquery or
phraseto_tsquery: nothing typed is read as tsquery syntax.
"""
from datetime import datetime, time, timedelta

from sqlalchemy import text

from .documents import MARK_END, MARK_START

TABLES = ("search_posts", "search_threads")
_WHO = "post_id integer PRIMARY KEY, thread_id integer NOT NULL, category_id integer NOT NULL, " \
       "author_id integer NOT NULL, created_at timestamp NOT NULL, members_only boolean NOT NULL"
INDEXES = (
    "CREATE INDEX ix_search_posts_document ON search_posts USING gin (document)",
    # The newest posts, of a category, of an author: each read newest first.
    "CREATE INDEX ix_search_posts_created ON search_posts (created_at, post_id)",
    "CREATE INDEX ix_search_posts_category ON search_posts (category_id, created_at, post_id)",
    "CREATE INDEX ix_search_posts_author ON search_posts (author_id, created_at, post_id)",
    "CREATE INDEX ix_search_threads_title_document ON search_threads USING gin (title_document)",
    "CREATE INDEX ix_search_threads_document ON search_threads USING gin (document)",
)
TITLE = "setweight(to_tsvector('english', :title), 'A') || setweight(to_tsvector('english', :story), 'B')"
HEADLINE = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}"


def create(connection, indexes=True):
    connection.execute(text(f"CREATE TABLE search_posts ({_WHO}, title text NOT NULL, body text NOT NULL, "
                            "story text NOT NULL, document tsvector NOT NULL)"))
    connection.execute(text(f"CREATE TABLE search_threads ({_WHO}, title_document tsvector NOT NULL, "
                            "document tsvector NOT NULL, related_query tsquery)"))
    if indexes:
        create_indexes(connection)


def create_indexes(connection):
    for statement in INDEXES:
        connection.execute(text(statement))


def drop(connection):
    for table in TABLES:
        connection.execute(text(f"DROP TABLE IF EXISTS {table}"))


def empty(connection):
    """Start again from nothing, the indexes built after the rows (far
    quicker than keeping them up to date row by row)."""
    drop(connection)
    create(connection, indexes=False)


def remove(connection, post_ids):
    for table in TABLES:
        connection.execute(text(f"DELETE FROM {table} WHERE post_id = ANY(:ids)"), {"ids": sorted(post_ids)})


def _who(doc):
    return {"post_id": doc.post_id, "thread_id": doc.thread_id, "category_id": doc.category_id, "author_id": doc.author_id,
            "created_at": doc.created_at, "members_only": doc.members_only, "title": doc.title, "story": doc.story, "body": doc.body}


def _excluded(columns):
    return ", ".join(f"{column} = excluded.{column}" for column in columns)


_WHO_COLUMNS = ("thread_id", "category_id", "author_id", "created_at", "members_only")
# Two transactions rewriting one post's document at once (a thread moved as
# one of its posts is edited): the later one's wins, rather than failing.
_EXCLUDED_POSTS = _excluded(_WHO_COLUMNS + ("title", "body", "story", "document"))
_EXCLUDED_THREADS = _excluded(_WHO_COLUMNS + ("title_document", "document", "related_query"))


def write(connection, docs):
    if not docs:
        return
    columns = "post_id, thread_id, category_id, author_id, created_at, members_only"
    values = ":post_id, :thread_id, :category_id, :author_id, :created_at, :members_only"
    connection.execute(text(f"INSERT INTO search_posts ({columns}, title, body, story, document) VALUES ({values}, "
                            f":title, :body, :story, {TITLE} || to_tsvector('english', :body)) "
                            f"ON CONFLICT (post_id) DO UPDATE SET {_EXCLUDED_POSTS}"),
                       [_who(d) for d in docs])
    heads = [{**_who(d), "related": " | ".join(d.related_terms)} for d in docs if d.is_first]
    if heads:
        # The related words are letters and digits only (terms.WORD): joined
        # with " | ", they are an OR of words and nothing else.
        connection.execute(text(f"INSERT INTO search_threads ({columns}, title_document, document, related_query) "
                                f"VALUES ({values}, {TITLE}, {TITLE} || to_tsvector('english', :body), "
                                "to_tsquery('english', nullif(:related, ''))) "
                                f"ON CONFLICT (post_id) DO UPDATE SET {_EXCLUDED_THREADS}"), heads)


def _tsquery(query, params):
    parts = []
    for n, word in enumerate(query.words):
        params[f"w{n}"] = word
        parts.append(f"plainto_tsquery('english', :w{n})")
    for n, phrase in enumerate(query.phrases):
        params[f"p{n}"] = " ".join(phrase)
        parts.append(f"phraseto_tsquery('english', :p{n})")
    return "(" + " && ".join(parts) + ")"


def _filters(filters, params):
    found = []
    if filters.category_id is not None:
        found.append("s.category_id = :category_id")
        params["category_id"] = filters.category_id
    if filters.author_ids is not None:
        found.append("s.author_id = ANY(:author_ids)")
        params["author_ids"] = list(filters.author_ids)
    if filters.since is not None:
        found.append("s.created_at >= :since")
        params["since"] = datetime.combine(filters.since, time())
    if filters.until is not None:
        found.append("s.created_at < :until")
        params["until"] = datetime.combine(filters.until + timedelta(days=1), time())
    if not filters.members:
        found.append("NOT s.members_only")
    return "".join(f" AND {condition}" for condition in found)


# The newest matches, without trusting the planner's guess of how many
# posts match. It guesses each word's share well but multiplies them, as
# if words never went together: "figure four stretch" looks rare when every
# "figure" stands before "four". Guessing "rare", it reads every match
# through the GIN index and sorts them (a quarter of a second for 70,000
# matches in 500,000 posts); guessing "common" when the matches are few or
# all old (a date range), it walks back through nearly every post.
# So: walk back through the WINDOW newest posts (as filtered), which holds
# `recent` matches whenever the words are at all common; only when it
# doesn't are the matches few, and read through the index ("sparse", kept
# apart from any ordering so the planner can't walk instead). An author's
# posts, or the practitioners', are few enough to go straight to the index.
WINDOW = 50_000
NEWEST = """
dense AS (
  SELECT post_id, created_at FROM (
    SELECT s.post_id, s.created_at, s.document FROM search_posts s WHERE TRUE{where}
    ORDER BY s.created_at DESC, s.post_id DESC LIMIT :window) w
  WHERE w.document @@ {q} ORDER BY created_at DESC, post_id DESC LIMIT :recent
), sparse AS MATERIALIZED (
  SELECT s.post_id, s.created_at FROM search_posts s
  WHERE (SELECT count(*) FROM dense) < :recent AND s.document @@ {q}{where}
), recent AS (
  SELECT post_id FROM dense WHERE (SELECT count(*) FROM dense) = :recent
  UNION ALL
  (SELECT post_id FROM sparse ORDER BY created_at DESC, post_id DESC LIMIT :recent)
)"""


def rank(connection, query, filters, recent, titles, boost):
    """As sqlite_index.rank, "newest" being by when written. The newest
    matches are found first and scored after, so only those few are ever
    ranked. (The tsquery is written out in each part rather than shared:
    written out, the planner sees its words and knows how common each is.)"""
    window = WINDOW if filters.author_ids is None else 0
    params = {"recent": recent, "titles": titles, "boost": boost, "window": window}
    q, where = _tsquery(query, params), _filters(filters, params)
    rows = connection.execute(text(f"""
WITH {NEWEST.format(q=q, where=where).strip()}, scored AS (
  SELECT s.post_id, ts_rank(s.document, {q}, 1) AS score FROM search_posts s JOIN recent r ON r.post_id = s.post_id
), titled AS (
  SELECT s.post_id, ts_rank(s.title_document, {q}) * :boost AS score
  FROM search_threads s WHERE s.title_document @@ {q}{where} ORDER BY 2 DESC LIMIT :titles
)
SELECT post_id, sum(score) AS score, (SELECT count(*) FROM recent) AS recent_count
FROM (SELECT post_id, score FROM scored UNION ALL SELECT post_id, score FROM titled) m
GROUP BY post_id ORDER BY 2 DESC, 1 DESC"""), params).all()
    return [(r.post_id, r.score) for r in rows], (rows[0].recent_count if rows else 0)


def marked(connection, query, post_ids):
    params = {"ids": sorted(post_ids), "options": HEADLINE}
    q = _tsquery(query, params)
    rows = connection.execute(text(f"SELECT post_id, ts_headline('english', body, {q}, :options) AS body, "
                                   f"ts_headline('english', story, {q}, :options) AS story "
                                   "FROM search_posts WHERE post_id = ANY(:ids)"), params)
    return {r.post_id: (r.body, r.story) for r in rows}


def _any_of(words, params):
    for n, word in enumerate(words):
        params[f"f{n}"] = word
    return " || ".join(f"plainto_tsquery('english', :f{n})" for n in range(len(words))) or "NULL::tsquery"


def related(connection, source_post_id, fallback_words, members, limit):
    params = {"source": source_post_id or 0, "limit": limit}
    fallback = _any_of(fallback_words, params)
    # Ranked first, joined after: only the few found are looked up.
    return connection.execute(text(f"""
SELECT t.id, t.title, t.slug FROM (
  SELECT s.thread_id, s.post_id, ts_rank(s.document, r.q) AS score
  FROM search_threads s,
       (SELECT coalesce((SELECT related_query FROM search_threads WHERE post_id = :source), {fallback}) AS q) r
  WHERE s.document @@ r.q AND s.post_id != :source{"" if members else " AND NOT s.members_only"}
  ORDER BY score DESC, s.post_id DESC LIMIT :limit
) found JOIN threads t ON t.id = found.thread_id
ORDER BY found.score DESC, found.post_id DESC"""), params).all()


def indexed_threads(connection, thread_ids, members):
    sql = "SELECT t.id, t.title, t.slug FROM threads t JOIN search_threads s ON s.post_id = t.first_post_id WHERE t.id = ANY(:ids)"
    return connection.execute(text(sql + ("" if members else " AND NOT t.members_only")), {"ids": list(thread_ids)}).all()


def built(connection):
    """After a rebuild: the indexes, and the statistics the planner needs
    to know how common each word is."""
    create_indexes(connection)
    for table in TABLES:
        connection.execute(text(f"ANALYZE {table}"))
