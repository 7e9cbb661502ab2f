from flask import current_app, render_template, request

from ..pagination import page_number
from ..threads import queries as thread_queries
from . import bp, queries

# Questions waiting for a practitioner, listed above a category's threads.
WAITING_SHOWN = 15


@bp.route("/")
def index():
    return render_template("categories/index.html", categories=thread_queries.all_categories())


@bp.route("/<slug>")
def show(slug):
    category = queries.category_by_slug(slug)
    page = queries.thread_listing(category, page_number(request.args.get("page")), current_app.config["THREADS_PER_PAGE"])
    waiting = thread_queries.waiting_for_practitioners(category, WAITING_SHOWN) if category.for_practitioners else []
    return render_template("categories/show.html", category=category, page=page, waiting=waiting)
