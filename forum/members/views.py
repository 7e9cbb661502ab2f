from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import Refused, show_refusal
from ..pagination import page_number
from ..permissions import require
from . import bp, queries, services
from .forms import ProfileForm

PER_PAGE = 20


@bp.route("/<username>")
def profile(username):
    member = queries.member_by_username(username)
    threads = queries.member_threads(member, page_number(request.args.get("threads_page")), PER_PAGE)
    posts = queries.member_replies(member, page_number(request.args.get("posts_page")), PER_PAGE)
    return render_template("members/profile.html", member=member, threads=threads, posts=posts)


@bp.route("/<username>/edit", methods=["GET", "POST"])
@login_required
def edit_profile(username):
    member = queries.member_by_username(username)
    require(current_user, "edit_profile", member)
    form = ProfileForm(obj=member)
    if form.validate_on_submit():
        try:
            services.edit_profile(current_user, member, form.bio.data or "")
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Your bio is saved.", "success")
            return redirect(url_for("members.profile", username=member.username))
    return render_template("members/edit_profile.html", member=member, form=form), 422 if form.errors else 200
