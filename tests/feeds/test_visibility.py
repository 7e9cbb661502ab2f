"""A feed says only what a visitor may read on the pages: no members-only
thread, no hidden or deleted post, no deleted account's name."""
import pytest

from forum.moderation import services as moderation_services
from forum.privacy.services import delete_account
from forum.threads import services as thread_services
from tests import factories
from tests.factories import text_of

LIST_FEEDS = ["/feeds/latest.atom", "/feeds/categories/{slug}.atom"]


def lists(category):
    return [url.format(slug=category.slug) for url in LIST_FEEDS]


def test_members_only_threads_never_appear_in_the_lists(read_feed, raw_feed, member, category):
    factories.make_thread(author=member, category=category, title="Open to everyone")
    secret = thread_services.start_thread(member, category, "My private worries about surgery", "Only for members.",
                                          members_only=True)

    for url in lists(category):
        assert [e.title for e in read_feed(url).entries] == ["Open to everyone"], url
        assert "private worries" not in raw_feed(url) and f"threads/{secret.id}" not in raw_feed(url)


@pytest.mark.parametrize("reader", ["visitor", "member"])
def test_a_members_only_thread_has_no_feed_even_for_a_member(client_for, member, other_member, category, reader):
    secret = thread_services.start_thread(member, category, "My private worries about surgery", "Only for members.",
                                          members_only=True)
    browser = client_for(other_member if reader == "member" else None)

    assert browser.get(f"/feeds/threads/{secret.id}.atom").status_code == 404


def test_a_thread_made_members_only_leaves_the_feeds_and_comes_back_when_opened(client, read_feed, thread, member, category):
    url = f"/feeds/threads/{thread.id}.atom"
    assert read_feed(url).entries
    thread_services.set_members_only(member, thread, True)

    assert client.get(url).status_code == 404
    assert all(read_feed(feed).entries == [] for feed in lists(category))

    thread_services.set_members_only(member, thread, False)
    assert len(read_feed(url).entries) == 1


def test_hidden_and_deleted_replies_are_left_out_of_a_thread_feed(read_feed, raw_feed, thread, member, other_member, moderator):
    hidden = factories.make_post(thread, author=other_member, body="Buy my miracle cream at example.com")
    deleted = factories.make_post(thread, author=member, body="Something I regret writing.")
    kept = factories.make_post(thread, author=other_member, body="Heat before stretching helps me.")
    moderation_services.hide_post(moderator, hidden, "Advertising.")
    thread_services.delete_post(member, deleted)

    url = f"/feeds/threads/{thread.id}.atom"
    entries = read_feed(url).entries

    assert [e.link for e in entries] == [f"http://localhost/threads/posts/{kept.id}",
                                         f"http://localhost/threads/posts/{thread.first_post_id}"]
    raw = raw_feed(url)
    assert "miracle cream" not in raw and "regret" not in raw and "Advertising." not in raw


def test_a_restored_post_comes_back(read_feed, thread, other_member, moderator, other_moderator):
    reply = factories.make_post(thread, author=other_member, body="Rolling twice a day.")
    moderation_services.hide_post(moderator, reply, "Checking a claim.")
    assert len(read_feed(f"/feeds/threads/{thread.id}.atom").entries) == 1

    moderation_services.restore_post(other_moderator, reply, "It checks out.")

    assert len(read_feed(f"/feeds/threads/{thread.id}.atom").entries) == 2


@pytest.fixture
def other_moderator():
    return factories.make_moderator(username="mod_sam")


@pytest.mark.parametrize("how", ["hidden", "deleted"])
def test_a_thread_whose_first_post_is_gone_is_listed_as_visitors_see_it(client, read_feed, raw_feed, thread, member, moderator, category, how):
    first = factories.posts_of(thread)[0]
    if how == "hidden":
        moderation_services.hide_post(moderator, first, "Names another member's doctor.")
        placeholder = "This post was hidden by a moderator."
    else:
        thread_services.delete_post(member, first)
        placeholder = "This post was deleted by its author."
    # The thread page shows a visitor the title and a placeholder...
    page = text_of(client.get(f"/threads/{thread.id}").get_data(as_text=True))
    assert placeholder in page and "two weeks" not in page

    for url in lists(category):
        # ...and so does its entry, as plain text.
        [entry] = read_feed(url).entries
        assert entry.title == thread.title
        assert [(c.type, c.value) for c in entry.content] == [("text/plain", placeholder)]
        assert "two weeks" not in raw_feed(url) and "doctor" not in raw_feed(url)
    # The post itself is no entry of the thread's own feed.
    assert read_feed(f"/feeds/threads/{thread.id}.atom").entries == []


def test_a_deleted_accounts_kept_posts_show_as_a_former_members(client, read_feed, raw_feed, member, other_member, category):
    thread = factories.make_thread(author=other_member, category=category, title="Desk work and sciatica",
                                   body="Standing desk helped.")
    factories.make_post(thread, author=member, body="Same for me.")
    delete_account(other_member, other_member, keep_posts=True, password=factories.PASSWORD)

    # The thread page names them as visitors see it...
    page = text_of(client.get(f"/threads/{thread.id}").get_data(as_text=True))
    assert "Former member" in page and "desk_sitter" not in page

    # ...and the feeds name them the same way, never by the old name or the placeholder one.
    thread_feed = read_feed(f"/feeds/threads/{thread.id}.atom")
    assert [e.author for e in thread_feed.entries] == ["ana_runner", "Former member"]
    assert thread_feed.entries[0].title == "ana_runner replied to “Desk work and sciatica”"
    assert [e.author for e in read_feed("/feeds/latest.atom").entries] == ["Former member"]
    for url in [f"/feeds/threads/{thread.id}.atom", *lists(category)]:
        raw = raw_feed(url)
        assert "desk_sitter" not in raw and "former-member-" not in raw, url


def test_a_deleted_account_whose_posts_went_with_it_leaves_nothing_to_read(read_feed, raw_feed, member, other_member, category):
    thread = factories.make_thread(author=other_member, category=category, title="Desk work and sciatica",
                                   body="Standing desk helped.")
    factories.make_post(thread, author=member, body="Same for me.")
    delete_account(other_member, other_member, keep_posts=False, password=factories.PASSWORD)

    entries = read_feed(f"/feeds/threads/{thread.id}.atom").entries
    assert [e.author for e in entries] == ["ana_runner"]
    for url in [f"/feeds/threads/{thread.id}.atom", *lists(category)]:
        raw = raw_feed(url)
        assert "desk_sitter" not in raw and "Standing desk" not in raw and "Desk work" not in raw, url
