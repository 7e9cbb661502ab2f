"""Times are stored as naive UTC datetimes, the same on SQLite and PostgreSQL."""
from datetime import datetime, timezone


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)
