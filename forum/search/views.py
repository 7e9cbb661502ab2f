from flask import render_template, request
from flask_login import current_user

from ..pagination import page_number
from ..threads.queries import all_categories
from . import bp, queries
from .forms import FILTERS, search_form


@bp.app_template_global("related_threads")
def related_threads(thread):
    """For the thread page: the threads like this one the reader may read."""
    return queries.related_threads(thread, current_user._get_current_object())


@bp.route("/")
def index():
    categories = {c.slug: c for c in all_categories()}
    form = search_form(categories.values(), request.args)
    searched = "q" in request.args
    results = None
    if searched and form.validate():
        category = categories.get(form.category.data)
        results = queries.search(
            form.q.data, current_user, category_id=category.id if category else None, author=(form.author.data or "").strip(),
            practitioners=form.practitioners.data, since=form.since.data, until=form.until.data,
            page=page_number(request.args.get("page")),
        )
    # Only the filters travel to the next page: any other name in the query
    # string would reach url_for as an argument of its own.
    kept = {name: request.args[name] for name in FILTERS if request.args.get(name)}
    return render_template("search/index.html", form=form, results=results, searched=searched, kept=kept)
