"""Every "may this person do this?" in the forum, answered in one place.

`can(user, action, obj)` answers; `require(...)` raises PermissionDenied.
Services enforce with `require`; templates ask `can` to decide what to show.
"""
from .errors import PermissionDenied


def _signed_in(user):
    return user is not None and getattr(user, "is_authenticated", False)


def _is_staff(user):
    return _signed_in(user) and user.role in ("moderator", "admin")


def _own(user, obj):
    return _signed_in(user) and obj is not None and obj.author_id == user.id


def _start_thread(user, category):
    return _signed_in(user)


def _reply(user, thread):
    if not _signed_in(user) or thread is None:
        return False
    return not thread.locked or _is_staff(user)


def _edit_post(user, post):
    return _own(user, post) and not post.is_deleted


def _delete_post(user, post):
    return _own(user, post) and not post.is_deleted


def _edit_profile(user, member):
    return _signed_in(user) and member is not None and member.id == user.id


RULES = {
    "start_thread": _start_thread,
    "reply": _reply,
    "quote_post": lambda user, post: _signed_in(user) and post is not None and not post.is_deleted,
    "edit_post": _edit_post,
    "delete_post": _delete_post,
    "edit_profile": _edit_profile,
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
