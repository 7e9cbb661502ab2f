from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from . import bp, queries, services


@bp.route("/")
@login_required
def index():
    return render_template("notices/index.html", notices=queries.recent_notices(current_user))


@bp.route("/read", methods=["POST"])
@login_required
def mark_notices_read():
    services.mark_notices_read(current_user, current_user)
    flash("Messages marked as read.", "info")
    return redirect(url_for("notices.index"))
