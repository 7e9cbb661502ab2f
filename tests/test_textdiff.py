"""The one differ: words taken out in <del>, words added in <ins>, everything
else as written, and every character of members' text escaped."""
import re
import time

import pytest

from forum.textdiff import TOKEN, WORD_BUDGET, difference


def marks(html, tag):
    """The text inside each <del> or <ins>, without the words only screen readers hear."""
    return [re.sub(r'<span class="visually-hidden">.*?</span>', "", inside) for inside in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)]


def seen(html):
    """What a sighted reader sees: the newer text with removals struck through."""
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="visually-hidden">.*?</span>', "", html))


def test_one_changed_word_is_marked_and_the_rest_kept():
    changed = difference("Ice helped a little after running.", "Ice helped a lot after running.")
    assert marks(changed.html, "del") == ["little"] and marks(changed.html, "ins") == ["lot"]
    assert seen(changed.html) == "Ice helped a littlelot after running."
    assert changed.changed


def test_the_hidden_words_say_where_each_change_starts_and_ends():
    html = difference("sharp pain", "dull pain").html
    assert html == ('<del><span class="visually-hidden">removed: </span>sharp<span class="visually-hidden"> (end removed) </span></del>'
            '<ins><span class="visually-hidden">added: </span>dull<span class="visually-hidden"> (end added) </span></ins> pain')


def test_markdown_marks_are_compared_as_written():
    html = difference("Stretch **twice** a day.", "Stretch twice a day.").html
    assert marks(html, "del") == ["**", "**"] and marks(html, "ins") == []


def test_paragraphs_and_line_breaks_are_kept():
    old = "First paragraph stays.\n\nSecond one changes here.\nThird line stays."
    new = "First paragraph stays.\n\nSecond one changed here.\nThird line stays.\n\nA new paragraph."
    html = difference(old, new).html
    assert seen(html) == "First paragraph stays.\n\nSecond one changeschanged here.\nThird line stays.\n\nA new paragraph."
    assert marks(html, "ins") == ["changed", "A new paragraph."]


@pytest.mark.parametrize("old, new", [
    ("<script>alert('x')</script> & more", "Plain words"),
    ("Plain words", "<script>alert('x')</script> & <img src=x onerror=alert(1)>"),
    ('Say "no" <b>here</b>', 'Say "yes" <b>here</b>'),
])
def test_everything_from_either_version_is_escaped(old, new):
    html = str(difference(old, new).html)
    without_marks = re.sub(r'</?(del|ins)>|<span class="visually-hidden">|</span>', "", html)
    assert "<" not in without_marks and ">" not in without_marks
    assert "&lt;" in html


def test_a_change_of_spacing_alone_marks_nothing():
    same_words = difference("One line.\nAnother line.", "One line.\n\nAnother  line.")
    assert not same_words.changed and "<del>" not in same_words.html and "<ins>" not in same_words.html
    assert seen(same_words.html) == "One line.\n\nAnother  line."
    assert not difference("Unchanged.", "Unchanged.").changed


def test_from_nothing_or_to_nothing():
    assert marks(difference("", "All new.").html, "ins") == ["All new."]
    assert marks(difference("All gone.", "").html, "del") == ["All gone."]
    assert marks(difference("Kept.\nGone.", "Kept.").html, "del") == ["Gone."]
    assert difference(None, None).html == ""


def test_every_character_belongs_to_a_token():
    text = "Don’t stop! It's 3x/day — maybe.\n\n- **bold** `code` <tag> ☺"
    assert "".join(TOKEN.findall(text)) == text


def test_one_word_changed_in_a_very_long_paragraph_is_still_found_quickly():
    words = " ".join(f"word{n % 700}" for n in range(12_000))
    assert len(words) > 2 * WORD_BUDGET
    started = time.perf_counter()
    changed = difference(words, words.replace("word5 ", "changed ", 1))
    assert time.perf_counter() - started < 1
    assert marks(changed.html, "del") == ["word5"] and marks(changed.html, "ins") == ["changed"]


def test_past_the_budget_changed_lines_are_shown_whole_and_quickly():
    old = "\n".join(f"line {n} says {n * 7}" for n in range(3000))
    new = "\n".join(f"line {n} reads {n * 3}" for n in range(3000))
    started = time.perf_counter()
    html = difference(old, new).html
    assert time.perf_counter() - started < 2
    assert seen(html).endswith("line 2999 reads 8997")
    # Past the budget the changed lines are not compared word by word: they go and come whole.
    assert len(marks(html, "del")) == len(marks(html, "ins")) == 1
    assert marks(html, "ins")[0].endswith("line 2998 reads 8994\nline 2999 reads 8997")


def test_repetitive_text_stays_quick():
    started = time.perf_counter()
    changed = difference("pain " * 4000, "pain " * 3999 + "ache ")
    assert time.perf_counter() - started < 1
    assert marks(changed.html, "del") == ["pain"] and marks(changed.html, "ins") == ["ache"]
