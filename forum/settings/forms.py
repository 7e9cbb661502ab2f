"""The reading settings form: a time zone and a theme."""
from functools import cache

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..timeutil import zone_names
from .services import THEMES


@cache
def zone_choices():
    """The zones grouped by area, each named by its place: typing "New"
    in the list finds New York. "America/Argentina/Buenos_Aires" reads
    "Buenos Aires (Argentina)"."""
    choices = [SelectChoice("UTC", "UTC", optgroup="Universal")]
    for name in zone_names()[1:]:
        area, _, rest = name.partition("/")
        *region, place = rest.replace("_", " ").split("/")
        choices.append(SelectChoice(name, f"{place} ({region[0]})" if region else place, optgroup=area))
    # UTC first, then the areas, each with its places by name.
    return sorted(choices, key=lambda choice: (choice.optgroup != "Universal", choice.optgroup, choice.label))


class ReadingForm(FlaskForm):
    # Checked by the service, which words the refusal beside the field.
    time_zone = SelectField("Time zone", choices=zone_choices, validate_choice=False)
    theme = RadioField("Colours", choices=[SelectChoice(value, label) for value, label in THEMES],
                       validators=[InputRequired("Choose how the forum should look.")])
