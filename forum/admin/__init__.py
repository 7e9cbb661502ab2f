"""The moderators' back office: views and forms over the domains' services.
Every route here refuses visitors (to sign in) and anyone without
`view_admin` (403)."""
from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

from ..permissions import require

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _staff_only():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    require(current_user, "view_admin")
    return None


