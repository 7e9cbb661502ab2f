from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import NotFound, Refused, show_refusal
from ..formdata import arguments
from ..pagination import page_number
from ..permissions import can, require
from . import bp, queries, services
from .forms import AnswerForm, ApplyForm, DirectoryFilterForm, WithdrawForm

PER_PAGE = 30

# Every name drawn on a page asks for its badge through this.
bp.app_template_global("badge_for")(queries.badge_for)


@bp.route("/")
def directory():
    form = DirectoryFilterForm(request.args)
    form.validate()
    page = queries.directory(form.credential.data if not form.credential.errors else None,
                             form.jurisdiction.data if not form.jurisdiction.errors else None,
                             page_number(request.args.get("page")), PER_PAGE)
    return render_template("practitioners/directory.html", form=form, page=page)


@bp.route("/apply", methods=["GET", "POST"])
@login_required
def apply_practitioner():
    require(current_user, "apply_practitioner")
    form = ApplyForm()
    if form.validate_on_submit():
        try:
            services.apply_practitioner(current_user, **arguments(form))
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Your application is sent. A moderator will check your licence, usually within a few days.", "success")
            return redirect(url_for("practitioners.application"))
    return render_template("practitioners/apply.html", form=form), 422 if form.errors else 200


@bp.route("/application")
@login_required
def application():
    return _application_page(AnswerForm(formdata=None))


def _application_page(answer_form, status=200):
    applications = queries.applications_of(current_user)
    return render_template("practitioners/application.html", applications=applications, answer_form=answer_form,
                           withdraw_form=WithdrawForm(formdata=None)), status


def _own_application(application_id, action):
    """The application, to its applicant. Someone else's is not theirs to
    see, so it isn't there (404); a moderator sees it but may not act (403)."""
    application = queries.application_by_id(application_id)
    if not can(current_user, "view_practitioner_application", application):
        raise NotFound("There is no such application.")
    require(current_user, action, application)
    return application


@bp.route("/application/<id:application_id>/answer", methods=["POST"])
@login_required
def answer_practitioner_info(application_id):
    application = _own_application(application_id, "answer_practitioner_info")
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            services.answer_practitioner_info(current_user, application, form.answer.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Your answer is sent to the moderators.", "success")
            return redirect(url_for("practitioners.application"))
    return _application_page(form, 422)


@bp.route("/application/<id:application_id>/withdraw", methods=["POST"])
@login_required
def withdraw_practitioner(application_id):
    application = _own_application(application_id, "withdraw_practitioner")
    if WithdrawForm().validate_on_submit():
        try:
            services.withdraw_practitioner(current_user, application)
        except Refused as refusal:
            show_refusal(refusal)
        else:
            flash("Your application is withdrawn.", "info")
    return redirect(url_for("practitioners.application"))
