from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from .models import REPORT_REASONS


class ReportForm(FlaskForm):
    reason = RadioField("What is wrong with this post?", choices=[SelectChoice(v, label) for v, label, _ in REPORT_REASONS],
                        validators=[DataRequired("Choose a reason.")])
    note = TextAreaField("Anything the moderators should know? (optional, except for “Other”)",
                         validators=[Length(max=2000)])
    submit = SubmitField("Send report")


class ReasonForm(FlaskForm):
    reason = TextAreaField("Reason", validators=[DataRequired("Give a reason."), Length(max=2000)])
    submit = SubmitField("Confirm")


class OptionalReasonForm(FlaskForm):
    reason = TextAreaField("Reason (optional)", validators=[Length(max=2000)])
    submit = SubmitField("Confirm")


class PostNoteForm(FlaskForm):
    note = TextAreaField("Moderator note shown under the post (leave empty to remove)", validators=[Length(max=2000)])
    submit = SubmitField("Save note")


class MoveForm(FlaskForm):
    category_id = SelectField("Move to", coerce=int, validators=[DataRequired("Choose a category.")])
    reason = TextAreaField("Reason (optional)", validators=[Length(max=2000)])
    submit = SubmitField("Move thread")


class RetitleForm(FlaskForm):
    title = StringField("New title", filters=[lambda value: value.strip() if isinstance(value, str) else value],
                        validators=[DataRequired("Give the thread a title."),
                                    Length(5, 150, "Use 5 to 150 characters for the title.")])
    reason = TextAreaField("Reason (the thread's author sees it, and it goes in the audit log)",
                           validators=[DataRequired("Give a reason."), Length(max=2000)])
    submit = SubmitField("Change the title")


class SuspendForm(FlaskForm):
    until = DateField("Suspended until (end of that day, UTC)", validators=[Optional()])
    ban = BooleanField("Ban instead: no end date")
    reason = TextAreaField("Reason (the member sees this when they sign in)", validators=[DataRequired("Give a reason."), Length(max=2000)])
    submit = SubmitField("Suspend")


class MemberNoteForm(FlaskForm):
    body = TextAreaField("Private note (only moderators see it)", validators=[DataRequired("Write the note first."), Length(max=4000)])
    submit = SubmitField("Add note")
