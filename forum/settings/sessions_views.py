from flask import render_template
from flask_login import login_required

from . import bp


@bp.route("/sessions")
@login_required
def sessions():
    return render_template("settings/sessions.html")
