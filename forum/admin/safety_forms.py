"""The forms of the safety pages: shape only; the rules are the services'."""
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import Length


class AddPhraseForm(FlaskForm):
    phrase = StringField("Phrase", validators=[Length(max=200)],
                         description="Plain words, as members write them. Other forms of a word, small words in "
                                     "between, a one-letter slip and capitals are matched anyway; three dots (...) join "
                                     "words that may be apart in a sentence. “No…”, “if I ever…”, other people's stories "
                                     "and what is over are set aside. A figure of speech matches only exactly as written.")
    submit = SubmitField("Add")


class CrisisResourceForm(FlaskForm):
    region = StringField("Where it helps", validators=[Length(max=80)], description="For example “United States” or “Anywhere”.")
    name = StringField("Name", validators=[Length(max=120)])
    contact = StringField("How to reach it", validators=[Length(max=200)], description="For example “Call or text 988”.")
    url = StringField("Web address (optional)", validators=[Length(max=300)])
    note = TextAreaField("Note (optional)", validators=[Length(max=1000)])
    submit = SubmitField("Save")


class CheckTextForm(FlaskForm):
    """Trying a text against the lists changes nothing: a GET, no token."""

    class Meta:
        csrf = False

    text = TextAreaField("Text to check", validators=[Length(max=20_000)])
