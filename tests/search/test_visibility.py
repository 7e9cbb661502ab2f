"""Nobody finds what they may not read: hidden and deleted posts and the
posts of deleted accounts are found by no one; a members-only thread is
found by members, never by visitors. Proved through the page, as each
reader would search."""
import pytest
from flask_login import AnonymousUserMixin

from forum.moderation import services as moderation
from forum.permissions import can
from forum.privacy.services import delete_account
from forum.threads import services as threads
from tests import factories
from tests.factories import text_of
from tests.search.conftest import found

READERS = ["visitor", "member", "moderator", "author"]


@pytest.fixture
def browser(client_for, member, other_member, moderator):
    people = {"visitor": None, "member": other_member, "moderator": moderator, "author": member}
    return lambda who: client_for(people[who])


def hits_on_page(browser, who, words):
    html = browser(who).get("/search/", query_string={"q": words}).get_data(as_text=True)
    return text_of(html).count("· ana_runner ·"), html


@pytest.mark.parametrize("who", READERS)
def test_a_hidden_post_is_found_by_no_one(browser, thread, moderator, who):
    _, reply = factories.posts_of(thread)
    assert hits_on_page(browser, who, "desk")[0] == 1
    moderation.hide_post(moderator, reply, "Personal details.")
    count, html = hits_on_page(browser, who, "desk")
    assert count == 0 and "No posts found" in text_of(html) and "desk at my" not in html


@pytest.mark.parametrize("who", READERS)
def test_a_deleted_post_is_found_by_no_one(browser, thread, member, who):
    _, reply = factories.posts_of(thread)
    threads.delete_post(member, reply)
    assert hits_on_page(browser, who, "desk")[0] == 0


@pytest.mark.parametrize("who", READERS[:3])
@pytest.mark.parametrize("keep_posts", [True, False])
def test_a_deleted_accounts_posts_are_found_by_no_one(browser, thread, member, who, keep_posts):
    assert hits_on_page(browser, who, "sitting")[0] == 1
    delete_account(member, member, keep_posts, factories.PASSWORD)
    html = browser(who).get("/search/?q=sitting").get_data(as_text=True)
    assert "No posts found" in text_of(html) and "Former member" not in html


@pytest.mark.parametrize("who, sees", [("visitor", False), ("member", True), ("moderator", True), ("author", True)])
def test_a_members_only_thread_is_found_by_members_only(browser, member, category, who, sees):
    closed = factories.make_thread(author=member, category=category, title="Private worries", body="Bladder trouble since May.")
    threads.set_members_only(member, closed, True)
    count, html = hits_on_page(browser, who, "bladder")
    assert count == (1 if sees else 0)
    assert ("Private worries" in html) is sees


def test_what_visitors_find_agrees_with_who_may_read_it(member, other_member, category):
    visitor = AnonymousUserMixin()
    for n in range(3):
        thread = factories.make_thread(author=member, category=category, title=f"Walking {n}", body="Walking helps.")
        if n % 2:
            threads.set_members_only(member, thread, True)
    from forum.search import queries

    for reader, expected in ((visitor, 2), (other_member, 3)):
        hits = queries.search("walking", reader).hits
        assert len(hits) == expected
        assert all(can(reader, "read_thread", hit.post.thread) for hit in hits)


def test_a_suspended_members_posts_are_still_found(thread, member, moderator):
    """Suspension stops writing, not what was written: it is still shown, so found."""
    from forum.moderation.member_services import suspend_member

    suspend_member(moderator, member, "Cooling off.", ban=True)
    assert len(found("sitting", None)) == 1
