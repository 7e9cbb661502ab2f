"""Every "may this person do this?" in the forum, answered in one place.

`can(user, action, obj)` answers; `require(...)` raises PermissionDenied.
Services enforce with `require`; templates ask `can` to decide what to show.
Roles are member, moderator and admin; a suspended member of any role can
read but not post, report or edit.
"""
from .errors import PermissionDenied


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False)


def _active(user):
    """Signed in and not suspended: may write."""
    return _signed_in(user) and not user.is_suspended


def _is_staff(user):
    return _active(user) and user.role in ("moderator", "admin")


def _is_admin(user):
    return _active(user) and user.role == "admin"


def _own(user, obj):
    return _active(user) and obj is not None and obj.author_id == user.id


def _live(post):
    return post is not None and not post.is_deleted


def _shown(post):
    """Live and not hidden: a hidden post's text must not leak out through a
    quote or the report page, which both show it."""
    return _live(post) and not post.is_hidden


def _start_thread(user, category):
    return _active(user)


def _reply(user, thread):
    if not _active(user) or thread is None:
        return False
    return not thread.locked or _is_staff(user)


def _edit_post(user, post):
    """Authors edit their own posts; moderators edit anyone's, with a reason."""
    return _live(post) and (_own(user, post) or _is_staff(user))


def _delete_post(user, post):
    return _live(post) and _own(user, post)


def _report_post(user, post):
    return _active(user) and _shown(post) and post.author_id != user.id


def _edit_profile(user, member):
    return _active(user) and member is not None and member.id == user.id


def _mark_notifications_read(user, member):
    return _signed_in(user) and member is not None and member.id == user.id


def _staff(user, obj=None):
    return _is_staff(user)


def _act_on_member(user, member):
    """Moderators act on members, and admins on moderators too. Nobody acts
    on themself or on an admin: one admin can't lock the others out (an admin
    who goes wrong is dealt with by whoever runs the server)."""
    if not _is_staff(user) or member is None or member.id == user.id or member.role == "admin":
        return False
    return member.role == "member" or _is_admin(user)


def _appoint_moderator(user, member):
    return _is_admin(user) and member is not None and member.id != user.id and member.role == "member"


def _remove_moderator(user, member):
    return _is_admin(user) and member is not None and member.id != user.id and member.role == "moderator"


RULES = {
    "start_thread": _start_thread,
    "reply": _reply,
    "quote_post": lambda user, post: _active(user) and _shown(post),
    "edit_post": _edit_post,
    "delete_post": _delete_post,
    "edit_profile": _edit_profile,
    "report_post": _report_post,
    "mark_notifications_read": _mark_notifications_read,
    # Moderators: posts and threads.
    "view_hidden_post": _staff,
    "hide_post": lambda user, post: _is_staff(user) and _live(post),
    "restore_post": lambda user, post: _is_staff(user) and _live(post),
    "note_post": lambda user, post: _is_staff(user) and _live(post),
    "view_post_history": _staff,
    "lock_thread": _staff,
    "unlock_thread": _staff,
    "pin_thread": _staff,
    "unpin_thread": _staff,
    "move_thread": _staff,
    # Moderators: reports and members.
    "view_admin": _staff,
    "dismiss_report": _staff,
    "warn_member": _act_on_member,
    "suspend_member": _act_on_member,
    "lift_suspension": _act_on_member,
    "note_member": _act_on_member,
    # Notes are read by those who may write them: no one reads notes about
    # themself, and only an admin reads notes about a moderator or admin.
    "view_member_notes": _act_on_member,
    "publish_disclaimer": _staff,
    # Admins.
    "appoint_moderator": _appoint_moderator,
    "remove_moderator": _remove_moderator,
}


def can(user, action, obj=None):
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown permission action: {action}") from None
    return bool(rule(user, obj))


def require(user, action, obj=None, message=None):
    if not can(user, action, obj):
        raise PermissionDenied(message or "You don't have permission to do that.")
