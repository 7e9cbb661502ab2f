"""The fields a rescued draft carries are checked against every form, so a
new text field can't be forgotten (and its text lost when a session ends)."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField

from forum.drafts import DRAFT_FIELDS, NEVER_KEPT, preserved_fields


def _forum_forms(cls=FlaskForm):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("forum."):
            yield sub
        yield from _forum_forms(sub)


def _typed_fields(app):
    """{(form, field name)} for each field a person types into on a form that changes something."""
    typed = set()
    with app.test_request_context(method="POST"):
        for form_class in set(_forum_forms()):
            form = form_class(meta={"csrf": False})
            if not form_class.Meta.csrf:
                continue  # a GET filter (the audit log, the member search) changes nothing
            for field in form:
                if isinstance(field, StringField) and not isinstance(field, (PasswordField, HiddenField)):
                    typed.add((form_class.__name__, field.short_name))
    return typed


def test_the_forms_are_found(app):
    names = {name for name, _ in _typed_fields(app)}
    assert {"ThreadForm", "ReplyForm", "DisclaimerForm", "MemberNoteForm", "RegisterForm"} <= names


def test_every_field_a_person_types_into_is_kept_or_deliberately_not(app):
    for form, field in _typed_fields(app):
        assert field in DRAFT_FIELDS or field in NEVER_KEPT, f"{form}.{field}: add it to DRAFT_FIELDS or NEVER_KEPT"


def test_a_password_is_never_kept():
    sent = {"body": "My long story.", "password": "a long enough test password", "login": "ana"}
    assert preserved_fields(sent) == {"body": "My long story."}


def test_each_kept_field_has_a_label_for_the_rescue_page():
    assert all(label.strip() for label in DRAFT_FIELDS.values())


def test_a_disclaimer_draft_keeps_its_short_form_when_the_token_expired(client_for, moderator):
    # The short form was the one typed field a rescue used to drop.
    response = client_for(moderator).post("/admin/disclaimer", data={
        "csrf_token": "expired", "summary": "Stories here are experience, not advice.", "body": "The full text.",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Stories here are experience, not advice." in html and "The full text." in html
    assert '<label for="rescue-summary">Short form</label>' in html
