from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..accounts.forms import allowed_username
from ..accounts.models import USERNAME_MAX, USERNAME_MIN
from ..accounts.names import TOO_SHORT_OR_LONG
from .services import BIO_MAX, BIO_TOO_LONG


class ProfileForm(FlaskForm):
    bio = TextAreaField(
        "About you",
        validators=[Length(max=BIO_MAX, message=BIO_TOO_LONG)],
        description="Optional and public. What you'd like others to know: your pain, what you've tried, what helps. Markdown works.",
    )
    submit = SubmitField("Save bio")


class UsernameForm(FlaskForm):
    username = StringField(
        "New username",
        validators=[DataRequired("Type the username you'd like."), allowed_username,
                    Length(USERNAME_MIN, USERNAME_MAX, TOO_SHORT_OR_LONG)],
        description="3 to 30 letters, digits, _ - . You can change it once every 30 days. Your old name stays "
                    "reserved for you for 90 days, and links to your profile keep working meanwhile.",
    )
    submit = SubmitField("Change username")
