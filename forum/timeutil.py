"""Times are stored as naive UTC datetimes, the same on SQLite and PostgreSQL."""
from datetime import datetime, UTC


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)
