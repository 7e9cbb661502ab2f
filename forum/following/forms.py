from flask_wtf import FlaskForm
from wtforms import BooleanField, SubmitField


class FollowingSettingsForm(FlaskForm):
    follow_own_threads = BooleanField(
        "Follow the threads I start or reply to",
        description="You're told of new replies in them. You can stop following any one thread from its page.",
    )
    submit = SubmitField("Save")
