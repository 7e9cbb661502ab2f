"""Downloading one's data, and deleting one's account: both reached from
the member's settings page, and only ever for oneself."""
import re

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..auth.session import end_session
from ..errors import Refused, show_refusal
from ..extensions import limiter, member_or_address
from ..members.queries import member_by_username
from ..permissions import require
from ..timeutil import utcnow
from . import bp, queries, services
from .forms import POSTS_CHOICES, DeleteAccountForm, PostsChoiceForm

# Each wrong password is a guess at it: a stolen session mustn't become a
# way to find out the password.
PASSWORD_TRIES = "10/hour"


def _own(username, action):
    member = member_by_username(username)
    require(current_user, action, member)
    return member


@bp.route("/<username>/data")
@login_required
def download_data(username):
    """A GET: it changes nothing, and a browser saves what it answers."""
    member = _own(username, "download_data")
    safe_name = re.sub(r"[^A-Za-z0-9_.-]", "_", member.username)
    return Response(queries.export_json(member), mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="forum-data-{safe_name}-{utcnow():%Y-%m-%d}.json"',
        # It holds the email and everything private: never kept by a browser or a proxy.
        "Cache-Control": "no-store",
    })


@bp.route("/<username>/delete")
@login_required
def delete_account_page(username):
    """First what happens to the posts; with that chosen, the password."""
    member = _own(username, "delete_account")
    choice = PostsChoiceForm(request.args)
    # Sent with no choice made, a radio group sends nothing: "sent" says it was.
    if ("posts" in request.args or "sent" in request.args) and choice.validate():
        return _confirm(member, DeleteAccountForm(formdata=None, posts=choice.posts.data))
    return render_template("privacy/choose.html", member=member, form=choice), 422 if choice.errors else 200


@bp.route("/<username>/delete", methods=["POST"])
@login_required
@limiter.limit(PASSWORD_TRIES, key_func=member_or_address)
def delete_account(username):
    member = _own(username, "delete_account")
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(current_user, member, form.keep_posts, form.password.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            end_session()
            flash("Your account is deleted, and you're signed out. Thank you for the time you spent here.", "success")
            return redirect(url_for("home"))
    return _confirm(member, form, 422)


def _confirm(member, form, status=200):
    return render_template("privacy/confirm.html", member=member, form=form, choice=POSTS_CHOICES.get(form.posts.data),
                           goes=queries.what_goes(member)), status
