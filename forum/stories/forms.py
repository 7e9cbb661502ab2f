"""The story form: the account's fields, with as many treatment rows as the
member needs. Without JavaScript, "Add another treatment" sends the form
back with one more empty row, everything typed kept."""
from datetime import date

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..threads.forms import ThreadForm
from ..timeutil import utcnow
from .account import Account, Report
from .vocabulary import NOW, OUTCOMES, SIDES

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
EARLIEST_YEAR = 1950
MAX_TREATMENTS = 40


def _number_or_none(value):
    return int(value) if value not in (None, "", "None") else None


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _choices(labels):
    return [SelectChoice(value, label) for value, label in labels.items()]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TreatmentRow(Form):
    term = SelectField("Treatment", coerce=_number_or_none, validate_choice=False)
    outcome = SelectField("How it went", choices=_choices({"": "Choose…", **OUTCOMES}))
    duration = StringField("How long, or how many sessions", filters=[_strip], validators=[Length(max=80)],
                           description="For example: 6 sessions over 8 weeks")
    note = StringField("Side effects or cost (optional)", filters=[_strip], validators=[Length(max=300)])

    def validate_outcome(self, field):
        if self.term.data and not field.data:
            raise ValidationError("Say how it went.")

    def validate_term(self, field):
        if not field.data and self.outcome.data:
            raise ValidationError("Choose the treatment, or leave how it went empty.")


class AccountMixin:
    conditions = CheckboxesField("Condition", coerce=int)
    other_condition = StringField("Another condition", filters=[_strip], validators=[Length(max=80)])
    causes = CheckboxesField("How it started", coerce=int)
    other_cause = StringField("Another cause", filters=[_strip], validators=[Length(max=80)])
    side = RadioField("Which side", choices=_choices({**SIDES, "": "Doesn't apply"}), default="",
                      validators=[Optional()])
    started_month = SelectField("Month", choices=_choices({"": "Month"} | {str(n): m for n, m in enumerate(MONTHS, 1)}))
    started_year = SelectField("Year", choices=[])
    # Checked below, with one message rather than WTForms' own beside it.
    now = RadioField("How it is now", choices=_choices(NOW), validate_choice=False)
    treatments = FieldList(FormField(TreatmentRow), min_entries=3, max_entries=MAX_TREATMENTS)
    add_treatment = SubmitField("Add another treatment")

    def offer(self, vocabularies):
        """Fill the choices from the live vocabularies."""
        self.conditions.choices = [SelectChoice(t.id, t.label) for t in vocabularies["condition"]]
        self.causes.choices = [SelectChoice(t.id, t.label) for t in vocabularies["cause"]]
        treatments = [SelectChoice("", "Choose…")] + [SelectChoice(t.id, t.label) for t in vocabularies["treatment"]]
        self.treatment_choices = treatments
        for row in self.treatments:
            row.term.choices = treatments
        this_year = utcnow().year
        self.started_year.choices = _choices({"": "Year"} | {str(y): str(y) for y in range(this_year, EARLIEST_YEAR - 1, -1)})

    def add_row(self):
        if len(self.treatments) < MAX_TREATMENTS:
            self.treatments.append_entry()
            self.treatments[-1].term.choices = self.treatment_choices

    def validate_conditions(self, field):
        if not field.data and not self.other_condition.data:
            raise ValidationError("Choose at least one condition, or name it under “Another condition”.")

    def validate_causes(self, field):
        if not field.data and not self.other_cause.data:
            raise ValidationError("Choose how it started: “Unknown” is a fine answer.")

    def validate_now(self, field):
        if field.data not in NOW:
            raise ValidationError("Say how it is now.")

    def validate_started_year(self, field):
        month, year = self.started_month.data, field.data
        if bool(month) != bool(year):
            raise ValidationError("Give both the month and the year, or neither.")
        if month and year and date(int(year), int(month), 1) > utcnow().date():
            raise ValidationError("That month is still to come.")

    def validate_treatments(self, field):
        seen = set()
        for row in field:
            if row.term.data in seen:
                row.term.errors = list(row.term.errors) + ["This treatment is already listed above: one row each."]
                raise ValidationError("Each treatment once, please.")
            if row.term.data:
                seen.add(row.term.data)

    def account(self):
        month, year = self.started_month.data, self.started_year.data
        return Account(
            conditions=list(self.conditions.data or []), other_condition=self.other_condition.data or "",
            causes=list(self.causes.data or []), other_cause=self.other_cause.data or "",
            side=self.side.data or None, started_on=date(int(year), int(month), 1) if month and year else None,
            now=self.now.data or None,
            treatments=[Report(row.term.data, row.outcome.data, row.duration.data or "", row.note.data or "")
                        for row in self.treatments if row.term.data],
        )

    def fill_from(self, story):
        """Show a story's current account (on a GET)."""
        self.conditions.data = [c.term_id for c in story.conditions]
        self.causes.data = [c.term_id for c in story.causes]
        self.other_condition.data, self.other_cause.data = story.other_condition, story.other_cause
        self.side.data, self.now.data = story.side or "", story.now
        if story.started_on:
            self.started_month.data, self.started_year.data = str(story.started_on.month), str(story.started_on.year)
        while len(self.treatments):
            self.treatments.pop_entry()
        for t in story.treatments:
            self.treatments.append_entry({"term": t.term_id, "outcome": t.outcome, "duration": t.duration, "note": t.note})
            self.treatments[-1].term.choices = self.treatment_choices
        self.add_row()


class StoryForm(AccountMixin, FlaskForm):
    submit = SubmitField("Save the story")


class TellStoryForm(AccountMixin, ThreadForm):
    """A new thread that tells a story: the thread's fields and the account."""


class WithdrawForm(FlaskForm):
    submit = SubmitField("Withdraw the story")
