"""Reacting to a post ("Helpful", "Me too"), and who reacted.

Each button is a one-button form: without JavaScript it posts and comes
back to the post with a message; static/js/reactions.js sends the same form
and is answered with the new count and state (answers.py), so the page
needn't reload. The bookmark button works the same way (bookmark_views).
"""
from flask import g, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import inspect

from ..errors import NotFound
from ..extensions import limiter, member_or_address
from ..permissions import can
from ..threads.queries import post_by_id
from . import bookmark_views  # noqa: F401  (its routes are the following blueprint's)
from . import bp, queries, services
from .answers import answer, sign_in_first
from .forms import PressForm
from .models import KINDS

# Generous for a person clicking, tight for a script farming notifications.
REACTING_LIMIT = "60/minute;600/hour"


@bp.app_template_global("page_marks")
def page_marks(posts):
    """The signed-in member's own reactions and bookmarks on `posts` (a
    page of them): one query, asked once per request; none for visitors."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return queries.NO_MARKS
    known = g.setdefault("page_marks", {})
    # Ids from the identity keys: a post expired by a commit earlier in the
    # request would be read again just to give its id.
    key = tuple(inspect(post).identity[0] for post in posts)
    if key not in known:
        known[key] = queries.page_marks(user, key)
    return known[key]


@bp.route("/posts/<id:post_id>/<any(helpful, me_too):kind>", methods=["POST"])
@limiter.limit(REACTING_LIMIT, key_func=member_or_address)
def react(post_id, kind):
    if not current_user.is_authenticated:
        return sign_in_first(post_id)
    post = post_by_id(post_id)
    back = url_for("threads.permalink", post_id=post.id)
    form = PressForm()
    if not form.validate_on_submit():
        return redirect(back)
    pressed = form.wanted()
    if pressed is None:
        pressed = not queries.has_reacted(current_user, post, kind)
    (services.react if pressed else services.unreact)(current_user, post, kind)
    column, label = KINDS[kind]
    message = f"You reacted “{label}”." if pressed else f"You took back your “{label}”."
    return answer(message, back, kind=kind, pressed=pressed, count=getattr(post, column))


@bp.route("/posts/<id:post_id>")
def who_reacted(post_id):
    post = post_by_id(post_id)
    # Something one may not see is not there.
    if not can(current_user, "read_post", post):
        raise NotFound("There is no such post.")
    return render_template("reactions/who_reacted.html", post=post, reacted=queries.who_reacted(post), kinds=KINDS)
