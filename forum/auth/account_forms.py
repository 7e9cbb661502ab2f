"""Forms for getting back into an account and changing its password or address."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..accounts.models import EMAIL_MAX

NEW_PASSWORD_HINT = "At least 10 characters. A few unrelated words make a good one."


def _address(label, description=None):
    return EmailField(label, validators=[
        DataRequired("Enter an email address."),
        Email("Enter a valid email address.", check_deliverability=False),
        Length(max=EMAIL_MAX),
    ], description=description)


class ForgotPasswordForm(FlaskForm):
    email = _address("Email", "The address you registered with.")


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired("Choose a new password."), Length(max=200)],
                             description=NEW_PASSWORD_HINT)
    confirm = PasswordField("New password again", validators=[
        DataRequired("Type the new password again."), EqualTo("password", "The two passwords don't match."),
    ])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password."),
                                                                     Length(max=200)])
    new_password = PasswordField("New password", validators=[DataRequired("Choose a new password."), Length(max=200)],
                                 description=NEW_PASSWORD_HINT)


class ChangeEmailForm(FlaskForm):
    email = _address("New email address", "We send a link there; your address changes when you follow it.")
    password = PasswordField("Your password", validators=[DataRequired("Enter your password."), Length(max=200)],
                             description="To be sure it's you.")
