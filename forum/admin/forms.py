from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..audit.models import AUDIT_ACTIONS
from ..routing import MAX_ID


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    moderator = StringField("Moderator", validators=[Optional(), Length(max=30)])
    action = SelectField(
        "Action", choices=[SelectChoice("", "Any action")] + [SelectChoice(a, a.replace("_", " ")) for a in AUDIT_ACTIONS],
        validators=[Optional()],
    )
    member = StringField("Member concerned", validators=[Optional(), Length(max=30)])
    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])
    # An id past the column's range is an error in the database, not an empty page.
    before = IntegerField(validators=[Optional(), NumberRange(1, MAX_ID)])


class MemberSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Username starts with", validators=[Optional(), Length(max=30)])


class DisclaimerForm(FlaskForm):
    summary = TextAreaField("Short form (shown in every page's footer)", validators=[DataRequired("Write the short form."), Length(max=400)])
    body = TextAreaField("Full text (Markdown)", validators=[DataRequired("Write the full text."), Length(max=20000)])
    must_accept = BooleanField("Members must accept this version again before their next post")
    submit = SubmitField("Publish new version")


class CaseActionForm(FlaskForm):
    # decide_report asks for the reason, after saying when the report is already decided.
    reason = TextAreaField("Reason", validators=[Length(max=2000)])
    until = DateField("Suspend until (for a suspension)", validators=[Optional()])
    ban = BooleanField("Ban instead (for a suspension)")
    submit = SubmitField("Confirm")
