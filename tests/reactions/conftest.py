import pytest

from tests import factories


@pytest.fixture
def thread(member, other_member, category):
    """ana_runner asks; desk_sitter replies."""
    return factories.make_thread(author=member, category=category, title="Sitting makes it worse",
                                 replies=1, reply_author=other_member)


@pytest.fixture
def question(thread):
    return factories.posts_of(thread)[0]


@pytest.fixture
def desks_reply(thread):
    return factories.posts_of(thread)[1]
