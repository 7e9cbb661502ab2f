from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.queries import former_usernames
from ..audit import queries as audit_queries
from ..members import queries as member_queries
from ..moderation import actions, queries
from ..moderation.forms import MemberNoteForm, OptionalReasonForm, ReasonForm, SuspendForm
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
                           former_names=former_usernames(member), **forms), status


@bp.route("/members/<id:member_id>")
def member(member_id):
    return _member_page(queries.member_by_id(member_id))


@bp.route("/members/<id:member_id>/<any(" + ", ".join(actions.MEMBER_ACTIONS) + "):action>", methods=["POST"])
def member_action(member_id, action):
    member = queries.member_by_id(member_id)
    chosen = actions.MEMBER_ACTIONS[action]
    form = chosen.form(prefix=chosen.prefix)
    if actions.perform(chosen.verb, current_user, member, form):
        flash(chosen.done, "success")
        return redirect(url_for("admin.member", member_id=member.id))
    return _member_page(member, 422, submitted=form, **{f"{chosen.prefix}_form": form})
