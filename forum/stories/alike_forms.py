"""The newcomer's short form for People like me: condition, how it
started, and what they tried. Sent with GET and never stored (see
alike_views for why GET), so it carries no CSRF token."""
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .forms import CheckboxesField
from .vocabulary import OUTCOMES

TRIED = "tried"
TRIED_CHOICES = [SelectChoice(value, label) for value, label in [("", "Didn't try it"), (TRIED, "Tried it"), *OUTCOMES.items()]]
STALE = "One of these choices is no longer offered: choose again."


def _offered(form, field):
    """A choice from an old link or a changed vocabulary gets a plain
    sentence, not WTForms' "not a valid choice"."""
    offered = {choice.value for choice in field.choices}
    if any(value not in offered for value in field.data or []):
        raise ValidationError(STALE)


def _some_condition(form, field):
    if not field.data:
        raise ValidationError("Choose at least one condition: it matters most in finding people like you.")


class AlikeForm(FlaskForm):
    """The fixed part; `alike_form` adds one "how it went" choice per
    treatment of the live vocabulary."""

    class Meta:
        csrf = False  # a GET that changes nothing

    condition = CheckboxesField("Your condition", validate_choice=False, validators=[_some_condition, _offered])
    cause = CheckboxesField("How it started", validate_choice=False, validators=[_offered])

    def treatment_fields(self):
        """The "how it went" choice of each treatment offered, in the vocabulary's order."""
        return [self[f"{TRIED}-{term.slug}"] for term in self.vocabularies["treatment"]]

    def was_sent(self):
        """True when the query string holds any of this form's answers."""
        return any(field.raw_data for field in self)

    def answers(self):
        """(condition ids, cause ids, {treatment id: outcome or None}) for
        like_answers; only call once the form is valid."""
        ids = {kind: {t.slug: t.id for t in terms} for kind, terms in self.vocabularies.items()}
        tried = {term.id: (None if field.data == TRIED else field.data)
                 for term, field in zip(self.vocabularies["treatment"], self.treatment_fields(), strict=True) if field.data}
        return ([ids["condition"][s] for s in self.condition.data],
                [ids["cause"][s] for s in self.cause.data], tried)


def alike_form(vocabularies, formdata):
    """The form for the live vocabularies ({kind: [terms]}), filled from
    `formdata` (the query string)."""
    fields = {f"{TRIED}-{t.slug}": SelectField(t.label, choices=TRIED_CHOICES, default="") for t in vocabularies["treatment"]}
    form = type("AlikeAnswersForm", (AlikeForm,), fields)(formdata)
    form.vocabularies = vocabularies
    form.condition.choices = [SelectChoice(t.slug, t.label) for t in vocabularies["condition"]]
    form.cause.choices = [SelectChoice(t.slug, t.label) for t in vocabularies["cause"]]
    return form
