"""The read side: searching, and the related threads under a thread.

`search` keeps one contract on both databases: hits best first, each a
shown post with its thread, category and author, and an excerpt with the
matching words marked; a page of them; whether there were more matches
than were ranked. Ranking reads a bounded set (the RECENT newest posts
matching, and the TITLES threads whose titles match best), so a search for
the commonest word costs about what a rare one does; the title's score
counts BOOST times, so a thread named for what you seek comes first.

Who may see what is the index's business: hidden and deleted posts, and
posts of deleted accounts, are never in it; members-only threads are
searched only for someone signed in (as threads.queries.visible_to_visitors
keeps them off visitors' lists).
"""
from dataclasses import dataclass, field
from typing import NamedTuple

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.queries import find_member
from ..extensions import db
from ..pagination import Page, offset_for
from ..practitioners.models import Application
from ..practitioners.queries import in_force
from ..threads.models import Post, Thread
from . import indexing, related, terms
from .documents import plain_text
from .excerpts import excerpt, has_match

PER_PAGE = 20
RECENT = 1000
TITLES = 200
BOOST = 2.0
RELATED_SHOWN = 5
RELATED_FOUND = 12  # so that a few can have gone and five still show


@dataclass(frozen=True)
class Hit:
    post: Post
    excerpt: Markup


@dataclass(frozen=True)
class Results:
    """What a search found. `unknown_author`: no member by the name asked
    for (nothing searched). `more`: more posts matched than were ranked."""

    query: terms.Query
    page: Page
    more: bool = False
    unknown_author: bool = False
    filters: terms.Filters = field(default_factory=terms.Filters)

    @property
    def hits(self):
        return self.page.items


def _signed_in(viewer):
    return bool(getattr(viewer, "is_authenticated", False))


def _author_ids(author, practitioners):
    """(the authors a search keeps to, or None for anyone; whether `author`,
    a username, names nobody). No author can match: ()."""
    ids = None
    if author:
        member = find_member(author)
        if member is None or member.deleted_at is not None:
            return (), True
        ids = (member.id,)
    if practitioners:
        badges = set(db.session.scalars(select(Application.member_id).where(in_force())))
        ids = tuple(sorted(badges if ids is None else badges & set(ids)))
    return ids, False


def _hits(connection, query, post_ids):
    """Hit for each id, in the same order: the posts with their threads,
    categories and authors in one query, their marked texts in one more."""
    posts = {p.id: p for p in db.session.scalars(
        select(Post).where(Post.id.in_(post_ids))
        .options(joinedload(Post.thread).joinedload(Thread.category), joinedload(Post.author))
    )}
    marks = indexing.backend(connection).marked(connection, query, post_ids)
    hits = []
    for post_id in post_ids:
        if post_id in posts:
            body, story = marks.get(post_id, (None, None))
            shown = story if has_match(story) and not has_match(body) else body or plain_text(posts[post_id].body)
            hits.append(Hit(posts[post_id], excerpt(shown)))
    return hits


def search(text, viewer=None, *, category_id=None, author=None, practitioners=False, since=None, until=None,
           page=1, per_page=PER_PAGE):
    """Posts matching every word and phrase of `text` that `viewer` may read,
    narrowed to a category, an author (a username), verified practitioners
    (their badge in force now), and days from `since` to `until` (included)."""
    query = terms.parse(text)
    nothing = Page([], page, per_page, 0)
    if not query.searchable:
        return Results(query, nothing)
    author_ids, unknown = _author_ids(author, practitioners)
    filters = terms.Filters(category_id=category_id, author_ids=author_ids, since=since, until=until,
                            members=_signed_in(viewer))
    if author_ids == () or (since and until and since > until):
        return Results(query, nothing, unknown_author=unknown, filters=filters)
    connection = db.session.connection()
    ranked, recent = indexing.backend(connection).rank(connection, query, filters, RECENT, TITLES, BOOST)
    start = offset_for(page, per_page)
    shown = [post_id for post_id, _ in ranked[start:start + per_page]]
    hits = _hits(connection, query, shown) if shown else []
    return Results(query, Page(hits, page, per_page, len(ranked)), more=recent >= RECENT, filters=filters)


class Related(NamedTuple):
    id: int
    title: str
    slug: str


def related_threads(thread, viewer, limit=RELATED_SHOWN):
    """The threads most like `thread` that `viewer` may read, best first:
    one query."""
    members = _signed_in(viewer)
    key = (thread.id, members)
    connection = db.session.connection()
    index = indexing.backend(connection)
    remembered = related.recall(key)
    if remembered is not None:
        rows = {row.id: row for row in index.indexed_threads(connection, remembered[:RELATED_FOUND], members)}
        found = [rows[i] for i in remembered if i in rows]
    else:
        since = related.generation()
        fallback = terms.related_terms(thread.title, "", "")
        found = index.related(connection, thread.first_post_id, fallback, members, RELATED_FOUND)
        related.remember(key, [row.id for row in found], since)
    return [Related(row.id, row.title, row.slug) for row in found[:limit]]
