from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .. import textdiff
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
    """How version `new`'s full text differs from version `old`'s, word by
    word (a textdiff.Difference)."""
    return textdiff.difference(old.body, new.body)


def changes_since_accepted(member, version):
    """(the version `member` accepted, how `version` differs from it), or
    None when they accepted none, it is no longer kept, or it is `version`."""
    accepted_id = member.disclaimer_version_id
    if accepted_id is None or accepted_id == version.id:
        return None
    accepted = db.session.get(DisclaimerVersion, accepted_id)
    return None if accepted is None else (accepted, compare(accepted, version))
