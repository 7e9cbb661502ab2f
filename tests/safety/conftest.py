import pytest

from forum.extensions import db
from forum.safety.starting import ensure_lists


@pytest.fixture(autouse=True)
def safety_lists(app):
    """The lists a new forum starts with (every test begins with empty tables)."""
    ensure_lists()
    db.session.commit()
