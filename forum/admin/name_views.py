from flask import render_template
from flask_login import current_user

from ..accounts import queries
from ..permissions import require
from . import bp


@bp.route("/names")
def name_collisions():
    require(current_user, "view_name_collisions")
    return render_template("admin/names.html", groups=queries.lookalike_groups(), breaking=queries.names_breaking_rules())
