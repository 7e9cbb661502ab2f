"""The forms of the vocabulary pages: shape only; the rules (length,
duplicates, addresses, what may be merged) are the services'."""
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _id_or_none(value):
    return int(value) if value not in (None, "", "None") else None


class AddTermForm(FlaskForm):
    label = StringField("Name", filters=[_strip], validators=[DataRequired("Write the entry's name."), Length(max=80)])
    slug = StringField("Address (optional)", filters=[_strip], validators=[Optional(), Length(max=80)],
                       description="Lowercase words joined by hyphens, used in links. Leave empty to make one from the name.")
    submit = SubmitField("Add")


class RenameTermForm(FlaskForm):
    label = StringField("New name", filters=[_strip], validators=[DataRequired("Write the new name."), Length(max=80)])
    reason = TextAreaField("Reason (optional)", validators=[Length(max=2000)])
    submit = SubmitField("Rename")


class MergeTermsForm(FlaskForm):
    into = SelectField("Merge it into", coerce=_id_or_none, validators=[DataRequired("Choose the entry that stays.")])
    reason = TextAreaField("Reason", validators=[DataRequired("Give a reason: it goes in the audit log."), Length(max=2000)])
    submit = SubmitField("Merge")

    def offer(self, term, live_terms):
        """The entries `term` may become: the other live ones of its vocabulary."""
        self.into.choices = [SelectChoice("", "Choose the entry that stays…")] + [
            SelectChoice(t.id, t.label) for t in live_terms if t.id != term.id]

