"""The three feeds are valid Atom 1.0: ids, dates, authors and links, as a
feed reader parses them."""
import calendar
import re

import pytest

from forum.extensions import db
from forum.moderation import services as moderation_services
from forum.threads import services as thread_services
from tests import factories

from .conftest import ATOM

HOST = "http://localhost"


def times(entries, field):
    return [calendar.timegm(entry[f"{field}_parsed"]) for entry in entries]


def link_of(entry_or_feed, rel="alternate"):
    [link] = [link for link in entry_or_feed.links if link.rel == rel]
    return link


@pytest.fixture
def forum_with_threads(member, other_member, category):
    """Three threads in two categories, the newest with replies."""
    elsewhere = factories.make_category(name="Treatments", slug="treatments")
    first = factories.make_thread(author=member, category=category, title="Sitting makes it worse")
    second = factories.make_thread(author=other_member, category=elsewhere, title="Massage after a fall on ice")
    third = factories.make_thread(author=member, category=category, title="Which stretch helped you?",
                                  body="The *figure four* stretch helps me.")
    factories.make_post(third, author=other_member, body="Nerve glides, twice a day.")
    return {"first": first, "second": second, "third": third, "elsewhere": elsewhere}


def test_the_latest_feed_is_valid_atom_with_every_required_element(read_feed, forum_with_threads):
    feed = read_feed("/feeds/latest.atom")

    assert feed.feed.id.startswith("tag:localhost,")
    assert feed.feed.title == "New threads · Piriformis & Sciatica Community"
    assert feed.feed.updated_parsed is not None
    assert link_of(feed.feed, "self").href == f"{HOST}/feeds/latest.atom"
    assert link_of(feed.feed, "self").type == ATOM
    assert link_of(feed.feed).href == f"{HOST}/"
    assert len(feed.entries) == 3
    for entry in feed.entries:
        assert entry.id.startswith("tag:localhost,") and entry.title and entry.author
        assert entry.updated_parsed is not None and entry.published_parsed is not None
        assert link_of(entry).href.startswith(f"{HOST}/threads/")


def test_entries_are_newest_first_and_the_feed_is_as_new_as_its_newest(read_feed, forum_with_threads):
    feed = read_feed("/feeds/latest.atom")

    assert [e.title for e in feed.entries] == ["Which stretch helped you?", "Massage after a fall on ice", "Sitting makes it worse"]
    published = times(feed.entries, "published")
    assert published == sorted(published, reverse=True)
    assert calendar.timegm(feed.feed.updated_parsed) == max(times(feed.entries, "updated"))


def test_a_thread_entry_carries_its_first_post_author_category_and_link(read_feed, forum_with_threads):
    third = forum_with_threads["third"]
    entry = read_feed("/feeds/latest.atom").entries[0]

    assert entry.author == "ana_runner"
    assert link_of(entry).href == f"{HOST}/threads/{third.id}/{third.slug}"
    assert [tag.term for tag in entry.tags] == [third.category.slug]
    [content] = entry.content
    assert content.type == "text/html"
    assert "<em>figure four</em>" in content.value
    # The reply is the thread feed's business, not the list's.
    assert "Nerve glides" not in content.value


def test_ids_are_unique_and_survive_edits_and_new_titles(read_feed, forum_with_threads, member, moderator):
    before = read_feed("/feeds/latest.atom")
    ids = [e.id for e in before.entries]
    assert len(set(ids)) == len(ids)
    third = forum_with_threads["third"]
    moderation_services.retitle_thread(moderator, third, "Which stretch helped your piriformis?", "A clearer title.")
    thread_services.edit_post(member, factories.posts_of(third)[0], "The figure four stretch, held for a minute.")

    after = read_feed("/feeds/latest.atom")

    assert [e.id for e in after.entries] == ids
    assert after.entries[0].title == "Which stretch helped your piriformis?"
    assert "held for a minute" in after.entries[0].content[0].value
    # The edit may move the entry's updated time on, never back.
    assert times(after.entries[:1], "updated")[0] >= times(before.entries[:1], "updated")[0]


def test_a_category_feed_holds_only_that_categorys_threads(read_feed, forum_with_threads, category):
    feed = read_feed(f"/feeds/categories/{category.slug}.atom")

    assert [e.title for e in feed.entries] == ["Which stretch helped you?", "Sitting makes it worse"]
    assert feed.feed.title == f"New threads in {category.name} · Piriformis & Sciatica Community"
    assert link_of(feed.feed).href == f"{HOST}/categories/{category.slug}"
    assert link_of(feed.feed, "self").href == f"{HOST}/feeds/categories/{category.slug}.atom"
    other = read_feed("/feeds/categories/treatments.atom")
    assert [e.title for e in other.entries] == ["Massage after a fall on ice"]
    assert feed.feed.id != other.feed.id != read_feed("/feeds/latest.atom").feed.id


