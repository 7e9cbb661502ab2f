"""What every template can use."""
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


def _can(action, obj=None):
    # The real user object, not the proxy: a thread page asks this a hundred
    # times, and every attribute read through the proxy costs a lookup.
    return permissions.can(current_user._get_current_object(), action, obj)


def _why_not(action, obj=None):
    return permissions.why_not(current_user._get_current_object(), action, obj)


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
    app.jinja_env.globals["staff_title"] = permissions.staff_title
