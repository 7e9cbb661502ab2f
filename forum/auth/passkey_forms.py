from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from .passkeys import NAME_MAX


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=200)])
    next = HiddenField()


class PasskeyForm(FlaskForm):
    """The name of a passkey about to be added. static/js/passkeys.js sends
    it with the browser's answer; the server checks it again (passkey_name)."""

    name = StringField(
        "Name",
        validators=[DataRequired("Give the passkey a name, such as the device it is on."), Length(max=NAME_MAX)],
        description="So you can tell your passkeys apart, for example “Work laptop” or “My phone”.",
    )
