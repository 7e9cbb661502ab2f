"""How people and feed readers find the feeds, and what a feed costs."""
import re

import pytest

from forum.threads import services as thread_services
from tests import factories
from tests.conftest import sign_in

# A list feed is one query (threads with their first posts, authors and
# categories); a category's and a thread's add the one that finds it.
FEED_QUERIES = {"latest": 1, "category": 2, "thread": 2}

WRITES = ("INSERT", "UPDATE", "DELETE")


def alternates(html):
    """The feeds a page's <head> announces: [(title, href)]."""
    head = html.split("</head>", 1)[0]
    found = re.findall(r'<link rel="alternate" type="application/atom\+xml"([^>]*)>', head)
    return [(re.search(r'title="([^"]*)"', attrs).group(1), re.search(r'href="([^"]*)"', attrs).group(1)) for attrs in found]


def feed_links(html):
    """The visible links to a feed in the page's body."""
    body = html.split("</head>", 1)[1]
    return re.findall(r'<a [^>]*href="([^"]*\.atom)"[^>]*>([^<]*)</a>', body)


def test_the_home_page_announces_the_latest_feed(client, category):
    assert alternates(client.get("/").get_data(as_text=True)) == [("New threads", "http://localhost/feeds/latest.atom")]


def test_a_category_page_announces_and_links_its_feed(client, read_feed, category):
    html = client.get(f"/categories/{category.slug}").get_data(as_text=True)

    feed = f"http://localhost/feeds/categories/{category.slug}.atom"
    assert alternates(html) == [(f"New threads in {category.name}", feed)]
    assert feed_links(html) == [(feed, "Feed")]
    read_feed(feed.removeprefix("http://localhost"))


@pytest.mark.parametrize("reader", ["visitor", "member"])
def test_a_thread_page_announces_and_links_its_feed(client_for, read_feed, thread, other_member, reader):
    browser = client_for(other_member if reader == "member" else None)
    html = browser.get(f"/threads/{thread.id}/{thread.slug}").get_data(as_text=True)

    feed = f"http://localhost/feeds/threads/{thread.id}.atom"
    assert alternates(html) == [(f"Posts in “{thread.title}”", feed)]
    assert feed_links(html) == [(feed, "Feed")]


@pytest.mark.parametrize("reader", ["visitor", "member"])
def test_a_members_only_thread_page_offers_no_feed(client_for, member, other_member, category, reader):
    secret = thread_services.start_thread(member, category, "My private worries about surgery", "Only for members.",
                                          members_only=True)
    html = client_for(other_member if reader == "member" else None).get(f"/threads/{secret.id}").get_data(as_text=True)

    assert alternates(html) == [] and feed_links(html) == []
    if reader == "member":
        assert "Only for members." in html


def _forum(size, category, people):
    """`size` threads in the category; the last one with `size` posts."""
    thread = None
    for n in range(size):
        thread = factories.make_thread(author=people[n % len(people)], category=category, title=f"Question {n + 1} about pain")
    for n in range(size - 1):
        factories.make_post(thread, author=people[n % len(people)], body=f"Reply {n + 1}: heat helps.")
    return thread


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_feed_costs_the_same_few_queries_however_long_it_is(client, page_queries, member, other_member, signed_in):
    people = [member, other_member, factories.make_practitioner(), factories.make_member()]
    small, large = factories.make_category(), factories.make_category()
    short, long = _forum(1, small, people), _forum(30, large, people)
    if signed_in:
        # Feeds never look at who asks: a member's browser costs the same, but for the session check.
        sign_in(client, member)

    for size, category, thread in (("short", small, short), ("long", large, long)):
        for kind, url in (("latest", "/feeds/latest.atom"), ("category", f"/feeds/categories/{category.slug}.atom"),
                          ("thread", f"/feeds/threads/{thread.id}.atom")):
            response, statements = page_queries(url)
            assert response.status_code == 200
            # Signed in, one more: the session is checked on the server (every
            # template is told who is signed in), and nothing else differs.
            session_checks = [s for s in statements if "member_sessions" in s]
            assert len(session_checks) == (1 if signed_in else 0), statements
            assert len(statements) - len(session_checks) == FEED_QUERIES[kind], (size, kind, statements)
            assert not [s for s in statements if s.lstrip().split()[0].upper() in WRITES]
