"""The people who use the back office, each with a browser of their own."""
import pytest

from tests import factories
from tests.conftest import sign_in

from .factories import make_admin, make_moderator


@pytest.fixture
def moderator():
    return make_moderator(username="mod_kim")


@pytest.fixture
def admin():
    return make_admin(username="admin_lee")


@pytest.fixture
def client_for(app):
    """A browser of its own, signed in as `user` (or a visitor's, for None)."""
    def open_as(user=None):
        browser = app.test_client()
        return sign_in(browser, user) if user is not None else browser

    return open_as


@pytest.fixture
def moderator_client(client_for, moderator):
    return client_for(moderator)


@pytest.fixture
def admin_client(client_for, admin):
    return client_for(admin)


@pytest.fixture
def thread(member, category):
    """ana_runner asks; other people reply."""
    return factories.make_thread(author=member, category=category, title="Does foam rolling help piriformis pain?",
                                 body="I have rolled for two weeks. Anyone else?")


@pytest.fixture
def bad_reply(thread, other_member):
    """desk_sitter's reply, the post people report."""
    return factories.make_post(thread, author=other_member, body="Stop all your medication and roll harder.")
