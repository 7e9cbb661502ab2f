"""The safety lists: moderators add and remove the phrases the checks look
for, keep the crisis resources writers are shown, and try a text against
the lists as they are. Every change is a POST to its verb's own address."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import NotFound
from ..moderation.actions import perform
from ..moderation.forms import OptionalReasonForm
from ..safety import queries
from ..safety import services
from ..safety.phrases import KINDS
from . import bp
from .safety_forms import AddPhraseForm, CheckTextForm, CrisisResourceForm

KIND_HEADINGS = {
    "red_flag": "Urgent symptoms (possible emergency)",
    "crisis": "Crisis language (possible risk of self-harm)",
    "harmless": "Figures of speech to set aside",
}


def _safety_page(status=200, **add_forms):
    for kind in KINDS:
        add_forms.setdefault(kind, AddPhraseForm(formdata=None, prefix=kind))
    check_form = CheckTextForm(request.args)
    checked = queries.check(check_form.text.data) if check_form.text.data and check_form.validate() else None
    return render_template("admin/safety.html", phrases=queries.phrases(), headings=KIND_HEADINGS, add_forms=add_forms,
                           check_form=check_form, checked=checked), status


@bp.route("/safety")
def safety():
    return _safety_page()


@bp.route("/safety/<any(" + ", ".join(KINDS) + "):kind>/add_safety_phrase", methods=["POST"])
def add_safety_phrase(kind):
    form = AddPhraseForm(prefix=kind)
    if perform(services.add_safety_phrase, current_user, kind, form):
        flash(f"“{form.phrase.data.strip()}” is added. Posts are checked for it from now on.", "success")
        return redirect(url_for("admin.safety", _anchor=kind))
    return _safety_page(422, **{kind: form})


def _phrase(phrase_id):
    row = queries.phrase_by_id(phrase_id)
    if row is None:
        raise NotFound("There is no such phrase.")
    return row


@bp.route("/safety/phrases/<id:phrase_id>/remove_safety_phrase", methods=["POST"])
def remove_safety_phrase(phrase_id):
    row = _phrase(phrase_id)
    kind, phrase = row.kind, row.phrase
    if perform(services.remove_safety_phrase, current_user, row, OptionalReasonForm(), refusal_on_form=False):
        flash(f"“{phrase}” is removed.", "success")
    return redirect(url_for("admin.safety", _anchor=kind))


def _resources_page(form=None, status=200):
    form = form or CrisisResourceForm(formdata=None)
    return render_template("admin/crisis_resources.html", resources=queries.crisis_resources(), form=form), status


@bp.route("/safety/resources")
def crisis_resources():
    return _resources_page()


@bp.route("/safety/resources/add_crisis_resource", methods=["POST"])
def add_crisis_resource():
    form = CrisisResourceForm()
    if perform(services.add_crisis_resource, current_user, None, form):
        flash("The resource is added. Writers in distress are shown it from now on.", "success")
        return redirect(url_for("admin.crisis_resources"))
    return _resources_page(form, 422)


def _resource(resource_id):
    row = queries.resource_by_id(resource_id)
    if row is None:
        raise NotFound("There is no such resource.")
    return row


def _edit_page(row, form, status=200):
    return render_template("admin/crisis_resource_edit.html", resource=row, form=form), status


@bp.route("/safety/resources/<id:resource_id>/edit")
def change_crisis_resource_form(resource_id):
    row = _resource(resource_id)
    return _edit_page(row, CrisisResourceForm(formdata=None, obj=row))


@bp.route("/safety/resources/<id:resource_id>/change_crisis_resource", methods=["POST"])
def change_crisis_resource(resource_id):
    row = _resource(resource_id)
    form = CrisisResourceForm()
    if perform(services.change_crisis_resource, current_user, row, form):
        flash("The resource is saved.", "success")
        return redirect(url_for("admin.crisis_resources"))
    return _edit_page(row, form, 422)


@bp.route("/safety/resources/<id:resource_id>/remove_crisis_resource", methods=["POST"])
def remove_crisis_resource(resource_id):
    row = _resource(resource_id)
    if perform(services.remove_crisis_resource, current_user, row, OptionalReasonForm(), refusal_on_form=False):
        flash("The resource is removed.", "success")
    return redirect(url_for("admin.crisis_resources"))
