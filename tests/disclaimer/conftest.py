"""A moderator to publish versions, and a thread to reply in."""
import pytest

from tests import factories


@pytest.fixture
def thread(other_member, category):
    return factories.make_thread(author=other_member, category=category, title="What helped your sciatica at night?",
                                 body="A pillow between the knees helps me.")
