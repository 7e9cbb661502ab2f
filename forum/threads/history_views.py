"""A post's earlier versions, for its author and the moderators."""
from flask import render_template
from flask_login import current_user, login_required

from ..permissions import require
from . import bp, queries


@bp.route("/posts/<id:post_id>/history")
@login_required
def view_post_history(post_id):
    post = queries.post_by_id(post_id)
    require(current_user, "view_post_history", post)
    return render_template("threads/post_history.html", post=post, versions=queries.post_versions(post))
