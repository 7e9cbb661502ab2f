import pytest

from forum.search import queries, related
from tests import factories


@pytest.fixture(autouse=True)
def _nothing_remembered():
    # Related threads are remembered in this process: each test starts afresh.
    related.forget()
    yield
    related.forget()


def found(text, viewer=None, **filters):
    """The ids of the posts a search finds, best first (first page)."""
    return [hit.post.id for hit in queries.search(text, viewer, **filters).hits]


@pytest.fixture
def thread(member, category):
    """A thread about piriformis stretches, with a reply about sitting."""
    thread = factories.make_thread(author=member, category=category, title="Piriformis stretches that helped",
                                   body="I stretch twice a day, lying on my back.")
    factories.make_post(thread, body="Sitting all day at my desk makes the buttock pain worse.")
    return thread
