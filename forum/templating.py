"""What every template can use."""
from types import SimpleNamespace

from flask import g
from flask_login import current_user
from markupsafe import Markup, escape

from . import permissions


def _when(value):
    """A time as readers see it, in a <time> element machines can read."""
    if value is None:
        return ""
    iso = value.strftime("%Y-%m-%dT%H:%M:%SZ")
    label = value.strftime("%-d %b %Y, %H:%M") + " UTC"
    return Markup(f'<time datetime="{iso}">{escape(label)}</time>')


def _date(value):
    return value.strftime("%-d %b %Y") if value else ""


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
                "hide_post", "restore_post", "react", "bookmark_post")


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
