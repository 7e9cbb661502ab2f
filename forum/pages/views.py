from flask import render_template

from . import bp


@bp.route("/guidelines")
def guidelines():
    return render_template("pages/guidelines.html")


@bp.route("/disclaimer")
def disclaimer():
    return render_template("pages/disclaimer.html")


@bp.route("/urgent-help")
def urgent_help():
    return render_template("pages/urgent_help.html")
