from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from . import bp, queries, services


@bp.route("/")
@login_required
def index():
    return render_template("notifications/index.html", notifications=queries.recent_notifications(current_user))


def moved():
    return redirect(url_for("notifications.index"), code=301)


@bp.route("/read", methods=["POST"])
@login_required
def mark_notifications_read():
    services.mark_notifications_read(current_user, current_user)
    flash("Notifications marked as read.", "info")
    return redirect(url_for("notifications.index"))
