"""`flask safety classify FILE`, run as a moderator would, with the lists in
the database."""
from sqlalchemy import select

from forum.extensions import db
from forum.safety.models import SafetyPhrase


def add_phrase(kind, phrase):
    """As a moderator adds one (the starting lists may already have it)."""
    if db.session.scalar(select(SafetyPhrase.id).filter_by(kind=kind, phrase=phrase)) is None:
        db.session.add(SafetyPhrase(kind=kind, phrase=phrase))
        db.session.commit()


def classify(app, path_or_dash, stdin=None):
    result = app.test_cli_runner().invoke(args=["safety", "classify", str(path_or_dash)], input=stdin)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_a_tab_separated_file_gets_each_id_with_what_was_found(app, tmp_path):
    posts = tmp_path / "posts.tsv"
    posts.write_text(
        "p1\tSince yesterday I can't control my bladder at all.\n"
        "p2\tThis pain is killing me but the stretches help.\n"
        "p3\tI can't go on like this. Ring me on 07700 900461.\n"
        "\n"
        "p4\tWrite to jo.bloggs@example.org if you want the exercises.\n",
        encoding="utf-8")

    assert classify(app, posts) == ["p1\tred_flag", "p2\t", "p3\tcrisis,personal_details", "p4\tpersonal_details"]


def test_a_plain_list_is_numbered_by_line(app, tmp_path):
    posts = tmp_path / "posts.txt"
    posts.write_text("Heat helps me most evenings.\nMy aunt had cauda equina.\nI have been numb down there since this morning.\n",
                     encoding="utf-8")

    assert classify(app, posts) == ["1\t", "2\t", "3\tred_flag"]


def test_standard_input_is_read_for_a_dash(app):
    assert classify(app, "-", stdin="x\tI want to die\n") == ["x\tcrisis"]


def test_a_phrase_a_moderator_adds_changes_what_is_found(app, tmp_path):
    posts = tmp_path / "posts.tsv"
    posts.write_text("a\tMy heels have gone completely numb since Tuesday.\n", encoding="utf-8")
    assert classify(app, posts) == ["a\t"]

    add_phrase("red_flag", "numb heels")

    assert classify(app, posts) == ["a\tred_flag"]


def test_a_harmless_phrase_a_moderator_adds_sets_words_aside(app, tmp_path):
    posts = tmp_path / "posts.tsv"
    posts.write_text("a\tThis class makes me want to die of boredom.\n", encoding="utf-8")
    add_phrase("crisis", "want to die")
    assert classify(app, posts) == ["a\tcrisis"]

    add_phrase("harmless", "want to die of boredom")

    assert classify(app, posts) == ["a\t"]
