"""The people of moderation, and a thread with a reply to act on."""
import re
from html import unescape

import pytest

from forum.following.services import follow_thread
from tests import factories

from tests.factories import make_moderator


@pytest.fixture
def other_moderator():
    return make_moderator(username="mod_sam")


@pytest.fixture
def thread(member, category):
    """ana_runner asks; desk_sitter's reply is the post people act on. She stops following it, so her
    notifications hold only what moderation tells her."""
    asked = factories.make_thread(author=member, category=category, title="Does foam rolling help piriformis pain?",
                                  body="I have rolled for two weeks. Anyone else?")
    follow_thread(member, asked, following=False)
    return asked


@pytest.fixture
def reply(thread, other_member):
    return factories.make_post(thread, author=other_member, body="Stop all your medication and **roll harder**.")


def text_of(html):
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    words = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
    return re.sub(r" ([.,;:!?])", r"\1", words)


def post_card(html, post_id):
    match = re.search(rf'<article[^>]*\bid="post-{post_id}".*?</article>', html, re.S)
    assert match, f"post {post_id} is not on the page"
    return match.group(0)


def field_error(html, field_id):
    match = re.search(rf'<p class="error-message" id="{field_id}-error">(.*?)</p>', html, re.S)
    return text_of(match.group(1)).replace("Error:", "").strip() if match else None


def flashes(html):
    return [text_of(m) for m in re.findall(r'<p class="flash flash-\w+">(.*?)</p>', html, re.S)]