def test_a_thread_feed_lists_its_posts_newest_first_each_linking_to_the_exact_post(client, read_feed, thread, other_member, member):
    reply = factories.make_post(thread, author=other_member, body="Rolling helped me after **a month**.")
    answer = factories.make_post(thread, author=member, body="Thanks, I'll keep going.")

    feed = read_feed(f"/feeds/threads/{thread.id}.atom")

    assert feed.feed.title == "Does foam rolling help piriformis pain? · Piriformis & Sciatica Community"
    assert link_of(feed.feed).href == f"{HOST}/threads/{thread.id}/{thread.slug}"
    assert [e.author for e in feed.entries] == ["ana_runner", "desk_sitter", "ana_runner"]
    assert [e.title for e in feed.entries] == [
        "ana_runner replied to “Does foam rolling help piriformis pain?”",
        "desk_sitter replied to “Does foam rolling help piriformis pain?”",
        "Does foam rolling help piriformis pain?",
    ]
    assert [link_of(e).href for e in feed.entries] == [
        f"{HOST}/threads/posts/{answer.id}", f"{HOST}/threads/posts/{reply.id}", f"{HOST}/threads/posts/{thread.first_post_id}"]
    assert "<strong>a month</strong>" in feed.entries[1].content[0].value
    published = times(feed.entries, "published")
    assert published == sorted(published, reverse=True)
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 3 and ids == [e.id for e in read_feed(f"/feeds/threads/{thread.id}.atom").entries]
    # The link lands on the post itself.
    landing = client.get(f"/threads/posts/{reply.id}")
    assert landing.status_code == 302 and landing.headers["Location"].endswith(f"#post-{reply.id}")


def test_a_thread_feed_keeps_to_the_newest_twenty(read_feed, thread, other_member):
    for n in range(24):
        factories.make_post(thread, author=other_member, body=f"Day {n + 1} of rolling.")

    feed = read_feed(f"/feeds/threads/{thread.id}.atom")

    assert len(feed.entries) == 20
    assert "Day 24 of rolling." in feed.entries[0].content[0].value
    assert "Day 5 of rolling." in feed.entries[-1].content[0].value


def test_the_list_feeds_keep_to_the_newest_twenty(read_feed, member, category):
    for n in range(23):
        factories.make_thread(author=member, category=category, title=f"Question number {n + 1}")

    assert len(read_feed("/feeds/latest.atom").entries) == 20
    titles = [e.title for e in read_feed(f"/feeds/categories/{category.slug}.atom").entries]
    assert len(titles) == 20 and titles[0] == "Question number 23"


def test_text_that_looks_like_markup_stays_text(read_feed, raw_feed, member, category):
    thread = factories.make_thread(author=member, category=category, title="Heat <3 & ice: which first?",
                                   body='Heat & ice <script>alert("x")</script> both "helped".')

    feed = read_feed(f"/feeds/threads/{thread.id}.atom")

    assert feed.entries[0].title == "Heat <3 & ice: which first?"
    assert "<script" not in raw_feed(f"/feeds/threads/{thread.id}.atom")
    assert "Heat &amp; ice" in feed.entries[0].content[0].value


def test_a_post_that_describes_an_emergency_carries_the_same_notice_as_on_its_page(read_feed, thread, other_member):
    reply = factories.make_post(thread, author=other_member, body="I can't feel the inside of my thighs since yesterday.")
    reply.signals = "red_flag"
    db.session.commit()

    content = read_feed(f"/feeds/threads/{thread.id}.atom").entries[0].content[0].value

    assert "can need same-day care" in content
    assert re.search(r'href="http://localhost/[^"]*urgent', content), content


def test_an_empty_forum_still_has_valid_feeds(read_feed, category):
    assert read_feed("/feeds/latest.atom").entries == []
    assert read_feed(f"/feeds/categories/{category.slug}.atom").entries == []


@pytest.mark.parametrize("url", ["/feeds/categories/no-such-place.atom", "/feeds/threads/999999.atom",
                                 "/feeds/threads/0.atom", "/feeds/threads/99999999999.atom", "/feeds/threads/abc.atom"])
def test_unknown_categories_and_threads_have_no_feed(client, url):
    assert client.get(url).status_code == 404
