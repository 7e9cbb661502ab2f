from flask import render_template
from flask_login import login_required

from . import bp


@bp.route("/emails")
@login_required
def emails():
    return render_template("settings/emails.html")
