"""Email notifications: what a member hears about by email, and how often."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..notifications import email_services
from ..notifications.email_forms import EmailChoicesForm
from ..notifications.email_topics import TOPICS
from ..notifications.queries import email_choices
from . import bp


@bp.route("/emails")
@login_required
def emails():
    form = EmailChoicesForm(formdata=None, data=email_choices(current_user))
    return render_template("settings/emails.html", form=form, topics=TOPICS, member=current_user)


@bp.route("/emails", methods=["POST"])
@login_required
def change_email_preferences():
    form = EmailChoicesForm()
    if not form.validate_on_submit():
        return render_template("settings/emails.html", form=form, topics=TOPICS, member=current_user), 422
    email_services.change_email_preferences(current_user, current_user, form.choices())
    flash("Your email choices are saved.", "success")
    return redirect(url_for("settings.emails"))
