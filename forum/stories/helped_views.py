"""What helped, its CSV, and a page per treatment: thin reads over helped.py."""
from flask import Response, redirect, render_template, request, url_for

from . import bp, helped, queries
from .vocabulary import OUTCOMES

STORIES_ON_TREATMENT_PAGE = 10


def _choice():
    """The vocabularies and what the query string chose (see helped.choice_from)."""
    vocabularies = queries.all_terms()
    return vocabularies, helped.choice_from(request.args, vocabularies)


@bp.route("/what-helped")
def what_helped():
    vocabularies, choice = _choice()
    if choice.moved:
        return redirect(url_for("stories.what_helped", **choice.args()), 301)
    table = helped.what_helped(vocabularies["treatment"], choice)
    return render_template("stories/what_helped.html", table=table, choice=choice, vocabularies=vocabularies,
                           outcomes=OUTCOMES)


@bp.route("/what-helped.csv")
def what_helped_csv():
    vocabularies, choice = _choice()
    if choice.moved:
        return redirect(url_for("stories.what_helped_csv", **choice.args()), 301)
    table = helped.what_helped(vocabularies["treatment"], choice)
    return Response(helped.csv_text(table), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{helped.csv_filename(choice)}"'})


@bp.route("/treatments/<slug>")
def treatment(slug):
    term = queries.term_by_slug("treatment", slug)
    if term.slug != slug:
        return redirect(url_for("stories.treatment", slug=term.slug), 301)
    row, reference = helped.treatment_figures(term)
    page = queries.list_stories(queries.Filters(treatment=term), 1, STORIES_ON_TREATMENT_PAGE)
    return render_template("stories/treatment.html", term=term, row=row, reference=reference, page=page,
                           first_posts=queries.first_posts(page.items), discussed=helped.discussed(term),
                           outcomes=OUTCOMES)
