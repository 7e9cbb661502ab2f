"""Times are stored as naive UTC datetimes, the same on SQLite and PostgreSQL.

People read them in their own time zone (a setting; UTC for visitors) and
naturally: "3 hours ago", "yesterday", then dates. The functions here are
pure and take `now`, so what a page says at any moment can be tested exactly.
"""
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC_ZONE = ZoneInfo("UTC")


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


@cache
def zone_names():
    """The zones a member may choose: "UTC" first, then the places of the
    time zone database's zone.tab (one name per region of a country, without
    the old aliases such as "US/Eastern" or "America/Buenos_Aires"), sorted."""
    listing = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in listing.splitlines() if line and not line.startswith("#"))
    return ("UTC", *sorted(row[2] for row in rows))


def is_zone_name(name):
    return name in zone_names()


def zone(name):
    """The zone called `name`; UTC for None, or for a name this machine no
    longer knows (zones are sometimes renamed), so a page never fails on it."""
    if not name:
        return UTC_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC_ZONE


def zone_label(tz):
    """How a zone is named to people: "America/New York", "UTC"."""
    return tz.key.replace("_", " ")


def _utc(value):
    """A stored time (naive UTC) or an aware one, as an aware UTC time."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def local(value, tz):
    """The wall-clock time in `tz` of a stored time."""
    return _utc(value).astimezone(tz)


def machine_time(value):
    """For <time datetime="...">: always UTC, to the second."""
    return _utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_label(value, tz=UTC_ZONE):
    """ "3 Dec 2026", the day it was in `tz`; a date is shown as it is."""
    day = local(value, tz) if isinstance(value, datetime) else value
    return f"{day.day} {day:%b %Y}"


def exact_time(value, tz=UTC_ZONE):
    """ "3 Dec 2026, 14:00 Europe/Berlin": the time in full, zone named."""
    moment = local(value, tz)
    return f"{moment.day} {moment:%b %Y, %H:%M} {zone_label(tz)}"


def _count(n, unit):
    return f"{n} {unit}{'' if n == 1 else 's'}"


def natural_time(value, now, tz=UTC_ZONE):
    """How long ago `value` was, as people say it, seen from `now` in `tz`:
    "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago",
    then "3 Dec" this year and "3 Dec 2025" before. Days are calendar days
    in the reader's zone, so "yesterday" means the day before today there."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return day_label(value)
    seconds = (_utc(now) - _utc(value)).total_seconds()
    if abs(seconds) < 60:
        return "just now"
    if seconds < 0:
        return _ahead(value, now, tz)
    if seconds < 3600:
        return _count(int(seconds // 60), "minute") + " ago"
    then, today = local(value, tz).date(), local(now, tz).date()
    days = (today - then).days
    # Under a day is counted in hours even across midnight: "2 hours ago"
    # reads better than "yesterday" for 23:00 seen at 01:00.
    if seconds < 86400 or days == 0:
        return _count(int(seconds // 3600), "hour") + " ago"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return f"{then.day} {then:%b}" if then.year == today.year else day_label(then)


def _ahead(value, now, tz):
    """A time still to come, such as the end of a suspension. Templates put
    it after "until" or "from", so it says when, not how long: "tomorrow at
    09:00", "6 Dec at 09:00", "6 Dec 2027 at 09:00"."""
    moment, today = local(value, tz), local(now, tz).date()
    days = (moment.date() - today).days
    clock = f"{moment:%H:%M}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    if moment.year == today.year:
        return f"{moment.day} {moment:%b} at {clock}"
    return f"{day_label(moment.date())} at {clock}"
