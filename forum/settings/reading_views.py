"""Reading: the time zone times are shown in, and light or dark colours."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..errors import Refused, show_refusal
from ..timeutil import exact_time, utcnow, zone
from . import bp, services
from .forms import ReadingForm


def _page(form, status=200):
    # The time now in the chosen zone, so the member can check it is theirs.
    now_here = exact_time(utcnow(), zone(current_user.time_zone))
    return render_template("settings/reading.html", form=form, now_here=now_here), status


@bp.route("/reading")
@login_required
def reading():
    form = ReadingForm(formdata=None, data={"time_zone": current_user.time_zone or "UTC", "theme": current_user.theme})
    return _page(form)


@bp.route("/reading", methods=["POST"])
@login_required
def change_reading_settings():
    form = ReadingForm()
    if form.validate_on_submit():
        try:
            services.change_reading_settings(current_user, current_user, form.time_zone.data, form.theme.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Your reading settings are saved.", "success")
            return redirect(url_for("settings.reading"))
    return _page(form, 422)
