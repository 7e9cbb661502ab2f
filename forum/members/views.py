from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import Refused, show_refusal
from ..following.forms import FollowingSettingsForm
from ..pagination import page_number
from ..permissions import require
from . import bp, queries, services
from .forms import ProfileForm, UsernameForm

PER_PAGE = 20


@bp.route("/<username>")
def profile(username):
    member, renamed = queries.profile_or_new_name(username)
    if renamed is not None:
        return _moved_to(renamed)
    threads = queries.member_threads(member, page_number(request.args.get("threads_page")), PER_PAGE)
    posts = queries.member_replies(member, page_number(request.args.get("posts_page")), PER_PAGE)
    return render_template("members/profile.html", member=member, threads=threads, posts=posts)


def _moved_to(member):
    """A permanent move, but one no browser keeps: the old name may come back
    to its owner, or go to someone else once its reservation ends."""
    response = redirect(url_for("members.profile", username=member.username), 301)
    response.headers["Cache-Control"] = "no-store"
    return response


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
    return _settings(member, form=form)


@bp.route("/<username>/username", methods=["POST"])
@login_required
def change_username(username):
    member = queries.member_by_username(username)
    require(current_user, "change_username", member)
    rename_form = UsernameForm(prefix="rename")
    if rename_form.validate_on_submit():
        try:
            services.change_username(current_user, member, rename_form.username.data)
        except Refused as refusal:
            show_refusal(refusal, rename_form)
        else:
            flash(f"Your username is now {member.username}. Sign in with it, or with your email, from now on.", "success")
            return redirect(url_for("members.profile", username=member.username))
    return _settings(member, rename_form=rename_form)


def _settings(member, form=None, rename_form=None):
    """The member's settings page: their bio, and their username. Only the
    form that was sent is filled in from the request."""
    form = form or ProfileForm(formdata=None, obj=member)
    rename_form = rename_form or UsernameForm(formdata=None, prefix="rename")
    status = 422 if form.errors or rename_form.errors else 200
    return render_template("members/edit_profile.html", member=member, form=form, rename_form=rename_form,
                           following_form=FollowingSettingsForm(formdata=None, obj=member),
                           next_rename=queries.next_rename_at(member)), status
