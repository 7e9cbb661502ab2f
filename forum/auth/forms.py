from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length

from ..accounts.forms import allowed_username
from ..accounts.models import EMAIL_MAX, USERNAME_MAX, USERNAME_MIN
from ..accounts.names import TOO_SHORT_OR_LONG


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        # The name rules check the length and the characters too, each
        # refusal with its own message; Length is there for the browser's
        # minlength and maxlength.
        validators=[DataRequired("Choose a username."), allowed_username, Length(USERNAME_MIN, USERNAME_MAX, TOO_SHORT_OR_LONG)],
        description="A pseudonym is fine, and safer: 3 to 30 letters, digits, _ - . No titles or credentials: "
                    "a verified practitioner gets a badge beside their name.",
    )
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter your email address."),
            Email("Enter a valid email address.", check_deliverability=False),
            Length(max=EMAIL_MAX),
        ],
        description="Private: never shown to anyone.",
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Choose a password."), Length(max=200)],
        description="At least 10 characters. A few unrelated words make a good one.",
    )
    accept = BooleanField(
        "I accept the community guidelines and understand the medical disclaimer",
        validators=[DataRequired("Please read and accept the guidelines and disclaimer.")],
    )


class LoginForm(FlaskForm):
    login = StringField("Username or email", validators=[DataRequired("Enter your username or email."), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=200)])
    remember = BooleanField("Keep me signed in on this device")
    next = HiddenField()
