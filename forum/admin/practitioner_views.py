"""Verifying practitioners: the queue, one application, and the decisions."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..moderation.actions import Action, perform
from ..pagination import page_number
from ..practitioners import queries, review_services
from ..practitioners.forms import DecisionReasonForm, InfoRequestForm, VerifyForm
from ..practitioners.models import LAPSE_WARNING
from ..timeutil import utcnow
from . import bp

QUEUE_PER_PAGE = 25

REVIEW_ACTIONS = {
    "verify_practitioner": Action(review_services.verify_practitioner, VerifyForm, "Verified. The badge shows from now on.", "verify"),
    "request_practitioner_info": Action(review_services.request_practitioner_info, InfoRequestForm,
                                        "Sent. The application waits for the applicant's answer.", "info"),
    "reject_practitioner": Action(review_services.reject_practitioner, DecisionReasonForm, "The application is rejected.", "reject"),
    "revoke_practitioner": Action(review_services.revoke_practitioner, DecisionReasonForm, "The verification is revoked.", "revoke"),
}


@bp.route("/practitioners")
def practitioners():
    page = queries.verification_queue(page_number(request.args.get("page")), QUEUE_PER_PAGE)
    return render_template("admin/practitioners.html", page=page, lapsing=queries.lapsing_soon(),
                           lapsing_days=LAPSE_WARNING.days)


def _application_page(application, status=200, submitted=None, **forms):
    for action in REVIEW_ACTIONS.values():
        forms.setdefault(f"{action.prefix}_form", action.form(formdata=None, prefix=action.prefix))
    forms["verify_form"].checked_on.data = forms["verify_form"].checked_on.data or utcnow().date()
    return render_template("admin/practitioner.html", application=application, submitted=submitted,
                           history=queries.applications_of(application.member), **forms), status


@bp.route("/practitioners/<id:application_id>")
def practitioner(application_id):
    return _application_page(queries.application_by_id(application_id))


@bp.route("/practitioners/<id:application_id>/<any(" + ", ".join(REVIEW_ACTIONS) + "):action>", methods=["POST"])
def review_practitioner(application_id, action):
    application = queries.application_by_id(application_id)
    chosen = REVIEW_ACTIONS[action]
    form = chosen.form(prefix=chosen.prefix)
    if perform(chosen.verb, current_user, application, form):
        flash(chosen.done, "success")
        return redirect(url_for("admin.practitioner", application_id=application.id))
    return _application_page(application, 422, submitted=form, **{f"{chosen.prefix}_form": form})
