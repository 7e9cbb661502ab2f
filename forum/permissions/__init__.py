"""Every "may this person do this?" in the forum, answered in one place,
with the reason when the answer is no.

`can(user, action, obj)` answers; `why_not(...)` gives the refusal a person
is shown (None when allowed); `require(...)` raises PermissionDenied with
that reason. Services enforce with `require`; templates ask `can` to decide
what to show and `why_not` to say why something isn't there. Roles are
member, moderator and admin; a suspended member of any role can read but
not post, report or edit. Nothing outside this package compares roles.

A rule returns True, or a `No` carrying its reason. `No` is false, so the
small rules combine with `and`/`or` and the first refusal met is the one
explained. The rules live in `content` (what people write and the
moderators' hand on it) and `people` (accounts, applications, members),
built from the pieces in `base`; this table names each one once.
"""
from ..errors import PermissionDenied
from . import content, people
from .base import NO_SUCH_THING, NOT_ALLOWED, No, Refusal, active, shown, staff

__all__ = ["RULES", "No", "Refusal", "can", "require", "staff_title", "why_not"]


RULES = {
    "start_thread": content.start_thread,
    "reply": content.reply,
    "read_thread": content.read_thread,
    "set_members_only": content.set_members_only,
    "quote_post": lambda user, post: active(user) and shown(post),
    "edit_post": content.edit_post,
    "delete_post": content.delete_post,
    "edit_profile": people.edit_profile,
    "report_post": content.report_post,
    # Reactions and bookmarks on the posts one may read.
    "read_post": content.read_post,
    "react": content.react,
    "bookmark_post": content.bookmark_post,
    "unbookmark_post": content.unbookmark_post,
    # A post's earlier versions: its author's, and any for moderators.
    "view_post_history": content.view_post_history,
    "mark_notifications_read": people.mark_notifications_read,
    # Email notification choices: one's own, suspended or not.
    "change_email_preferences": people.mark_notifications_read,
    # Reading settings (time zone, theme): one's own, suspended or not.
    "change_reading_settings": people.mark_notifications_read,
    # Following what one may read.
    "follow_thread": lambda user, thread: active(user) and content.read_thread(user, thread),
    "follow_category": lambda user, category: active(user) and (True if category is not None else NO_SUCH_THING),
    "change_username": people.edit_profile,
    # Privacy: a member's own data.
    "download_data": people.own_data,
    "delete_account": people.delete_account,
    # Passkeys: one's own account only.
    "add_passkey": people.own_data,
    "remove_passkey": people.own_passkey,
    # Signed-in browsers: one's own, suspended or not.
    "end_session": people.own_session,
    "end_sessions": people.own_sessions,
    "mark_helpful": content.mark_helpful,
    "tell_story": content.start_thread,
    "add_story": content.add_story,
    "update_story": content.update_story,
    "withdraw_story": content.update_story,
    "unmark_helpful": content.unmark_helpful,
    # Practitioners: applying, and the applicant's own steps.
    "apply_practitioner": lambda user, obj=None: active(user),
    "answer_practitioner_info": people.applicant,
    "withdraw_practitioner": people.applicant,
    "view_practitioner_application": people.see_application,
    # Moderators: posts and threads.
    "view_hidden_post": staff,
    "hide_post": content.moderate_post,
    "restore_post": content.restore_post,
    "note_post": content.moderate_post,
    "view_title_history": staff,
    "lock_thread": content.moderate_thread,
    "unlock_thread": content.moderate_thread,
    "pin_thread": content.moderate_thread,
    "unpin_thread": content.moderate_thread,
    "move_thread": content.moderate_thread,
    "retitle_thread": content.moderate_thread,
    # Moderators: reports and members.
    "view_admin": staff,
    "dismiss_report": content.decide_report,
    "decide_report": content.decide_report,
    "warn_member": people.act_on_member,
    "suspend_member": people.act_on_member,
    "lift_suspension": people.act_on_member,
    "note_member": people.act_on_member,
    "reach_out": people.act_on_member,
    # Notes are read by those who may write them: no one reads notes about
    # themself, and only an admin reads notes about a moderator or admin.
    "view_member_notes": people.act_on_member,
    "publish_disclaimer": staff,
    "add_term": staff,
    "rename_term": staff,
    "merge_terms": staff,
    "add_safety_phrase": staff,
    "remove_safety_phrase": staff,
    "add_crisis_resource": staff,
    "change_crisis_resource": staff,
    "remove_crisis_resource": staff,
    "view_name_collisions": staff,
    # Moderators: practitioner verification.
    "verify_practitioner": people.decide_application,
    "request_practitioner_info": people.decide_application,
    "reject_practitioner": people.decide_application,
    "revoke_practitioner": people.decide_application,
    # Admins.
    "appoint_moderator": lambda user, member: people.change_role(user, member, "member"),
    "remove_moderator": lambda user, member: people.change_role(user, member, "moderator"),
}


# What a role is called beside a name: the one way a role shows on a page,
# so a member who calls themself "mod_joe" still reads as a member.
STAFF_TITLES = {"moderator": "Moderator", "admin": "Admin"}


def staff_title(user):
    """"Moderator" or "Admin" for staff, else None."""
    return STAFF_TITLES.get(getattr(user, "role", None))


def _unknown(action):
    raise ValueError(f"Unknown permission action: {action}")


def can(user, action, obj=None):
    # A thread page asks this a hundred times: one lookup and one call.
    return bool((RULES.get(action) or _unknown(action))(user, obj))


def why_not(user, action, obj=None):
    """The Refusal when `user` may not, else None."""
    answer = (RULES.get(action) or _unknown(action))(user, obj)
    if answer:
        return None
    refusal = answer if isinstance(answer, No) else NOT_ALLOWED
    return Refusal(refusal.reason, refusal.sign_in)


def require(user, action, obj=None):
    refusal = why_not(user, action, obj)
    if refusal is not None:
        raise PermissionDenied(refusal.reason)
