from flask import redirect, render_template, url_for

from ..safety.queries import crisis_resources
from . import bp


@bp.route("/guidelines")
def guidelines():
    return render_template("pages/guidelines.html")


@bp.route("/disclaimer")
def disclaimer():
    # The disclaimer is versioned and moderator-managed now; old links still work.
    return redirect(url_for("disclaimer.show"), code=301)


@bp.route("/urgent-help")
def urgent_help():
    return render_template("pages/urgent_help.html", resources=crisis_resources())
