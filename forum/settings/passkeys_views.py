from flask import render_template
from flask_login import login_required

from . import bp


@bp.route("/passkeys")
@login_required
def passkeys():
    return render_template("settings/passkeys.html")
