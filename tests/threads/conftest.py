"""A thread to read and write in, and ways to look at one post on a page."""
import re
from html import unescape

import pytest

from forum.extensions import db
from tests import factories


@pytest.fixture
def thread(member, category):
    return factories.make_thread(
        author=member, category=category,
        title="Fell on ice, buttock pain since", body="It started **last winter**.",
    )


def post_card(html, post_id):
    """The HTML of one post's card on a thread page."""
    match = re.search(rf'<article[^>]*\bid="post-{post_id}".*?</article>', html, re.S)
    assert match, f"post {post_id} is not on the page"
    return match.group(0)




def reload(obj):
    """The row as the database has it now: each request runs in a session of
    its own, so what the test loaded earlier may be out of date."""
    db.session.refresh(obj)
    return obj


def textarea(html, name="body"):
    """The text a form's textarea holds, as the browser would show it."""
    match = re.search(rf'<textarea[^>]*\bname="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no {name} box on the page"
    return unescape(match.group(1)).removeprefix("\r\n").removeprefix("\n")


def field_error(html, field_id):
    """The error message shown beside a form field, or None."""
    match = re.search(rf'<p class="error-message" id="{field_id}-error">(.*?)</p>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Error:", "").strip() if match else None
