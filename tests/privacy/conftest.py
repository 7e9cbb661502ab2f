import pytest

from .history import make_history


@pytest.fixture
def history(member, other_member, moderator):
    return make_history(member, other_member, moderator)
