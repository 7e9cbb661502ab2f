from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired

# What happens to the posts of a deleted account: the one choice a member makes.
POSTS_CHOICES = {
    "keep": "Keep my posts, shown as written by “Former member”",
    "remove": "Remove my posts, stories and the titles of threads I started",
}
CHOOSE = "Choose what happens to your posts."


class PostsChoiceForm(FlaskForm):
    """The first step: what happens to the posts. Sent with GET, as it
    changes nothing (the next page asks for the password), so it carries no
    CSRF token and its answer is never a draft to keep."""

    class Meta:
        csrf = False

    posts = RadioField("What should happen to your posts?",
                       choices=[SelectChoice(value, label) for value, label in POSTS_CHOICES.items()],
                       validate_choice=False, validators=[AnyOf(list(POSTS_CHOICES), message=CHOOSE)])


class DeleteAccountForm(FlaskForm):
    """The second step: the choice carried over, and the password."""

    posts = HiddenField(validators=[AnyOf(list(POSTS_CHOICES), message=CHOOSE)])
    password = PasswordField("Your password", validators=[DataRequired("Type your password to confirm.")],
                             description="The one you sign in with. Nothing is deleted until you press the button below.")
    submit = SubmitField("Delete my account")

    @property
    def keep_posts(self):
        return self.posts.data == "keep"
