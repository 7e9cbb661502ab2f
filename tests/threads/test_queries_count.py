"""A thread page runs the same few queries however long it is, and writes nothing."""
import pytest

from tests import factories
from tests.conftest import sign_in

# Visitor: the thread with its category, one page of posts with their
# authors, the badges of everyone on the page, the current disclaimer for
# the footer and the reply notice, and which related threads are still
# shown. A member adds: loading who is signed in (free when the reader
# wrote a post on the page, since the authors are already loaded), their
# own reactions and bookmarks on the page, whether they follow the thread
# and how far they had read it, and remembering how far they have read now
# (the first time they see a page: reading it again writes nothing).
THREAD_PAGE_QUERIES = {"visitor": 5, "member": 9}
REREAD_QUERIES = {"visitor": 5, "member": 8}

WRITES = ("INSERT", "UPDATE", "DELETE")


def sign_in_as(role, client):
    """A reader who has written nothing on the pages measured."""
    if role == "member":
        sign_in(client, factories.make_member(username="quiet_reader"))


def thread_with(posts, category, people):
    thread = factories.make_thread(author=people[0], category=category, title="Long thread")
    for n in range(posts - 1):
        factories.make_post(thread, author=people[n % len(people)], body=f"Post {n + 2}: *still* sore.")
    return thread


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_a_thread_page_costs_the_same_whatever_its_length(client, page_queries, category, member, other_member, role):
    # Two verified practitioners among them: every one of their posts shows a badge.
    people = [member, other_member, factories.make_practitioner(), factories.make_practitioner(credential="DPT")]
    people += [factories.make_member() for _ in range(3)]
    short, long = thread_with(1, category, people), thread_with(50, category, people)
    urls = {
        "1 post": f"/threads/{short.id}/{short.slug}",
        "50 posts, first page": f"/threads/{long.id}/{long.slug}",
        "50 posts, last page": f"/threads/{long.id}/{long.slug}?page=3",
    }
    sign_in_as(role, client)

    counts, badges = {}, {}
    for name, url in urls.items():
        response, statements = page_queries(url)
        assert response.status_code == 200, name
        counts[name] = len(statements)
        badges[name] = response.get_data(as_text=True).count('<span class="badge"')

    assert counts == dict.fromkeys(urls, THREAD_PAGE_QUERIES[role])
    # The long thread's pages do show badges: 2 of every 7 posts are a practitioner's.
    assert badges["50 posts, first page"] >= 5 and badges["50 posts, last page"] >= 2


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_reading_a_thread_writes_only_how_far_a_member_has_read(client, page_queries, member, other_member, role):
    thread = factories.make_thread(author=member, replies=3, reply_author=other_member)
    url = f"/threads/{thread.id}"
    sign_in_as(role, client)

    response, statements = page_queries(url)
    again, reread = page_queries(url)

    assert response.status_code == again.status_code == 200
    writes = [s for s in statements if s.lstrip().upper().startswith(WRITES)]
    assert writes == [] if role == "visitor" else [w.split("(")[0].strip() for w in writes] == ["INSERT INTO thread_reads"]
    assert [s for s in reread if s.lstrip().upper().startswith(WRITES)] == []
    assert len(reread) == REREAD_QUERIES[role]
