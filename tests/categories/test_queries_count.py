"""The front page and a category page run the same few queries however full they are."""
import pytest

from tests import factories
from tests.conftest import sign_in

# Every page reads the current disclaimer for its footer. The front page
# reads the categories and the recent activity (names as plain text, so no
# badges). A member's pages cost one more query, loading who is signed in,
# and one for the badge beside their name in the header; the front page
# adds their news per category and their followed threads with news.
HOME_QUERIES = {"visitor": 3, "member": 7}
# The category, then one page of threads with their starters and last
# posters, and the badges of everyone named; for a member, how far they
# have read each thread listed and whether they follow the category.
CATEGORY_PAGE_QUERIES = {"visitor": 4, "member": 7}

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_a_category_page_costs_the_same_whatever_its_length(client, page_queries, member, other_member, role):
    quiet, busy = factories.make_category(), factories.make_category()
    factories.make_thread(author=member, category=quiet, replies=1, reply_author=other_member)
    for n in range(50):
        author = factories.make_practitioner() if n % 10 == 0 else factories.make_member()
        factories.make_thread(author=author, category=busy, replies=n % 2, reply_author=member if n % 3 else other_member)
    urls = {
        "1 thread": f"/categories/{quiet.slug}",
        "50 threads, first page": f"/categories/{busy.slug}",
        "50 threads, last page": f"/categories/{busy.slug}?page=2",
    }
    if role == "member":
        sign_in(client, factories.make_member(username="quiet_reader"))

    counts = {}
    for name, url in urls.items():
        response, statements = page_queries(url)
        assert response.status_code == 200, name
        assert not [s for s in statements if s.lstrip().upper().startswith(WRITES)], name
        counts[name] = len(statements)

    assert counts == dict.fromkeys(urls, CATEGORY_PAGE_QUERIES[role])


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_the_front_page_costs_the_same_however_many_categories(client, page_queries, role):
    if role == "member":
        sign_in(client, factories.make_member(username="quiet_reader"))
    factories.make_thread(category=factories.make_category())
    _, few = page_queries("/")
    for _ in range(8):
        factories.make_thread(replies=2)
    response, many = page_queries("/")

    assert response.status_code == 200
    assert len(few) == len(many) == HOME_QUERIES[role]
