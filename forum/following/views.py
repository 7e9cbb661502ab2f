from flask import flash, redirect, url_for
from flask_login import current_user, login_required

from . import bp, models, services  # noqa: F401
from .forms import FollowingSettingsForm


@bp.route("/settings", methods=["POST"])
@login_required
def change_following_settings():
    form = FollowingSettingsForm()
    if form.validate_on_submit():
        services.change_following_settings(current_user, current_user, form.follow_own_threads.data)
        flash("Your following settings are saved.", "success")
    return redirect(url_for("members.edit_profile", username=current_user.username, _anchor="following-heading"))
