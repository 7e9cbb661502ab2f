from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from .credentials import CREDENTIALS, jurisdiction_choices
from .services import ANSWER_MAX, BIO_MAX

NPI_PATTERN = r"^\d{10}$"
# What the directory filters by: the badge's profession (PT covers DPT and PTA).
BADGE_LABELS = list(dict.fromkeys(label for label, _ in CREDENTIALS.values()))


def _places(empty_label, other=True):
    return [SelectChoice("", empty_label)] + [SelectChoice(code, name, optgroup=group) for code, name, group in jurisdiction_choices(other)]


class ApplyForm(FlaskForm):
    credential = SelectField(
        "Credential", validators=[DataRequired("Choose your credential.")],
        choices=[SelectChoice("", "Choose…")] + [SelectChoice(code, f"{code}: {name}") for code, (_, name) in CREDENTIALS.items()],
        description="A DPT or a PTA is shown as PT, with the degree noted.",
    )
    licence_number = StringField("Licence number", validators=[DataRequired("Enter your licence number."), Length(max=40)])
    jurisdiction = SelectField("Issued by", validators=[DataRequired("Choose where your licence was issued.")],
                               choices=_places("Choose…"))
    jurisdiction_other = StringField("Country, if another", validators=[Length(max=80)],
                                     description="Only when you chose “Another country”.")
    legal_name = StringField("Full name on the licence",
                             validators=[DataRequired("Enter your name exactly as it appears on the licence."), Length(max=120)])
    licence_expires_on = DateField("Licence expiry date", validators=[DataRequired("Enter the date your licence expires.")],
                                   description="Your badge lapses on this date unless you renew.")
    practice_name = StringField("Practice name (optional)", validators=[Length(max=120)])
    city = StringField("City (optional)", validators=[Length(max=80)])
    npi = StringField("NPI number (optional)", validators=[Optional(), Regexp(NPI_PATTERN, message="An NPI has exactly 10 digits.")],
                      description="US National Provider Identifier, 10 digits.")
    bio = TextAreaField("Short public bio", validators=[Length(max=BIO_MAX, message=f"Keep your bio to {BIO_MAX} characters or fewer.")],
                        description="Your training and the kind of pain you work with. Markdown works. No prices, offers or contact details.")
    show_licence = BooleanField("Show my licence number, legal name and NPI on my profile",
                                description="Unticked, only the moderators and you see them.")
    agree = BooleanField(
        "I will not solicit clients or advertise here, and I will say so whenever I discuss a treatment I sell or have an interest in.",
        validators=[DataRequired("Agree to the practitioner guidelines to apply.")],
    )
    submit = SubmitField("Send application")


class AnswerForm(FlaskForm):
    answer = TextAreaField("Your answer", validators=[DataRequired("Write your answer for the moderators."), Length(max=ANSWER_MAX)])
    submit = SubmitField("Send answer")


class WithdrawForm(FlaskForm):
    submit = SubmitField("Withdraw application")


class VerifyForm(FlaskForm):
    source_checked = StringField(
        "Checked with", validators=[DataRequired("Name where you checked the licence."), Length(max=200)],
        description="Shown to readers with the badge, e.g. “the Florida Board of Massage Therapy”.",
    )
    source_url = URLField("Licence search address (optional)", validators=[Optional(), Length(max=500)],
                          description="Where you looked the licence up. Moderators only.")
    checked_on = DateField("Checked on", validators=[DataRequired("Give the day you checked the licence.")])
    submit = SubmitField("Verify")


class InfoRequestForm(FlaskForm):
    message = TextAreaField("What do you need from the applicant?",
                            validators=[DataRequired("Write what you need from the applicant."), Length(max=2000)])
    submit = SubmitField("Ask for more information")


class DecisionReasonForm(FlaskForm):
    reason = TextAreaField("Reason (the applicant reads this)", validators=[DataRequired("Give a reason."), Length(max=2000)])
    submit = SubmitField("Confirm")


class DirectoryFilterForm(FlaskForm):
    class Meta:
        csrf = False

    credential = SelectField("Credential", validators=[Optional()],
                             choices=[SelectChoice("", "Any")] + [SelectChoice(label, label) for label in BADGE_LABELS])
    jurisdiction = SelectField("Where licensed", validators=[Optional()],
                               choices=_places("Anywhere", other=False))
