from flask import render_template
from flask_login import login_required

from . import bp


@bp.route("/account")
@login_required
def account():
    return render_template("settings/account.html")
