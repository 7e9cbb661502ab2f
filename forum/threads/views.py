from typing import NamedTuple

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import markup
from ..errors import NotFound, Refused, show_refusal
from ..extensions import POSTING_LIMIT, THREAD_LIMIT, limiter, member_or_address
from ..following import services as following_services
from ..pagination import page_number, page_of_position
from ..permissions import can, require, why_not
from ..routing import MAX_ID
from ..safety.notice import notice_for
from . import bp, queries, services
from .forms import DeletePostForm, EditPostForm, HelpfulForm, MembersOnlyForm, ReplyForm, new_thread_form


# The flash category naming the post just published: the thread page says
# "Your reply is up" on it.
POSTED = "posted"


def _per_page():
    return current_app.config["POSTS_PER_PAGE"]


def post_url(post, page):
    return url_for("threads.show", thread_id=post.thread_id, slug=post.thread.slug, page=page if page > 1 else None, _anchor=f"post-{post.id}")


@bp.route("/<id:thread_id>")
@bp.route("/<id:thread_id>/<slug>")
def show(thread_id, slug=None):
    thread = queries.thread_by_id(thread_id)
    # A visitor at a members-only thread is shown its title and a way in: no posts are read.
    read_refusal = why_not(current_user, "read_thread", thread)
    page = None if read_refusal else queries.thread_posts(thread, page_number(request.args.get("page")), _per_page())
    reading = _reading(thread) if page is not None and current_user.is_authenticated else None
    # A visitor is offered no form: making one would start a session (its CSRF token) for someone only reading.
    form = ReplyForm(formdata=None) if current_user.is_authenticated else None
    html = render_template("threads/show.html", thread=thread, page=page, read_refusal=read_refusal, form=form, reading=reading)
    if reading is not None:
        # Once the page is made: saving ends the transaction its posts were read in.
        following_services.mark_thread_read(current_user, thread, (page.number - 1) * page.per_page + len(page.items),
                                            page.items[-1].id, reading.read_count, reading.unread_here)
    return html


class Reading(NamedTuple):
    """A signed-in member at a thread: whether they follow it (None: never
    chose), how many of its posts they had been shown before this visit
    (None: never opened it), how many are new since, and whether they
    have unread notifications about it."""

    following: bool | None
    read_count: int | None
    new: int
    unread_here: bool


def _reading(thread):
    following, read_count, unread_here = queries.reading_state(current_user, thread)
    return Reading(following, read_count, 0 if read_count is None else max(0, thread.post_total - read_count), unread_here)


@bp.route("/<id:thread_id>/unread")
def first_unread(thread_id):
    """The first post the member hasn't been shown; the thread's start for
    anyone who hasn't opened it."""
    thread = queries.thread_by_id(thread_id)
    require(current_user, "read_thread", thread)
    read_count = queries.reading_state(current_user, thread)[1] if current_user.is_authenticated else None
    if read_count is None:
        return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
    post_id, position = queries.post_at(thread, read_count + 1)
    return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug,
                            page=page_of_position(position, _per_page()) if position > _per_page() else None,
                            _anchor=f"post-{post_id}"))


@bp.route("/<id:thread_id>/follow/<any(on, off):setting>", methods=["POST"])
@login_required
def follow_thread(thread_id, setting):
    thread = queries.thread_by_id(thread_id)
    following_services.follow_thread(current_user, thread, setting == "on")
    flash("You're following this thread: new replies show in your notifications." if setting == "on"
          else "You've stopped following this thread.", "success")
    return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(THREAD_LIMIT, key_func=member_or_address, methods=["POST"])
def start_thread():
    # Refused before the form, as a reply is: a suspended member has nothing to
    # write here, and a preview would spend the server's time on them anyway.
    require(current_user, "start_thread")
    categories = {c.id: c for c in queries.all_categories()}
    form = new_thread_form(categories.values(), request.args.get("category"))
    preview = notice = None
    if form.validate_on_submit():
        if form.preview.data:
            preview = markup.render(form.body.data)
        elif not (notice := notice_for(request.form, form.title.data, form.body.data)):
            thread = services.start_thread(current_user, categories[form.category_id.data], form.title.data, form.body.data, form.members_only.data)
            flash("Your thread is up.", "success")
            return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
    return render_template("threads/start_thread.html", form=form, preview=preview, notice=notice), 422 if form.errors else 200


