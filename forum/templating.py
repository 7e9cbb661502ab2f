"""What every template can use."""
from datetime import datetime
from types import SimpleNamespace

from flask import g, has_request_context
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup, escape

from . import permissions, timeutil


def _reader_zone():
    """The zone the person reading reads in: their setting, UTC for visitors.
    Looked up once a request, though a thread page asks sixty times."""
    user = _viewer() if has_request_context() else None
    name = getattr(user, "time_zone", None)
    known = g.get("reader_zone")
    if known is None or known[0] != name:
        known = g.reader_zone = (name, timeutil.zone(name))
    return known[1]


def _in_mail(context):
    # An email has no reader signed in, and is read later than it is
    # written: "3 hours ago" would be wrong by then, so it gets UTC dates.
    return (context.name or "").startswith("mail/")


@pass_context
def _when(context, value):
    """A time as the reader sees it: natural ("3 hours ago"), in a <time>
    element holding the exact moment for machines and, as its title, in the
    reader's time zone for people."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        day = timeutil.day_label(value)
        return day if _in_mail(context) else Markup(f'<time datetime="{value.isoformat()}">{escape(day)}</time>')
    if _in_mail(context):
        return timeutil.exact_time(value)
    tz = _reader_zone()
    text = timeutil.natural_time(value, timeutil.utcnow(), tz)
    return Markup(f'<time datetime="{timeutil.machine_time(value)}" title="{escape(timeutil.exact_time(value, tz))}">'
                  f'{escape(text)}</time>')


@pass_context
def _date(context, value):
    """The day, as it was in the reader's time zone: "3 Dec 2026"."""
    if not value:
        return ""
    return timeutil.day_label(value, timeutil.UTC_ZONE if _in_mail(context) else _reader_zone())


def _duration(delta):
    """A rough, readable length of time: "3 days", "5 hours", "12 minutes"."""
    seconds = int(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "under a minute"


def _count(n, cap=10_000):
    """A count that may have been capped: 10,001 reads "10,000+"."""
    return f"{cap:,}+" if n > cap else f"{n:,}"


def _viewer():
    # The real user object, not the proxy: a thread page asks `can` a
    # hundred times, and every attribute read through the proxy costs a
    # lookup. Flask-Login keeps the user it loaded for the request in g.
    user = g.get("_login_user")
    return user if user is not None else current_user._get_current_object()


def _can(action, obj=None):
    return permissions.can(_viewer(), action, obj)


# What a post's card asks about it, in the order it asks.
POST_ACTIONS = ("view_hidden_post", "quote_post", "edit_post", "delete_post", "report_post", "mark_helpful",
                "hide_post", "restore_post", "react", "bookmark_post", "view_post_history")


def _post_permissions(post, thread):
    """Everything a post's card asks `can`, asked in one call: a thread page
    draws twenty cards, and each call from a template costs more than the
    rule it asks. The thread's own questions are asked once a page."""
    user = _viewer()
    answers = {action: permissions.can(user, action, post) for action in POST_ACTIONS}
    known = g.setdefault("thread_permissions", {})
    if thread.id not in known:
        known[thread.id] = (permissions.can(user, "reply", thread), permissions.can(user, "unmark_helpful", thread))
    answers["reply"], answers["unmark_helpful"] = known[thread.id]
    answers["warn_member"] = answers["hide_post"] and permissions.can(user, "warn_member", post.author)
    return SimpleNamespace(**answers)


def _why_not(action, obj=None):
    return permissions.why_not(_viewer(), action, obj)


def init_templating(app):
    app.jinja_env.filters["when"] = _when
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["duration"] = _duration
    app.jinja_env.filters["count"] = _count
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    # A global, not a context variable, so imported macros can ask it too.
    app.jinja_env.globals["can"] = _can
    app.jinja_env.globals["why_not"] = _why_not
    app.jinja_env.globals["post_permissions"] = _post_permissions
    app.jinja_env.globals["staff_title"] = permissions.staff_title
