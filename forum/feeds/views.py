"""Atom feeds: the latest threads, a category's latest threads, a thread's
latest posts. The same for everyone who asks, so they never look at who is
signed in, and say nothing a visitor couldn't read on the pages."""
from flask import render_template, request, url_for
from flask_login import AnonymousUserMixin

from ..categories.queries import category_by_slug
from ..permissions import can
from ..timeutil import utcnow
from . import bp, queries

ATOM = "application/atom+xml"
# The date in every entry's tag: URI (RFC 4151). It never changes, so an
# entry keeps its id for as long as the forum keeps its address.
TAG_DATE = "2026"


@bp.app_template_filter("atom_time")
def atom_time(value):
    """An RFC 3339 time in UTC, as Atom wants it (times are stored naive UTC)."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.app_template_global("thread_feed_url")
def thread_feed_url(thread):
    """The thread's feed, or None when a visitor may not read the thread."""
    if not can(AnonymousUserMixin(), "read_thread", thread):
        return None
    return url_for("feeds.thread", thread_id=thread.id, _external=True)


def changed_at(post):
    """When a post last changed in a way its readers see: written, edited,
    hidden or deleted."""
    return max(when for when in (post.created_at, post.edited_at, post.hidden_at, post.deleted_at) if when)


def tag(specific):
    """A stable Atom id: tag:<this forum's host>,<date>:<what>."""
    return f"tag:{request.host.partition(':')[0]},{TAG_DATE}:{specific}"


def _atom(template, **context):
    body = render_template(template, tag=tag, changed_at=changed_at, **context)
    return body, 200, {"Content-Type": f"{ATOM}; charset=utf-8"}


def _newest(times):
    # An empty feed still needs an <updated>: it is as new as the asking.
    return max(times, default=None) or utcnow()


@bp.route("/latest.atom")
def latest():
    entries = queries.latest_threads()
    return _atom("feeds/threads.xml", entries=entries, category=None,
                 updated=_newest(changed_at(post) for _, post in entries))


@bp.route("/categories/<slug>.atom")
def category(slug):
    found = category_by_slug(slug)
    entries = queries.category_threads(found)
    return _atom("feeds/threads.xml", entries=entries, category=found,
                 updated=_newest(changed_at(post) for _, post in entries))


@bp.route("/threads/<id:thread_id>.atom")
def thread(thread_id):
    found = queries.thread_for_feed(thread_id)
    posts = queries.thread_posts(found)
    return _atom("feeds/thread.xml", thread=found, posts=posts,
                 updated=max((changed_at(post) for post in posts), default=found.created_at))
