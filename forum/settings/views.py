from flask import render_template
from flask_login import current_user, login_required

from . import bp


@bp.route("/")
@login_required
def index():
    return render_template("settings/index.html", member=current_user)
