"""The fields a rescued draft carries are checked against every form, so a
new field can't be forgotten (and its text lost when a session ends)."""
from flask_wtf import FlaskForm
from wtforms import FieldList, HiddenField, PasswordField, SubmitField

from forum.drafts import DRAFT_FIELDS, NEVER_KEPT, preserved_fields
from tests.conftest import csrf_token_from
from tests.factories import audit_entries, notifications_for

NOT_FILLED_IN = (HiddenField, PasswordField, SubmitField)


def _forum_forms(cls=FlaskForm):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("forum."):
            yield sub
        yield from _forum_forms(sub)


def _fields(form):
    """Every field, a list of rows (a story's treatments) by its rows' fields."""
    for field in form:
        if isinstance(field, FieldList):
            for row in field:
                yield from row
        else:
            yield field


def _filled_in_fields(app):
    """{(form, field name as sent)} for each field a person fills in on a
    form that changes something; a form of a page with several has a prefix."""
    filled = set()
    with app.test_request_context(method="POST"):
        for form_class in set(_forum_forms()):
            if not form_class.Meta.csrf:
                continue  # a GET filter (the audit log, the member search) changes nothing
            for prefix in ("", "warn"):
                for field in _fields(form_class(meta={"csrf": False}, prefix=prefix)):
                    if not isinstance(field, NOT_FILLED_IN):
                        filled.add((form_class.__name__, field.name))
    return filled


def test_the_forms_are_found(app):
    names = {name for name, _ in _filled_in_fields(app)}
    assert {"ThreadForm", "ReplyForm", "DisclaimerForm", "MemberNoteForm", "RegisterForm", "SuspendForm"} <= names


def test_every_field_a_person_fills_in_is_kept_or_deliberately_not(app):
    for form, name in _filled_in_fields(app):
        kind = name.rsplit("-", 1)[-1]
        assert kind in DRAFT_FIELDS or kind in NEVER_KEPT, f"{form}.{name}: add it to DRAFT_FIELDS or NEVER_KEPT"
        assert not (kind in DRAFT_FIELDS and kind in NEVER_KEPT), kind


def test_a_password_or_a_ban_is_never_kept():
    sent = {"body": "My long story.", "password": "a long enough test password", "login": "ana", "suspend-ban": "y"}
    assert preserved_fields(sent) == {"body": "My long story."}


def test_a_field_of_a_prefixed_form_is_kept_under_its_own_name():
    assert preserved_fields({"warn-reason": "Please keep it kind.", "warn-csrf_token": "x"}) == {"warn-reason": "Please keep it kind."}


def test_each_kept_field_has_a_label_and_a_way_to_be_shown():
    for label, kind in DRAFT_FIELDS.values():
        assert label.strip() and kind in {"line", "text", "hidden", "checkbox"}


def _expired_post(browser, url, data):
    return browser.post(url, data={"csrf_token": "expired", **data})


def test_a_disclaimer_draft_comes_back_whole_and_is_published_as_written(client_for, moderator):
    # The short form and "must accept again" used to be dropped: sent again
    # from the rescue page, the version went out without asking anyone.
    browser = client_for(moderator)
    typed = {"summary": "Stories here are experience, not advice.", "body": "The full text.", "must_accept": "y"}
    rescue = _expired_post(browser, "/admin/disclaimer", typed)
    html = rescue.get_data(as_text=True)
    assert rescue.status_code == 400
    assert "Stories here are experience, not advice." in html and "The full text." in html
    assert '<label for="rescue-summary">Short form</label>' in html
    assert 'name="must_accept" type="checkbox" value="y" checked' in html

    sent = browser.post("/admin/disclaimer", data={**typed, "csrf_token": csrf_token_from(html)})

    assert sent.status_code == 302
    [entry] = audit_entries("publish_disclaimer")
    assert '"must_accept": true' in entry.snapshot and '"summary": "Stories here are experience, not advice."' in entry.snapshot


def test_a_warning_typed_on_the_member_page_survives_an_expired_form(client_for, moderator, member):
    browser = client_for(moderator)
    url = f"/admin/members/{member.id}/warn_member"
    rescue = _expired_post(browser, url, {"warn-reason": "Please keep to your own experience."})
    html = rescue.get_data(as_text=True)
    assert rescue.status_code == 400 and "Please keep to your own experience." in html
    assert 'name="warn-reason"' in html

    sent = browser.post(url, data={"warn-reason": "Please keep to your own experience.", "csrf_token": csrf_token_from(html)})

    assert sent.status_code == 302
    [notification] = notifications_for(member)
    assert notification.body == "Please keep to your own experience."


def test_a_chosen_category_travels_hidden_with_its_thread(member_client, category):
    rescue = _expired_post(member_client, "/threads/new", {"title": "Stretches", "body": "What helped me.", "category_id": str(category.id)})
    html = rescue.get_data(as_text=True)
    assert rescue.status_code == 400
    assert f'<input type="hidden" name="category_id" value="{category.id}">' in html
