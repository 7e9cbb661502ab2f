"""What was typed becomes words and phrases, never query syntax."""
from datetime import date

import pytest

from forum.search.documents import period_tags, plain_text
from forum.search.terms import MAX_TERMS, parse, related_terms


def test_words_are_lowercased_and_common_words_left_out():
    query = parse("The Piriformis AND the Stretches")
    assert query.words == ("piriformis", "stretches") and query.phrases == () and query.searchable


def test_double_quotes_make_a_phrase():
    query = parse('foam "sitting all day" roller')
    assert query.words == ("foam", "roller")
    assert query.phrases == (("sitting", "all", "day"),)


@pytest.mark.parametrize("typed, problem", [
    ("", "empty"), ("   ", "empty"), (None, "empty"),
    ("?!*()-- ... ;;", "no_words"), ('"', "no_words"), ('""', "no_words"),
    ("AND OR NOT", "only_common"), ('"to be or not to be"', "only_common"), ("the", "only_common"),
])
def test_nothing_to_search_for_says_why(typed, problem):
    assert parse(typed).problem == problem
    assert not parse(typed).searchable


@pytest.mark.parametrize("typed, words", [
    ('NEAR(pain sitting', ("near", "pain", "sitting")),
    ('pain" OR "', ("pain",)),
    ("sciatica* -buttock ^hip {title}: x", ("sciatica", "buttock", "hip", "title", "x")),
    ("piriformis_syndrome", ("piriformis", "syndrome")),
])
def test_query_syntax_is_only_words(typed, words):
    assert parse(typed).words == words


def test_a_one_word_phrase_is_a_word():
    assert parse('"sciatica" pain') == parse("sciatica pain")


def test_a_long_search_is_cut_not_refused():
    query = parse("pain " * 1000 + "stretch")
    assert query.searchable and query.shortened
    many = parse(" ".join(f"word{n}" for n in range(30)))
    assert len(many.words) == MAX_TERMS and many.shortened
    assert parse("x" * 5000).problem == "no_words"  # no word is that long


def test_related_terms_put_the_title_and_story_first():
    terms = related_terms("Foam roller tips", "Sciatica, Massage therapy", "roller roller ball ball ball the the")
    assert terms[:6] == ["foam", "roller", "tips", "sciatica", "massage", "therapy"]
    assert terms[6] == "ball"


def test_markdown_is_read_as_plain_words():
    text = plain_text("**Sitting** is the _worst_,\n\n- a [tennis ball](https://example.org/x) helps\n> quoted\n\nsnake_case")
    assert text == "Sitting is the worst, a tennis ball helps quoted snake_case"


def test_the_marks_of_an_excerpt_can_never_come_from_a_post():
    assert plain_text("a\ue000b\ue001c\x00d") == "a b c d"


def test_a_period_is_covered_by_the_fewest_tags():
    assert period_tags(date(2024, 1, 1), date(2024, 12, 31)) == ["y2024"]
    assert period_tags(date(2024, 3, 30), date(2024, 5, 1)) == ["d20240330", "d20240331", "m202404", "d20240501"]
    assert period_tags(date(2023, 12, 31), date(2025, 2, 28)) == ["d20231231", "y2024", "m202501", "m202502"]
    assert period_tags(date(2024, 2, 2), date(2024, 2, 1)) == []
