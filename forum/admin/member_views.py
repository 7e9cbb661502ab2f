from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..audit import queries as audit_queries
from ..errors import Refused, show_refusal
from ..members import queries as member_queries
from ..moderation import member_services, queries
from ..moderation.forms import MemberNoteForm, OptionalReasonForm, ReasonForm, SuspendForm, suspension_end
from ..pagination import page_number
from ..permissions import can
from . import bp
from .forms import MemberSearchForm

MEMBERS_PER_PAGE = 50


@bp.route("/members")
def members():
    form = MemberSearchForm(request.args)
    page = member_queries.member_directory(form.q.data or "", page_number(request.args.get("page")), MEMBERS_PER_PAGE)
    return render_template("admin/members.html", form=form, page=page)


def _member_page(member, status=200, submitted=None, **forms):
    forms.setdefault("warn_form", ReasonForm(formdata=None, prefix="warn"))
    forms.setdefault("suspend_form", SuspendForm(formdata=None, prefix="suspend"))
    forms.setdefault("lift_form", OptionalReasonForm(formdata=None, prefix="lift"))
    forms.setdefault("note_form", MemberNoteForm(formdata=None, prefix="note"))
    forms.setdefault("role_form", OptionalReasonForm(formdata=None, prefix="role"))
    entries, _ = audit_queries.audit_page(subject_id=member.id, per_page=20)
    notes = queries.member_notes(member) if can(current_user, "view_member_notes", member) else []
    return render_template("admin/member.html", member=member, notes=notes, entries=entries, submitted=submitted,
                           **forms), status


@bp.route("/members/<id:member_id>")
def member(member_id):
    return _member_page(queries.member_by_id(member_id))


def _suspend(member, form):
    member_services.suspend_member(current_user, member, suspension_end(form), form.reason.data)


ACTIONS = {
    "warn_member": ("warn", ReasonForm, lambda m, f: member_services.warn_member(current_user, m, f.reason.data), "The warning is sent."),
    "suspend_member": ("suspend", SuspendForm, _suspend, "The member is suspended."),
    "lift_suspension": ("lift", OptionalReasonForm, lambda m, f: member_services.lift_suspension(current_user, m, f.reason.data), "The suspension is lifted."),
    "note_member": ("note", MemberNoteForm, lambda m, f: member_services.note_member(current_user, m, f.body.data), "The note is added."),
    "appoint_moderator": ("role", OptionalReasonForm, lambda m, f: member_services.appoint_moderator(current_user, m, f.reason.data), "They are now a moderator."),
    "remove_moderator": ("role", OptionalReasonForm, lambda m, f: member_services.remove_moderator(current_user, m, f.reason.data), "They are no longer a moderator."),
}


@bp.route("/members/<id:member_id>/<any(" + ", ".join(ACTIONS) + "):action>", methods=["POST"])
def member_action(member_id, action):
    member = queries.member_by_id(member_id)
    prefix, form_class, apply, done = ACTIONS[action]
    form = form_class(prefix=prefix)
    if form.validate_on_submit():
        try:
            apply(member, form)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash(done, "success")
            return redirect(url_for("admin.member", member_id=member.id))
    return _member_page(member, 422, submitted=form, **{f"{prefix}_form": form})
