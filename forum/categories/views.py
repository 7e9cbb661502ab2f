from flask import current_app, render_template, request

from ..pagination import page_number
from ..threads import queries as thread_queries
from . import bp, queries


@bp.route("/")
def index():
    return render_template("categories/index.html", categories=thread_queries.all_categories())


@bp.route("/<slug>")
def show(slug):
    category = queries.category_by_slug(slug)
    page = queries.thread_listing(category, page_number(request.args.get("page")), current_app.config["THREADS_PER_PAGE"])
    return render_template("categories/show.html", category=category, page=page)
