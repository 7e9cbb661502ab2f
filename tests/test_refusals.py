"""A service's refusal reaches the page one way: beside the field it names,
or at the top of the page; the form comes back filled in either way."""
import ast
from pathlib import Path

import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

import forum
from forum.errors import Refused, show_refusal
from tests.conftest import form_post
from tests.factories import text_of

FORUM = Path(forum.__file__).parent


class NoteForm(FlaskForm):
    class Meta:
        csrf = False

    title = StringField("Title")
    note = TextAreaField("Note")


def test_a_refusal_naming_a_field_sits_beside_it(app):
    with app.test_request_context(method="POST", data={"title": "Hip pain", "note": "Stretching"}):
        form = NoteForm()
        form.validate()
        show_refusal(Refused("Say more.", field="note"), form)
        assert form.note.errors == ["Say more."]
        assert form.title.errors == [] and get_flashed_messages() == []


def test_a_field_with_errors_keeps_them_and_gains_the_refusal(app):
    with app.test_request_context(method="POST", data={"note": "x"}):
        form = NoteForm()
        form.note.errors = ["Too short."]
        show_refusal(Refused("Say more.", field="note"), form)
        assert form.note.errors == ["Too short.", "Say more."]


@pytest.mark.parametrize("field", [None, "", "no_such_field"])
def test_a_refusal_naming_no_field_of_the_form_goes_in_its_error_summary(app, field):
    with app.test_request_context(method="POST"):
        form = NoteForm()
        show_refusal(Refused("That report is already closed.", field=field), form)
        assert form.form_errors == ["That report is already closed."]
        assert list(form.errors.values()) == [["That report is already closed."]]
        assert get_flashed_messages() == []


def test_without_a_form_the_refusal_goes_to_the_top_of_the_page(app):
    with app.test_request_context(method="POST"):
        show_refusal(Refused("The thread is already locked."))
        assert get_flashed_messages() == ["The thread is already locked."]


def test_a_refusal_without_a_field_on_a_form_page_keeps_what_was_typed(client, monkeypatch):
    # Registration used to crash on such a refusal (it looked the field up by name).
    def refuse(*args, **kwargs):
        raise Refused("Registration is paused for a moment. Please try again.")

    monkeypatch.setattr("forum.auth.services.sign_up", refuse)
    response = form_post(client, "/auth/register", {
        "username": "new_walker", "email": "walker@example.org", "password": "a long walk every morning", "accept": "y",
    }, page="/auth/register")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = html[html.index('class="error-summary"'):html.index("</div>", html.index('class="error-summary"'))]
    assert "Registration is paused for a moment. Please try again." in text_of(summary)
    assert 'value="new_walker"' in html and 'value="walker@example.org"' in html


def _catches_refused(handler):
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = {getattr(c, "id", None) or getattr(c, "attr", None) for c in caught}
    return bool(names & {"Refused", "ForumError", "Exception"})


def _refusal_handlers():
    """(file, line, handler body) for each handler that catches a Refused in the forum's code."""
    for path in sorted(FORUM.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is not None and _catches_refused(node):
                yield path, node.lineno, node.body


def test_every_page_maps_a_refusal_with_the_one_helper():
    # The command line has no page: it turns a refusal into its own error;
    # nor has the job queue, which logs whatever a job could not queue.
    handlers = [(p, line, body) for p, line, body in _refusal_handlers() if p.name not in {"cli.py", "queue.py"}]
    assert handlers, "no views catch a refusal: the check would pass vacuously"
    for path, line, body in handlers:
        first = body[0]
        # A page's form shows it with show_refusal; a page's script asked in
        # JSON and is answered with refusal_as_json.
        assert isinstance(first, (ast.Expr, ast.Return)) and isinstance(first.value, ast.Call), f"{path.name}:{line}"
        helper = "show_refusal" if isinstance(first, ast.Expr) else "refusal_as_json"
        assert getattr(first.value.func, "id", None) == helper, f"{path.name}:{line}"


@pytest.mark.parametrize("source", [
    "try:\n    x()\nexcept Refused:\n    pass", "try:\n    x()\nexcept (ValueError, Refused):\n    pass",
    "try:\n    x()\nexcept errors.Refused:\n    pass",
])
def test_the_handler_check_recognises_each_way_of_catching_a_refusal(source):
    handler = ast.parse(source).body[0].handlers[0]
    assert _catches_refused(handler)
