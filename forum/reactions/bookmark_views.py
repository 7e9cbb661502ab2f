"""A member's bookmarks: the button on each post, and the list.

The pages are the following blueprint's (/following/bookmarks): bookmarks
are kept with what a member follows. They are written here because they
show posts, and `following` sits below `threads` (a new reply tells the
thread's followers), so it can't read posts itself.
"""
from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..following import bookmark_services
from ..following import bp as following
from ..navigation import safe_next
from ..pagination import page_number
from ..threads.queries import post_by_id
from . import bookmark_queries
from .answers import answer, sign_in_first
from .forms import PressForm

BOOKMARKS_PER_PAGE = 30


@following.route("/bookmarks/posts/<id:post_id>", methods=["POST"])
def bookmark_post(post_id):
    if not current_user.is_authenticated:
        return sign_in_first(post_id)
    post = post_by_id(post_id)
    # The list's own "Remove" buttons come back to the list.
    back = safe_next(request.args.get("next")) or url_for("threads.permalink", post_id=post.id)
    form = PressForm()
    if not form.validate_on_submit():
        return redirect(back)
    keep = form.wanted()
    if keep is None:
        keep = not bookmark_queries.is_bookmarked(current_user, post)
    (bookmark_services.bookmark_post if keep else bookmark_services.unbookmark_post)(current_user, post)
    return answer("Bookmarked: it's in your bookmarks." if keep else "Taken off your bookmarks.", back, pressed=keep)


@following.route("/bookmarks")
@login_required
def bookmarks():
    page = bookmark_queries.bookmarks_of(current_user, page_number(request.args.get("page")), BOOKMARKS_PER_PAGE)
    return render_template("following/bookmarks.html", page=page)
