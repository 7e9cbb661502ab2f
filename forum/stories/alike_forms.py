"""The newcomer's short form for People like me: condition, how it
started, and what they tried. Sent with GET and never stored (see
alike_views for why GET), so it carries no CSRF token."""
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from .forms import CheckboxesField
from .vocabulary import HELPED_ANY

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
    """Three short questions, and which of the treatments tried helped:
    ticked boxes, so the form stays short however long the vocabulary."""

    class Meta:
        csrf = False  # a GET that changes nothing

    condition = CheckboxesField("Your condition", validate_choice=False, validators=[_some_condition, _offered])
    cause = CheckboxesField("How it started", validate_choice=False, validators=[_offered])
    tried = CheckboxesField("What you have tried", validate_choice=False, validators=[_offered])
    helped = CheckboxesField("What helped", validate_choice=False, validators=[_offered])

    def was_sent(self):
        """True when the query string holds any of this form's answers."""
        return any(field.raw_data for field in self)

    def answers(self):
        """(condition ids, cause ids, {treatment id: "helped", or None when
        they didn't say}) for like_answers; only call once the form is
        valid. Ticking "helped" counts as having tried it."""
        ids = {kind: {t.slug: t.id for t in terms} for kind, terms in self.vocabularies.items()}
        treatments = ids["treatment"]
        tried = {treatments[slug]: None for slug in self.tried.data}
        tried.update({treatments[slug]: HELPED_ANY for slug in self.helped.data})
        return ([ids["condition"][s] for s in self.condition.data],
                [ids["cause"][s] for s in self.cause.data], tried)


def alike_form(vocabularies, formdata):
    """The form for the live vocabularies ({kind: [terms]}), filled from
    `formdata` (the query string)."""
    form = AlikeForm(formdata)
    form.vocabularies = vocabularies
    for field, kind in ((form.condition, "condition"), (form.cause, "cause"), (form.tried, "treatment"),
                        (form.helped, "treatment")):
        field.choices = [SelectChoice(t.slug, t.label) for t in vocabularies[kind]]
    return form
