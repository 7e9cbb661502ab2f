import pytest

from tests.conftest import sign_in
from tests.moderation.factories import make_moderator


@pytest.fixture
def moderator():
    return make_moderator(username="mod_kim")


@pytest.fixture
def client_for(app):
    """A browser of its own, signed in as `user`."""
    def open_as(user):
        return sign_in(app.test_client(), user)

    return open_as
