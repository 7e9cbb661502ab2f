from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from . import bp, queries, services


@bp.route("/")
@login_required
def index():
    entries = queries.recent_notifications(current_user)
    return render_template("notifications/index.html", groups=queries.grouped_by_thread(entries), shown=queries.SHOWN,
                           listed=len(entries))


def moved():
    return redirect(url_for("notifications.index"), code=301)


@bp.route("/read", methods=["POST"])
@login_required
def mark_notifications_read():
    services.mark_notifications_read(current_user, current_user)
    flash("Notifications marked as read.", "info")
    return redirect(url_for("notifications.index"))


@bp.route("/<id:notification_id>/read", methods=["POST"])
@login_required
def mark_notification_read(notification_id):
    notification = queries.notification_of(current_user, notification_id)
    services.mark_notification_read(current_user, current_user, notification)
    flash("Marked as read.", "info")
    return redirect(url_for("notifications.index", _anchor=f"notification-{notification.id}"))
