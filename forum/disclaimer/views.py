from flask import g, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..drafts import carried_draft, preserved_fields, render_rescue
from ..errors import NotFound
from ..navigation import safe_next
from . import bp, queries, services
from .steps import DisclaimerNotAccepted


@bp.app_template_global("current_disclaimer")
def current_disclaimer():
    """The current version for every page's footer, read at most once a request."""
    if "current_disclaimer" not in g:
        g.current_disclaimer = queries.current_version()
    return g.current_disclaimer


@bp.app_errorhandler(DisclaimerNotAccepted)
def disclaimer_not_accepted(error):
    """The updated disclaimer to accept, carrying the post being sent."""
    return _accept_page(current_disclaimer(), preserved_fields(request.form), safe_next(request.path) or "/"), 409


def _accept_page(version, draft, back, error=None):
    """The version to accept, after what changed since the one the member accepted."""
    changes = queries.changes_since_accepted(current_user, version) if version and current_user.is_authenticated else None
    return render_template("disclaimer/accept.html", version=version, changes=changes, draft=draft, next=back, error=error)


@bp.route("/")
def show():
    return render_template("disclaimer/show.html", version=current_disclaimer())


@bp.route("/accept", methods=["GET", "POST"])
@login_required
def accept_disclaimer():
    """Accept the current version; a draft carried here is handed back after."""
    version = current_disclaimer()
    if version is None:
        raise NotFound("There is no disclaimer to accept yet.")
    back = safe_next(request.values.get("next")) or url_for("home")
    draft = carried_draft(request.form)
    if request.method == "POST" and request.form.get("accept") == "yes":
        services.accept_disclaimer(current_user, version)
        if draft:
            return render_rescue(back, draft, "Thank you. Your text is below: check it and send it.")
        return redirect(back)
    return _accept_page(version, draft, back, "Tick the box to accept the disclaimer." if request.method == "POST" else None)
