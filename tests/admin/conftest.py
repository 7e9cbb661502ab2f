"""The people who use the back office, each with a browser of their own."""
import pytest

from forum.following.services import follow_thread
from tests import factories


@pytest.fixture
def moderator_client(client_for, moderator):
    return client_for(moderator)


@pytest.fixture
def admin_client(client_for, admin):
    return client_for(admin)


@pytest.fixture
def thread(member, category):
    """ana_runner asks; other people reply. She stops following it, so her
    notifications hold only what moderation tells her."""
    asked = factories.make_thread(author=member, category=category, title="Does foam rolling help piriformis pain?",
                                  body="I have rolled for two weeks. Anyone else?")
    follow_thread(member, asked, following=False)
    return asked


@pytest.fixture
def bad_reply(thread, other_member):
    """desk_sitter's reply, the post people report."""
    return factories.make_post(thread, author=other_member, body="Stop all your medication and roll harder.")
