"""Telling, updating and browsing stories."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import markup
from ..errors import NotFound, Refused, show_refusal
from ..extensions import THREAD_LIMIT, limiter, member_or_address
from ..pagination import page_number
from ..permissions import require, why_not
from ..safety.notice import notice_for
from ..threads import queries as thread_queries
from ..threads.forms import new_thread_form
from . import bp, queries, services
from .forms import StoryForm, TellStoryForm, WithdrawForm
from .vocabulary import OUTCOME_FILTERS

bp.app_template_global("story_of_thread")(queries.story_of_thread)
STORIES_PER_PAGE = 20


def _thread_url(thread):
    return url_for("threads.show", thread_id=thread.id, slug=thread.slug)


@bp.route("/")
def index():
    filters = queries.filters_from(request.args)
    if queries.moved(filters, request.args):
        return redirect(url_for("stories.index", **filters.args()), 301)
    page = queries.list_stories(filters, page_number(request.args.get("page")), STORIES_PER_PAGE)
    return render_template(
        "stories/index.html", filters=filters, page=page, vocabularies=queries.all_terms(),
        counts=queries.choice_counts(filters), outcomes=OUTCOME_FILTERS, first_posts=queries.first_posts(page.items),
    )


def _story_form_page(form, template, **context):
    """The form again: with one more treatment row when that was asked for,
    else with its errors (422) or as it was first shown."""
    return render_template(template, form=form, **context), 422 if form.errors else 200


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(THREAD_LIMIT, key_func=member_or_address, methods=["POST"])
def tell_story():
    require(current_user, "tell_story")
    categories = {c.id: c for c in thread_queries.all_categories()}
    form = new_thread_form(categories.values(), request.args.get("category"), TellStoryForm)
    form.offer(queries.all_terms())
    preview = notice = None
    if form.is_submitted() and form.add_treatment.data:
        form.add_row()
    elif form.validate_on_submit():
        if form.preview.data:
            preview = markup.render(form.body.data)
        elif not (notice := notice_for(request.form, form.title.data, form.body.data, *form.account().texts())):
            try:
                story = services.tell_story(current_user, categories[form.category_id.data], form.title.data,
                                            form.body.data, form.account(), form.members_only.data)
            except Refused as refusal:
                show_refusal(refusal, form)
            else:
                flash("Your story is up. Thank you for sharing it.", "success")
                return redirect(_thread_url(story.thread))
    return _story_form_page(form, "stories/tell.html", preview=preview, notice=notice)


def _saved(form, save, message, thread):
    """What the account's forms share: another treatment row when asked
    for, else validate, show the safety notice once when there is one, and
    save, showing a refusal beside its field. (A redirect to the thread once
    saved, else None (show the form again); the notice, or None.)"""
    notice = None
    if form.is_submitted() and form.add_treatment.data:
        form.add_row()
    elif form.validate_on_submit() and not (notice := notice_for(request.form, *form.account().texts())):
        try:
            save(form.account())
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash(message, "success")
            return redirect(_thread_url(thread)), None
    return None, notice


@bp.route("/threads/<id:thread_id>/add", methods=["GET", "POST"])
@login_required
def add_story(thread_id):
    thread = thread_queries.thread_by_id(thread_id)
    require(current_user, "add_story", thread)
    form = StoryForm()
    form.offer(queries.all_terms())
    done, notice = _saved(form, lambda account: services.add_story(current_user, thread, account),
                          "Your thread now tells your story.", thread)
    return done or _story_form_page(form, "stories/edit.html", thread=thread, story=None, notice=notice)


@bp.route("/<id:story_id>/update", methods=["GET", "POST"])
@login_required
def update_story(story_id):
    story = queries.story_by_id(story_id)
    require(current_user, "update_story", story)
    form = StoryForm()
    form.offer(queries.all_terms())
    if not form.is_submitted():
        form.fill_from(story)
    done, notice = _saved(form, lambda account: services.update_story(current_user, story, account),
                          "Your story is updated. Earlier versions are kept.", story.thread)
    return done or _story_form_page(form, "stories/edit.html", thread=story.thread, story=story,
                                    withdraw_form=WithdrawForm(formdata=None), notice=notice)


@bp.route("/<id:story_id>/withdraw", methods=["POST"])
@login_required
def withdraw_story(story_id):
    story = queries.story_by_id(story_id)
    require(current_user, "withdraw_story", story)
    if WithdrawForm().validate_on_submit():
        services.withdraw_story(current_user, story)
        flash("Your story is withdrawn: it no longer shows or counts. The thread stays.", "info")
    return redirect(_thread_url(story.thread))


@bp.route("/<id:story_id>/versions")
def versions(story_id):
    story = queries.story_by_id(story_id)
    if not story.listed and not (current_user.is_authenticated and current_user.id == story.author_id):
        raise NotFound("There is no such story.")
    read_refusal = why_not(current_user, "read_thread", story.thread)
    if read_refusal:
        return render_template("stories/versions.html", story=story, read_refusal=read_refusal, versions=[]), 403
    return render_template("stories/versions.html", story=story, versions=queries.versions_of(story))


# The other pages of the domain, each in its own module.
from . import alike_views, helped_views  # noqa: E402,F401
