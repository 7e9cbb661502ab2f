"""The vocabularies of stories: moderators add, rename and merge entries.

Each change is a POST to its verb's own address (add_term, rename_term,
merge_terms); the forms are shown by GETs at addresses of their own, so
every action address is POST only, as the access tests expect.
"""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..errors import Refused, show_refusal
from ..moderation.actions import perform
from ..stories import queries
from ..stories import vocabulary_services as services
from ..stories.vocabulary import KINDS
from . import bp
from .vocabulary_forms import AddTermForm, MergeTermsForm, RenameTermForm


def _vocabulary_page(status=200, **add_forms):
    for kind in KINDS:
        add_forms.setdefault(kind, AddTermForm(formdata=None, prefix=kind))
    entries, counts = queries.vocabulary_with_counts()
    return render_template("admin/vocabulary.html", entries=entries, counts=counts, add_forms=add_forms,
                           kinds=KINDS), status


def _listed_at(term):
    return url_for("admin.vocabulary", _anchor=f"term-{term.id}")


@bp.route("/vocabulary")
def vocabulary():
    return _vocabulary_page()


@bp.route("/vocabulary/<any(" + ", ".join(KINDS) + "):kind>/add_term", methods=["POST"])
def add_term(kind):
    form = AddTermForm(prefix=kind)
    if perform(services.add_term, current_user, kind, form):
        flash(f"“{form.label.data}” is added; the story form offers it from now on.", "success")
        return redirect(url_for("admin.vocabulary", _anchor=kind))
    return _vocabulary_page(422, **{kind: form})


def _survivor(term):
    """The live entry a merged one leads to (None for a live one)."""
    return queries.term_by_slug(term.kind, term.slug) if term.merged_into_id else None


def _rename_page(term, form, status=200):
    return render_template("admin/vocabulary_rename.html", term=term, form=form, survivor=_survivor(term),
                           ), status


@bp.route("/vocabulary/<id:term_id>/rename")
def rename_term_form(term_id):
    term = queries.term_by_id(term_id)
    return _rename_page(term, RenameTermForm(formdata=None, data={"label": term.label}))


@bp.route("/vocabulary/<id:term_id>/rename_term", methods=["POST"])
def rename_term(term_id):
    term = queries.term_by_id(term_id)
    form = RenameTermForm()
    if perform(services.rename_term, current_user, term, form):
        flash(f"Renamed “{term.label}”. Its address is unchanged, so links to it keep working.", "success")
        return redirect(_listed_at(term))
    return _rename_page(term, form, 422)


def _merge_page(term, form, status=200):
    return render_template("admin/vocabulary_merge.html", term=term, form=form, survivor=_survivor(term),
                           stories=queries.stories_naming(term)), status


@bp.route("/vocabulary/<id:term_id>/merge")
def merge_terms_form(term_id):
    term = queries.term_by_id(term_id)
    form = MergeTermsForm(formdata=None)
    form.offer(term, queries.terms(term.kind))
    return _merge_page(term, form)


@bp.route("/vocabulary/<id:term_id>/merge_terms", methods=["POST"])
def merge_terms(term_id):
    term = queries.term_by_id(term_id)
    form = MergeTermsForm()
    form.offer(term, queries.terms(term.kind))
    if form.validate_on_submit():
        merged = term.label
        try:
            into = services.merge_terms(current_user, term, queries.term_by_id(form.into.data), form.reason.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash(f"“{merged}” is merged into “{into.label}”: its stories name “{into.label}” now, "
                  "and its address leads there.", "success")
            return redirect(_listed_at(into))
    return _merge_page(term, form, 422)
