"""People like me: the stories most like a story, or like a few answers.

The newcomer's form is a GET: it changes nothing, so it needs no CSRF token
and no session cookie, and a visitor with cookies off (or a token that
expired while they thought) can still use it. The price is that the answers
travel in the address; the page is therefore kept out of every cache and
sends no Referer onwards, and the answers are only vocabulary slugs, never
free text. Nothing is written.
"""
from flask import make_response, render_template, request
from flask_login import current_user

from ..permissions import why_not
from . import alike_forms, bp, queries
from .alike import like_answers, like_story, listed_story, stories_told_by

# The answers are in the address: no shared cache keeps the page, no browser
# cache keeps it past the visit, and links from it don't pass them on.
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}


def _viewer():
    return current_user._get_current_object() if current_user.is_authenticated else None


@bp.route("/<id:story_id>/alike")
def alike(story_id):
    story = listed_story(story_id)
    read_refusal = why_not(current_user, "read_thread", story.thread)
    if read_refusal:
        return render_template("stories/alike.html", story=story, own=False, read_refusal=read_refusal, cards=[]), 403
    viewer = _viewer()
    own = viewer is not None and viewer.id == story.author_id
    return render_template("stories/alike.html", story=story, own=own, cards=like_story(story, viewer))


@bp.route("/alike")
def alike_form():
    viewer = _viewer()
    form = alike_forms.alike_form(queries.all_terms(), request.args)
    sent = form.was_sent()
    cards = like_answers(*form.answers(), viewer=viewer) if sent and form.validate() else None
    page = render_template("stories/alike_form.html", form=form, sent=sent, cards=cards,
                           own_stories=stories_told_by(viewer) if viewer else [])
    return make_response(page, 422 if form.errors else 200, PRIVATE_HEADERS)
