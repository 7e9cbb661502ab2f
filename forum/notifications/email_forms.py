"""The email notifications form: one group of radio buttons per topic."""
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from .email_topics import CHOICES, TOPICS


class EmailChoicesForm(FlaskForm):
    """Fields named after the topics (email_topics.TOPICS), added below."""

    def choices(self):
        return {topic.name: self[topic.name].data for topic in TOPICS}


for _topic in TOPICS:
    setattr(EmailChoicesForm, _topic.name, RadioField(
        _topic.label, choices=[SelectChoice(value, label) for value, label in CHOICES], default=_topic.default, description=_topic.description,
        validators=[InputRequired("Choose how often, or Never.")],
    ))
