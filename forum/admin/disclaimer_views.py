from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..disclaimer import queries, services
from ..errors import Refused, show_refusal
from . import bp
from .forms import DisclaimerForm


@bp.route("/disclaimer", methods=["GET", "POST"])
def disclaimer():
    current = queries.current_version()
    form = DisclaimerForm(data={"summary": current.summary, "body": current.body} if current and request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            version = services.publish_disclaimer(current_user, form.summary.data, form.body.data, form.must_accept.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash(f"Version {version.id} is published.", "success")
            return redirect(url_for("admin.disclaimer"))
    return render_template("admin/disclaimer.html", form=form, versions=queries.all_versions()), 422 if form.errors else 200


@bp.route("/disclaimer/<id:version_id>")
def disclaimer_version(version_id):
    return render_template("admin/disclaimer_version.html", version=queries.version_by_id(version_id))


@bp.route("/disclaimer/compare")
def disclaimer_compare():
    old = queries.version_by_id(request.args.get("old", type=int) or 0)
    new = queries.version_by_id(request.args.get("new", type=int) or 0)
    return render_template("admin/disclaimer_compare.html", old=old, new=new, difference=queries.compare(old, new))
