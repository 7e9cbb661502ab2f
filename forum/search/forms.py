from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

# The names in the address (/search/?q=…&from=…&to=…), which a link or a
# bookmark keeps; a page past the first carries these and nothing else.
FILTERS = ("q", "category", "author", "practitioners", "from", "to")


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    # No length limit: a pasted page is searched by its first words, not refused.
    q = StringField("Search for", description='Words to find. Put a phrase in double quotes: "foam roller".')
    category = SelectField("Category", choices=[], validators=[Optional()])
    author = StringField("Written by", description="A member's username.", validators=[Optional(), Length(max=40)])
    practitioners = BooleanField("Only posts by verified practitioners")
    since = DateField("From", name="from", validators=[Optional()])
    until = DateField("To", name="to", validators=[Optional()])

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("The end date is before the start date.")


def search_form(categories, args):
    """The form filled in from the address, offering these categories."""
    form = SearchForm(args)
    form.category.choices = [SelectChoice("", "All categories")] + [SelectChoice(c.slug, c.name) for c in categories]
    return form
