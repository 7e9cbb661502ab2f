"""Searching: stemming, ranking, excerpts, filters and pages, through
queries.search, the one contract both databases keep."""
from datetime import date, datetime

import pytest

from forum.extensions import db
from forum.search import queries
from forum.threads.models import Post
from tests import factories
from tests.search.conftest import found


def test_stemming_finds_other_forms_of_a_word(thread, member):
    first, reply = factories.posts_of(thread)
    assert found("stretches", member) == [first.id]
    assert found("stretched", member) == [first.id]
    assert found("sit", member) == [reply.id]


def test_every_word_must_be_there(thread, member):
    first, reply = factories.posts_of(thread)
    assert found("desk buttock", member) == [reply.id]
    assert found("desk stretching", member) == []


def test_a_phrase_must_be_there_as_written(thread, member):
    _, reply = factories.posts_of(thread)
    assert found('"sitting all day"', member) == [reply.id]
    assert found('"day all sitting"', member) == []


def test_a_title_weighs_more_than_a_body(member, category):
    mentioned = factories.make_thread(author=member, category=category, title="My week",
                                      body="Somebody suggested a foam roller, a tennis ball and heat for the sciatica.")
    named = factories.make_thread(author=member, category=category, title="Foam roller for sciatica",
                                  body="Has anyone tried one? I bought it last week.")
    assert found("foam roller", member) == [named.first_post_id, mentioned.first_post_id]
    assert found("sciatica", member) == [named.first_post_id, mentioned.first_post_id]


def test_a_reply_is_not_found_by_its_threads_title(thread, member):
    first, _ = factories.posts_of(thread)
    assert found("piriformis", member) == [first.id]


def test_the_excerpt_marks_the_words_found(thread, member):
    [hit] = queries.search("buttock sitting", member).hits
    assert str(hit.excerpt) == "<mark>Sitting</mark> all day at my desk makes the <mark>buttock</mark> pain worse."


def test_a_match_in_the_title_alone_shows_the_posts_beginning(member, category):
    thread = factories.make_thread(author=member, category=category, title="Acupuncture?", body="Did it help anyone here?")
    [hit] = queries.search("acupuncture", member).hits
    assert hit.post.id == thread.first_post_id and str(hit.excerpt) == "Did it help anyone here?"


def test_the_excerpt_is_text_never_markup(member, category):
    body = 'Try <script>alert("x")</script> and <mark>this</mark> & <b onclick="x">stretching</b> [link](javascript:alert(1))'
    factories.make_thread(author=member, category=category, title="Odd post", body=body)
    [hit] = queries.search("stretching", member).hits
    html = str(hit.excerpt)
    assert "<script" not in html and "<b" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html and "&lt;mark&gt;this&lt;/mark&gt;" in html
    assert html.count("<mark>") == 1 and "<mark>stretching</mark>" in html


def test_a_long_post_is_cut_around_the_first_match(member, category):
    body = " ".join(["walking"] * 100 + ["acupuncture"] + ["walking"] * 100)
    factories.make_thread(author=member, category=category, title="Long", body=body)
    [hit] = queries.search("acupuncture", member).hits
    html = str(hit.excerpt)
    assert html.startswith("…") and html.endswith("…") and len(html) < 400 and "<mark>acupuncture</mark>" in html


def test_a_story_is_found_by_its_words(member, category):
    story = factories.make_story(author=member, category=category, title="How it went", body="A long year.",
                                 conditions=("plantar-fasciitis",), treatments=(("acupuncture", "helped_a_lot"),))
    [hit] = queries.search("fasciitis acupuncture", member).hits
    assert hit.post.id == story.thread.first_post_id
    assert "<mark>Acupuncture</mark>" in str(hit.excerpt) and "<mark>fasciitis</mark>" in str(hit.excerpt)


def test_filtered_by_category(member, category):
    other = factories.make_category(name="Hip pain")
    here = factories.make_thread(author=member, category=category, title="Heat helps", body="Heat at night.")
    there = factories.make_thread(author=member, category=other, title="Heat pads", body="Heat in the car.")
    assert sorted(found("heat", member)) == [here.first_post_id, there.first_post_id]
    assert found("heat", member, category_id=other.id) == [there.first_post_id]


