"""Moderation from the thread pages; the admin offers the same actions."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from ..errors import Refused, show_refusal
from ..extensions import REPORT_LIMIT, limiter, member_or_address
from ..permissions import require
from ..threads import queries as thread_queries
from . import actions, bp, report_services, services
from .forms import MoveForm, PostNoteForm, ReportForm, RetitleForm

# The thread page lists a thread's earlier titles for those who may read them.
bp.app_template_global("title_revisions")(thread_queries.title_revisions)


def _back_to_post(post):
    return redirect(url_for("threads.permalink", post_id=post.id))


@bp.route("/posts/<id:post_id>/report", methods=["GET", "POST"])
@login_required
@limiter.limit(REPORT_LIMIT, key_func=member_or_address, methods=["POST"])
def report_post(post_id):
    post = thread_queries.post_by_id(post_id)
    require(current_user, "report_post", post)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            report_services.report_post(current_user, post, form.reason.data, form.note.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Thank you. The moderators will look at this post; we'll tell you what they decide.", "success")
            return _back_to_post(post)
    return render_template("moderation/report.html", post=post, form=form), 422 if form.errors else 200


@bp.route("/posts/<id:post_id>/<any(" + ", ".join(actions.POST_ACTIONS) + "):action>", methods=["GET", "POST"])
@login_required
def post_action(post_id, action):
    post = thread_queries.post_by_id(post_id)
    require(current_user, action, post)
    chosen = actions.POST_ACTIONS[action]
    form = chosen.form()
    if actions.perform(chosen.verb, current_user, post, form):
        flash(chosen.done, "success")
        return _back_to_post(post)
    return render_template("moderation/confirm.html", form=form, action=action, post=post, thread=post.thread), 422 if form.errors else 200


@bp.route("/posts/<id:post_id>/note_post", methods=["GET", "POST"])
@login_required
def note_post(post_id):
    post = thread_queries.post_by_id(post_id)
    require(current_user, "note_post", post)
    form = PostNoteForm(data={"note": post.moderator_note or ""} if request.method == "GET" else None)
    if form.validate_on_submit():
        services.note_post(current_user, post, form.note.data)
        flash("The moderator note is saved.", "success")
        return _back_to_post(post)
    return render_template("moderation/note_post.html", form=form, post=post)


@bp.route("/posts/<id:post_id>/history")
def post_history_moved(post_id):
    """A post's versions moved to the threads pages, where its author reads
    them too; a moderator's bookmark of the old address still works."""
    return redirect(url_for("threads.view_post_history", post_id=post_id), 301)


@bp.route("/threads/<id:thread_id>/<any(" + ", ".join(actions.THREAD_ACTIONS) + "):action>", methods=["POST"])
@login_required
def thread_action(thread_id, action):
    thread = thread_queries.thread_by_id(thread_id)
    require(current_user, action, thread)
    chosen = actions.THREAD_ACTIONS[action]
    # One-button forms on the thread page: a refusal is told at the top of it.
    if actions.perform(chosen.verb, current_user, thread, chosen.form(), refusal_on_form=False):
        flash(chosen.done, "success")
    return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))


@bp.route("/threads/<id:thread_id>/move_thread", methods=["GET", "POST"])
@login_required
def move_thread(thread_id):
    thread = thread_queries.thread_by_id(thread_id)
    require(current_user, "move_thread", thread)
    categories = thread_queries.all_categories()
    form = MoveForm(data={"category_id": thread.category_id} if request.method == "GET" else None)
    form.category_id.choices = [SelectChoice(c.id, c.name) for c in categories]
    if form.validate_on_submit():
        try:
            services.move_thread(current_user, thread, next(c for c in categories if c.id == form.category_id.data), form.reason.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("The thread is moved.", "success")
            return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
    return render_template("moderation/move.html", form=form, thread=thread), 422 if form.errors else 200


@bp.route("/threads/<id:thread_id>/retitle_thread", methods=["GET", "POST"])
@login_required
def retitle_thread(thread_id):
    thread = thread_queries.thread_by_id(thread_id)
    require(current_user, "retitle_thread", thread)
    form = RetitleForm(data={"title": thread.title} if request.method == "GET" else None)
    if actions.perform(services.retitle_thread, current_user, thread, form):
        flash("The title is changed, and the thread's author is told why.", "success")
        return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
    return render_template("moderation/retitle_thread.html", form=form, thread=thread), 422 if form.errors else 200
