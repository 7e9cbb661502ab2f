from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

BIO_MAX = 1000


class BioForm(FlaskForm):
    bio = TextAreaField(
        "About you",
        validators=[Length(max=BIO_MAX, message=f"Keep your bio under {BIO_MAX} characters.")],
        description="Optional and public. What you'd like others to know: your pain, what you've tried, what helps. Markdown works.",
    )
    submit = SubmitField("Save bio")