def test_filtered_by_author(thread, member, other_member):
    theirs = factories.make_post(thread, author=other_member, body="My desk is a standing one now.")
    assert len(found("desk", member)) == 2
    assert found("desk", member, author="DESK_SITTER") == [theirs.id]
    results = queries.search("desk", member, author="nobody_by_that_name")
    assert results.unknown_author and results.hits == []


def test_filtered_to_verified_practitioners(thread, member):
    practitioner = factories.make_practitioner(username="dana_hands")
    answer = factories.make_post(thread, author=practitioner, body="Stretch gently; sitting breaks help too.")
    assert len(found("sitting", member)) == 2
    assert found("sitting", member, practitioners=True) == [answer.id]
    assert found("sitting", member, practitioners=True, author=member.username) == []
    assert found("sitting", member, practitioners=True, author="dana_hands") == [answer.id]


def test_filtered_by_dates_from_and_to_both_included(thread, member):
    first, reply = factories.posts_of(thread)
    older = factories.make_post(thread, body="Sitting on a cushion now.")
    for post, when in ((first, datetime(2025, 1, 31, 23, 59)), (reply, datetime(2025, 3, 1, 0, 0)), (older, datetime(2024, 6, 2, 8))):
        db.session.get(Post, post.id).created_at = when
    db.session.commit()

    assert sorted(found("sitting", member)) == sorted([reply.id, older.id])
    assert found("sitting", member, since=date(2025, 3, 1)) == [reply.id]
    assert found("sitting", member, until=date(2025, 2, 28)) == [older.id]
    assert found("sitting", member, since=date(2024, 6, 2), until=date(2024, 6, 2)) == [older.id]
    assert found("stretch", member, since=date(2025, 1, 1), until=date(2025, 1, 31)) == [first.id]
    assert found("stretch", member, since=date(2025, 2, 1)) == []


def test_results_come_a_page_at_a_time(member, category):
    thread = factories.make_thread(author=member, category=category, title="Diary", body="Day one of walking.")
    for n in range(4):
        factories.make_post(thread, body=f"Walking again, day {n + 2}.")
    first = queries.search("walking", member, per_page=2)
    second = queries.search("walking", member, per_page=2, page=2)
    third = queries.search("walking", member, per_page=2, page=3)
    assert first.page.total == 5 and first.page.pages == 3 and not first.more
    ids = [h.post.id for h in first.hits + second.hits + third.hits]
    assert len(ids) == len(set(ids)) == 5
    assert queries.search("walking", member, per_page=2, page=9).hits == []


def test_only_the_newest_matches_are_ranked(member, category, monkeypatch):
    monkeypatch.setattr(queries, "RECENT", 3)
    monkeypatch.setattr(queries, "TITLES", 1)
    old = factories.make_thread(author=member, category=category, title="Walking", body="The first walk.")
    for n in range(5):
        factories.make_thread(author=member, category=category, title=f"Day {n}", body="More walking today.")
    results = queries.search("walking", member)
    assert results.more and results.page.total == 4
    # The oldest is still found: its title matches.
    assert old.first_post_id in [h.post.id for h in results.hits]


@pytest.mark.parametrize("typed", ["", '"', "NEAR(", "AND OR", "!!!", "x" * 5000, '"unclosed phrase', "{title}: pain"])
def test_odd_searches_never_fail(thread, member, typed):
    results = queries.search(typed, member)
    assert results.hits == [] or results.query.searchable


def test_the_newest_matches_are_the_same_however_they_are_read(member, category, monkeypatch):
    """PostgreSQL reads the newest matches from a window of the newest posts
    when it holds enough of them, else straight from the index: the same
    posts either way. (SQLite reads them one way only.)"""
    from forum.search import postgres_index

    monkeypatch.setattr(queries, "RECENT", 3)
    for n in range(8):
        factories.make_thread(author=member, category=category, title=f"Day {n}", body="Walking." if n % 2 else "Resting.")
    found_by = {}
    for window in (2, 50_000):
        monkeypatch.setattr(postgres_index, "WINDOW", window)
        found_by[window] = sorted(found("walking", member))
    assert found_by[2] == found_by[50_000] and len(found_by[2]) == 3
