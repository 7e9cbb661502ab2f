from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit import queries as audit_queries
from ..moderation import actions, queries, report_services
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


@bp.route("/reports/<id:case_id>/<any(" + ", ".join(report_services.DECISIONS) + "):decision>", methods=["POST"])
def decide_report(case_id, decision):
    case = queries.case_by_id(case_id)
    form = CaseActionForm()
    if actions.perform(report_services.decide_report, current_user, case, form, decision=decision):
        flash("Done. The reporters have been told the outcome.", "success")
        return redirect(url_for("admin.reports"))
    return render_template("admin/report.html", case=case, context=queries.posts_around(case.post), form=form), 422


@bp.route("/audit")
def audit():
    form = AuditFilterForm(request.args)
    form.validate()
    entries, next_before, unknown = audit_queries.search_audit(
        moderator=form.moderator.data, action=form.action.data, member=form.member.data,
        since=form.since.data, until=form.until.data, before_id=None if form.before.errors else form.before.data,
    )
    # Only the filters are carried to the next page: any other name in the
    # query string would reach url_for as an argument of its own (endpoint,
    # _external, _anchor...) and break the page or bend the link.
    kept = {name: request.args[name] for name in AUDIT_FILTERS if request.args.get(name)}
    older_url = url_for("admin.audit", before=next_before, **kept) if next_before else None
    return render_template("admin/audit.html", form=form, entries=entries, older_url=older_url, unknown=unknown)
