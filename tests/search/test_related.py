"""Related threads under a thread: the threads sharing the most words with
it (its title, its first post and its story), found through the index,
only those the reader may read, for one query a view."""
import re

import pytest

from forum.moderation import services as moderation
from forum.search import queries, related
from forum.threads import services as threads
from tests import factories

ASIDE = re.compile(r'<aside class="related-threads".*?</aside>', re.S)


def related_titles(client, thread):
    html = client.get(f"/threads/{thread.id}/{thread.slug}").get_data(as_text=True)
    aside = ASIDE.search(html)
    return re.findall(r'<li><a href="/threads/\d+/[^"]*">([^<]+)</a></li>', aside.group(0)) if aside else []


OTHERS = [
    ("Welcome, new members", "Say hello and tell us where you are from."),
    ("Driving long distances", "Car seats, cushions and breaks on a road trip."),
    ("Sleep positions", "A pillow between the knees at night?"),
    ("Desk chairs", "Which office chair do you use at work?"),
    ("Cycling again", "Back on the bike after a year."),
    ("Yoga classes", "Gentle yoga twice a week."),
    ("Talking to my employer", "How to explain it to a manager."),
    ("Guitar lessons", "Anyone play the ukulele?"),
]


@pytest.fixture
def forum(member, category):
    """A thread about plantar fasciitis and night splints, threads more or
    less like it, and others about other things."""
    threads_by_title = {}
    for title, body in [
        ("Plantar fasciitis and night splints", "Night splints and calf stretches for my plantar fasciitis."),
        ("Night splints: worth it?", "My podiatrist suggested night splints for the plantar fasciitis."),
        ("Plantar fasciitis in runners", "Heel pain after running, plantar fasciitis they say."),
        ("Calf stretches", "Which calf stretches do you do?"),
    ] + OTHERS:
        threads_by_title[title] = factories.make_thread(author=member, category=category, title=title, body=body)
    return threads_by_title


def test_the_most_alike_threads_show_first_and_never_the_thread_itself(client, forum):
    shown = related_titles(client, forum["Plantar fasciitis and night splints"])
    # Sharing four words beats sharing two; one word ("night") comes last.
    assert shown[0] == "Night splints: worth it?"
    assert set(shown[1:3]) == {"Plantar fasciitis in runners", "Calf stretches"}
    assert shown[3:] == ["Sleep positions"]


def test_a_storys_words_count(client, member, category, forum):
    story = factories.make_story(author=member, category=category, title="Two years of it", body="A long road.",
                                 conditions=("plantar-fasciitis",), causes=("overuse",))
    assert "Two years of it" in related_titles(client, forum["Plantar fasciitis in runners"])
    assert "Plantar fasciitis in runners" in related_titles(client, story.thread)


def test_a_thread_whose_first_post_is_hidden_is_not_offered(client, forum, moderator):
    hidden = forum["Night splints: worth it?"]
    moderation.hide_post(moderator, factories.posts_of(hidden)[0], "Advertising.")
    assert "Night splints: worth it?" not in related_titles(client, forum["Plantar fasciitis and night splints"])


def test_what_was_found_is_checked_again_at_each_view(client, forum, moderator, monkeypatch):
    """Remembered lists are only ids: a thread hidden since is left out."""
    source = forum["Plantar fasciitis and night splints"]
    assert "Night splints: worth it?" in related_titles(client, source)
    monkeypatch.setattr(related, "forget", lambda *thread_ids: None)
    moderation.hide_post(moderator, factories.posts_of(forum["Night splints: worth it?"])[0], "Advertising.")
    assert related.recall((source.id, False)) is not None
    assert "Night splints: worth it?" not in related_titles(client, source)


def test_members_only_threads_are_offered_to_members_only(client, client_for, forum, member, other_member):
    threads.set_members_only(member, forum["Night splints: worth it?"], True)
    source = forum["Plantar fasciitis and night splints"]
    assert "Night splints: worth it?" not in related_titles(client, source)
    assert "Night splints: worth it?" in related_titles(client_for(other_member), source)


def test_a_thread_with_nothing_alike_shows_no_list(client, forum):
    html = client.get(f"/threads/{forum['Guitar lessons'].id}").get_data(as_text=True)
    assert "Related threads" not in html


def test_at_most_five(client, member, category):
    source = factories.make_thread(author=member, category=category, title="Foam roller", body="A foam roller.")
    for n in range(8):
        factories.make_thread(author=member, category=category, title=f"Foam roller {n}", body="Roller.")
    assert len(related_titles(client, source)) == 5


def _index_reads(reader, url, count_queries):
    with count_queries() as counted:
        assert reader.get(url).status_code == 200
    return counted.statements


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_one_query_a_view_whether_found_afresh_or_remembered(client, client_for, forum, count_queries, member, who):
    reader = client if who == "visitor" else client_for(member)
    url = f"/threads/{forum['Plantar fasciitis and night splints'].id}"
    related.forget()
    views = [_index_reads(reader, url, count_queries) for _ in range(3)]
    # The first view finds them (reading the index), the others read them back.
    assert [sum("search_threads" in s for s in statements) for statements in views] == [1, 1, 1]
    assert len(views[0]) == len(views[1]) == len(views[2])
    assert not [s for v in views[1:] for s in v if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_related_threads_through_the_query(forum, member):
    source = forum["Night splints: worth it?"]
    found = queries.related_threads(source, member)
    assert found and found[0].title in ("Plantar fasciitis and night splints",)
    assert queries.related_threads(source, member) == found


def test_a_thread_retitled_is_matched_by_its_new_words(client, forum, moderator):
    guitar = forum["Guitar lessons"]
    assert related_titles(client, guitar) == []
    moderation.retitle_thread(moderator, guitar, "Yoga or guitar for a sore back?", "A clearer title.")
    assert "Yoga classes" in related_titles(client, factories.reload(guitar))
