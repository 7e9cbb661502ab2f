import difflib

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..errors import NotFound
from ..extensions import db
from ..routing import MAX_ID
from .models import DisclaimerVersion


def current_version():
    return db.session.scalar(select(DisclaimerVersion).order_by(DisclaimerVersion.id.desc()).limit(1))


def required_version_id():
    """The newest version members must have accepted to post."""
    return db.session.scalar(select(func.max(DisclaimerVersion.id)).where(DisclaimerVersion.must_accept.is_(True))) or 0


def version_by_id(version_id):
    # The compare page takes ids from its query string, unchecked by a route converter.
    if not 1 <= version_id <= MAX_ID:
        raise NotFound("There is no such version of the disclaimer.")
    version = db.session.get(DisclaimerVersion, version_id)
    if version is None:
        raise NotFound("There is no such version of the disclaimer.")
    return version


def all_versions():
    return db.session.scalars(
        select(DisclaimerVersion).order_by(DisclaimerVersion.id.desc()).options(joinedload(DisclaimerVersion.published_by))
    ).all()


def compare(old, new):
    """Line-by-line differences between two versions' Markdown, as
    (kind, text) pairs where kind is "same", "added" or "removed"."""
    lines = []
    for line in difflib.ndiff(old.body.splitlines(), new.body.splitlines()):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        lines.append(({"  ": "same", "+ ": "added", "- ": "removed"}[code], text))
    return lines