@bp.route("/<id:thread_id>/reply", methods=["GET", "POST"])
@login_required
@limiter.limit(POSTING_LIMIT, key_func=member_or_address, methods=["POST"])
def reply(thread_id):
    thread = queries.thread_by_id(thread_id)
    require(current_user, "reply", thread)
    form = ReplyForm()
    if request.method == "GET":
        form.body.data = _quote_for(thread, request.args.get("quote", ""))
    preview = notice = None
    if form.validate_on_submit():
        if form.preview.data:
            preview = markup.render(form.body.data)
        elif not (notice := notice_for(request.form, form.body.data)):
            post = services.reply(current_user, thread, form.body.data)
            # Said beside the new post, which the page opens at (show.html).
            flash(str(post.id), POSTED)
            return redirect(post_url(post, page_of_position(thread.post_total, _per_page())))
    return render_template("threads/reply.html", thread=thread, form=form, preview=preview, notice=notice), \
        422 if form.errors else 200


@bp.route("/posts/<id:post_id>/quote")
@login_required
def quote_post(post_id):
    """The block quote of a post, for the thread page's composer to take in
    (static/js/composer.js); without JavaScript, Quote opens the reply page."""
    post = queries.post_by_id(post_id)
    require(current_user, "quote_post", post)
    require(current_user, "reply", post.thread)
    return jsonify(text=_quote_of(post))


def _quote_for(thread, raw):
    """The block quote a reply starts with, when `raw` names a quotable post of
    this thread. Anything else (a stray id, another thread's post, a deleted
    one) leaves the reply empty rather than failing the page.
    """
    if not raw.isdecimal() or int(raw) > MAX_ID:
        return None
    try:
        quoted = queries.post_by_id(int(raw))
    except NotFound:
        return None
    if quoted.thread_id != thread.id or not can(current_user, "quote_post", quoted):
        return None
    return _quote_of(quoted)


def _quote_of(post):
    return markup.quote(post.author.username, post.body, url_for("threads.permalink", post_id=post.id))


@bp.route("/posts/<id:post_id>")
def permalink(post_id):
    post = queries.post_by_id(post_id)
    return redirect(post_url(post, queries.page_of_post(post, _per_page())))


@bp.route("/posts/<id:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id):
    post = queries.post_by_id(post_id)
    require(current_user, "edit_post", post)
    form = EditPostForm(obj=post)
    preview = notice = None
    if form.validate_on_submit():
        if form.preview.data:
            preview = markup.render(form.body.data)
        elif not (notice := _edit_notice(post, form.body.data)):
            try:
                services.edit_post(current_user, post, form.body.data, form.reason.data)
            except Refused as refusal:
                show_refusal(refusal, form)
            else:
                flash("The changes are saved.", "success")
                return redirect(url_for("threads.permalink", post_id=post.id))
    return render_template("threads/edit_post.html", post=post, form=form, preview=preview, notice=notice), \
        422 if form.errors else 200


def _edit_notice(post, body):
    """The author is shown the notice for their own words; a moderator
    editing someone else's post (often to take details out) is not held up."""
    if post.author_id != current_user.id:
        return None
    first = post.id == post.thread.first_post_id
    return notice_for(request.form, *([post.thread.title] if first else []), body)


@bp.route("/posts/<id:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id):
    post = queries.post_by_id(post_id)
    require(current_user, "delete_post", post)
    form = DeletePostForm()
    if form.validate_on_submit():
        services.delete_post(current_user, post)
        flash("Your post is deleted.", "info")
        return redirect(url_for("threads.permalink", post_id=post.id))
    return render_template("threads/delete_post.html", post=post, form=form)


@bp.route("/posts/<id:post_id>/helpful", methods=["POST"])
@login_required
def mark_helpful(post_id):
    post = queries.post_by_id(post_id)
    require(current_user, "mark_helpful", post)
    if HelpfulForm().validate_on_submit():
        services.mark_helpful(current_user, post)
        flash("Marked as what helped you. It shows under your question.", "success")
    return redirect(url_for("threads.permalink", post_id=post.id))


@bp.route("/<id:thread_id>/helpful/remove", methods=["POST"])
@login_required
def unmark_helpful(thread_id):
    thread = queries.thread_by_id(thread_id)
    require(current_user, "unmark_helpful", thread)
    if HelpfulForm().validate_on_submit():
        services.unmark_helpful(current_user, thread)
        flash("The mark is removed.", "info")
    return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))


@bp.route("/<id:thread_id>/members-only/<any(on, off):setting>", methods=["POST"])
@login_required
def set_members_only(thread_id, setting):
    thread = queries.thread_by_id(thread_id)
    require(current_user, "set_members_only", thread)
    if MembersOnlyForm().validate_on_submit():
        services.set_members_only(current_user, thread, setting == "on")
        flash("Only members can read this thread now." if setting == "on" else "Everyone can read this thread now.", "success")
    return redirect(url_for("threads.show", thread_id=thread.id, slug=thread.slug))
