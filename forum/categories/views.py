from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..following import services as following_services
from ..pagination import page_number
from ..threads import queries as thread_queries
from . import bp, queries

# Questions waiting for a practitioner, listed above a category's threads.
WAITING_SHOWN = 15
# Posts in "Recent activity" on the home page.
ACTIVITY_SHOWN = 10


@bp.route("/")
def index():
    member = current_user if current_user.is_authenticated else None
    return render_template(
        "categories/index.html", categories=thread_queries.all_categories(),
        activity=queries.recent_activity(current_user, ACTIVITY_SHOWN),
        news=queries.news_by_category(member) if member else {},
        followed=queries.followed_with_news(member) if member else [],
    )


@bp.route("/<slug>")
def show(slug):
    category = queries.category_by_slug(slug)
    page = queries.thread_listing(category, page_number(request.args.get("page")), current_app.config["THREADS_PER_PAGE"])
    waiting = thread_queries.waiting_for_practitioners(category, WAITING_SHOWN) if category.for_practitioners else []
    member = current_user if current_user.is_authenticated else None
    return render_template("categories/show.html", category=category, page=page, waiting=waiting,
                           read=queries.read_counts(member, page.items) if member else None,
                           following=member is not None and queries.follows_category(member, category))


@bp.route("/<slug>/follow/<any(on, off):setting>", methods=["POST"])
@login_required
def follow_category(slug, setting):
    category = queries.category_by_slug(slug)
    following_services.follow_category(current_user, category, setting == "on")
    flash(f"You're following {category.name}: new threads in it show in your notifications." if setting == "on"
          else f"You've stopped following {category.name}.", "success")
    return redirect(url_for("categories.show", slug=category.slug))
