from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from .services import BIO_MAX, BIO_TOO_LONG


class ProfileForm(FlaskForm):
    bio = TextAreaField(
        "About you",
        validators=[Length(max=BIO_MAX, message=BIO_TOO_LONG)],
        description="Optional and public. What you'd like others to know: your pain, what you've tried, what helps. Markdown works.",
    )
    submit = SubmitField("Save bio")
