from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit import queries as audit_queries
from ..errors import Refused, show_refusal
from ..members import queries as member_queries
from ..moderation import member_services, queries, report_services, services
from ..moderation.forms import suspension_end
from ..pagination import page_number
from . import bp, stats
from .forms import AuditFilterForm, CaseActionForm

QUEUE_PER_PAGE = 25
AUDIT_FILTERS = ("moderator", "action", "member", "since", "until")


@bp.route("/")
def dashboard():
    return render_template("admin/dashboard.html", summary=stats.dashboard_summary())


@bp.route("/reports")
def reports():
    page = queries.open_queue(page_number(request.args.get("page")), QUEUE_PER_PAGE)
    return render_template("admin/reports.html", page=page)


@bp.route("/reports/<id:case_id>")
def report(case_id):
    case = queries.case_by_id(case_id)
    return render_template("admin/report.html", case=case, context=queries.posts_around(case.post), form=CaseActionForm(formdata=None))


def _apply(action, case, form):
    post = case.post
    if action == "hide_post":
        services.hide_post(current_user, post, form.reason.data)
    elif action == "dismiss_report":
        report_services.dismiss_report(current_user, case, form.reason.data)
    elif action == "warn_member":
        member_services.warn_member(current_user, post.author, form.reason.data, case=case)
    else:
        member_services.suspend_member(current_user, post.author, suspension_end(form), form.reason.data, case=case)


@bp.route("/reports/<id:case_id>/<any(hide_post, dismiss_report, warn_member, suspend_member):action>", methods=["POST"])
def report_action(case_id, action):
    case = queries.case_by_id(case_id)
    if case.status != "open":
        # Two moderators on one item: the second must not hide, warn or
        # suspend again on the strength of a report that is already decided.
        flash("That report is already closed: another moderator has decided it.", "error")
        return redirect(url_for("admin.report", case_id=case.id))
    form = CaseActionForm()
    if form.validate_on_submit():
        try:
            _apply(action, case, form)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Done. The reporters have been told the outcome.", "success")
            return redirect(url_for("admin.reports"))
    context = queries.posts_around(case.post)
    return render_template("admin/report.html", case=case, context=context, form=form), 422


@bp.route("/audit")
def audit():
    form = AuditFilterForm(request.args)
    form.validate()
    actor = member_queries.find_member(form.moderator.data) if form.moderator.data else None
    subject = member_queries.find_member(form.member.data) if form.member.data else None
    unknown = (form.moderator.data and actor is None) or (form.member.data and subject is None)
    entries, next_before = ([], None) if unknown else audit_queries.audit_page(
        actor_id=actor.id if actor else None, action=form.action.data or None,
        subject_id=subject.id if subject else None, since=form.since.data, until=form.until.data,
        before_id=None if form.before.errors else form.before.data,
    )
    # Only the filters are carried to the next page: any other name in the
    # query string would reach url_for as an argument of its own (endpoint,
    # _external, _anchor...) and break the page or bend the link.
    kept = {name: request.args[name] for name in AUDIT_FILTERS if request.args.get(name)}
    older_url = url_for("admin.audit", before=next_before, **kept) if next_before else None
    return render_template("admin/audit.html", form=form, entries=entries, older_url=older_url, unknown=unknown)
