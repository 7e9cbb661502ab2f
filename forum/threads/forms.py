from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

BODY_MAX = 50000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _id_or_none(value):
    """A chosen id, or None for the "Choose a category" line (or nonsense)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class BodyMixin:
    body = TextAreaField(
        "Your post",
        validators=[DataRequired("Write something before sending."), Length(max=BODY_MAX, message=f"Keep a post under {BODY_MAX:,} characters.")],
        description="Markdown works: *italic*, **bold**, lists, > quotes, [links](https://example.org).",
    )
    preview = SubmitField("Preview")
    submit = SubmitField("Post")


class ThreadForm(BodyMixin, FlaskForm):
    category_id = SelectField("Category", coerce=_id_or_none, validators=[DataRequired("Choose a category.")])
    title = StringField(
        "Title",
        filters=[_strip],
        validators=[DataRequired("Give your thread a title."), Length(5, 150, "Use 5 to 150 characters for the title.")],
    )
    members_only = BooleanField(
        "Members only: visitors and search engines see only the title",
        description="Members can read and reply as usual. You can change this later on the thread's page.",
    )


def new_thread_form(categories, chosen_slug=None, form_class=ThreadForm):
    """A ThreadForm (or a form built on it) offering `categories`. Nothing is
    chosen for the member: the list starts at "Choose a category", unless
    they came from a category's page, which is then offered."""
    form = form_class()
    form.category_id.choices = [SelectChoice("", "Choose a category…")] + [SelectChoice(c.id, c.name) for c in categories]
    if chosen_slug and not form.is_submitted():
        form.category_id.data = next((c.id for c in categories if c.slug == chosen_slug), None)
    return form


class ReplyForm(BodyMixin, FlaskForm):
    pass


class EditPostForm(BodyMixin, FlaskForm):
    reason = TextAreaField(
        "Reason for editing (readers see it)",
        validators=[Length(max=500)],
        description="Needed when you edit someone else's post as a moderator.",
    )
    submit = SubmitField("Save changes")


class DeletePostForm(FlaskForm):
    submit = SubmitField("Delete this post")


class MembersOnlyForm(FlaskForm):
    """One button on the thread page: members only, or open to everyone."""

    submit = SubmitField("Members only")


class HelpfulForm(FlaskForm):
    """One button: "this helped me", or taking the mark off."""

    submit = SubmitField("This helped me")
