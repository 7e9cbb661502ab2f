"""The moderators' one-form actions, and the one way every page carries
them out.

Each action is a verb called as `verb(actor, target, **fields)`, its form
naming its fields after the verb's parameters. The thread page (posts and
threads), the admin's member page and its report page all go through
`perform`, so a refusal, a validation error and a success look the same
everywhere.
"""
from collections.abc import Callable
from dataclasses import dataclass

from flask_wtf import FlaskForm

from ..errors import Refused, show_refusal
from ..formdata import arguments
from . import member_services, services
from .forms import MemberNoteForm, OptionalReasonForm, ReasonForm, SuspendForm

@dataclass(frozen=True)
class Action:
    verb: Callable
    form: type[FlaskForm]
    done: str
    # Where one page holds several actions' forms, each has its own prefix.
    prefix: str = ""


POST_ACTIONS = {
    "hide_post": Action(services.hide_post, ReasonForm, "The post is hidden."),
    "restore_post": Action(services.restore_post, ReasonForm, "The post is visible again."),
}
THREAD_ACTIONS = {
    "lock_thread": Action(services.lock_thread, OptionalReasonForm, "The thread is locked."),
    "unlock_thread": Action(services.unlock_thread, OptionalReasonForm, "The thread is unlocked."),
    "pin_thread": Action(services.pin_thread, OptionalReasonForm, "The thread is pinned."),
    "unpin_thread": Action(services.unpin_thread, OptionalReasonForm, "The thread is unpinned."),
}
MEMBER_ACTIONS = {
    "warn_member": Action(member_services.warn_member, ReasonForm, "The warning is sent.", "warn"),
    "suspend_member": Action(member_services.suspend_member, SuspendForm, "The member is suspended.", "suspend"),
    "lift_suspension": Action(member_services.lift_suspension, OptionalReasonForm, "The suspension is lifted.", "lift"),
    "note_member": Action(member_services.note_member, MemberNoteForm, "The note is added.", "note"),
    "appoint_moderator": Action(member_services.appoint_moderator, OptionalReasonForm, "They are now a moderator.", "role"),
    "remove_moderator": Action(member_services.remove_moderator, OptionalReasonForm, "They are no longer a moderator.", "role"),
}


def perform(verb, actor, target, form, refusal_on_form=True, **extra):
    """Carry out `verb(actor, target, **extra, **the form's fields)` when the
    form was sent and is valid. True when done. Otherwise the form holds its
    errors and the refusal (or, for a one-button action with no form to
    show again, the refusal is flashed)."""
    if not form.validate_on_submit():
        return False
    try:
        verb(actor, target, **extra, **arguments(form))
    except Refused as refusal:
        show_refusal(refusal, form if refusal_on_form else None)
        return False
    return True
