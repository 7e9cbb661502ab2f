"""Every "may this person do this?" in the forum, answered in one place,
with the reason when the answer is no.

`can(user, action, obj)` answers; `why_not(...)` gives the refusal a person
is shown (None when allowed); `require(...)` raises PermissionDenied with
that reason. Services enforce with `require`; templates ask `can` to decide
what to show and `why_not` to say why something isn't there. Roles are
member, moderator and admin; a suspended member of any role can read but
not post, report or edit. Nothing outside this module compares roles.

A rule returns True, or a `No` carrying its reason. `No` is false, so the
small rules below combine with `and`/`or` and the first refusal met is the
one explained.
"""
from typing import NamedTuple

from .errors import PermissionDenied


class No:
    """A refusal: false in a test, with the words a person is shown."""

    __slots__ = ("reason", "sign_in")

    def __init__(self, reason, sign_in=False):
        self.reason = reason
        # Signing in would change the answer: pages offer to sign in instead.
        self.sign_in = sign_in

    def __bool__(self):
        return False

    def __str__(self):
        return self.reason

    def __repr__(self):
        return f"No({self.reason!r})"


class Refusal(NamedTuple):
    """What `why_not` answers: true when refused (unlike a rule's `No`, which
    is false so rules combine), with the reason and whether signing in helps."""

    reason: str
    sign_in: bool = False

    def __str__(self):
        return self.reason


NOT_ALLOWED = No("You don't have permission to do that.")
SIGN_IN = No("Please sign in first.", sign_in=True)
SUSPENDED = No("Your account is suspended, so you can't post, report or edit for now.")
STAFF_ONLY = No("Only moderators can do that.")
ADMINS_ONLY = No("Only administrators can do that.")
GONE = No("That post has been deleted.")
HIDDEN = No("That post was hidden by a moderator.")
LOCKED = No("This thread is locked. No new replies can be added.")
NOT_YOURS = No("You can only change your own posts.")
OWN_POST = No("You can't report your own post.")
OWN_ACCOUNT = No("That belongs to another member.")
NOT_ON_THEM = No("You can't act on that member.")
NO_SUCH_THING = No("There's nothing there to act on.")
ADMINS_POST = No("Only an administrator can act on an administrator's posts.")
ADMINS_THREAD = No("Only an administrator can act on an administrator's threads.")


def _signed_in(user):
    return True if user is not None and getattr(user, "is_authenticated", False) else SIGN_IN


def _active(user, suspended=SUSPENDED):
    """Signed in and not suspended: may write."""
    return _signed_in(user) and (suspended if user.is_suspended else True)


def _is_staff(user):
    return _active(user) and (True if user.role in ("moderator", "admin") else STAFF_ONLY)


def _is_admin(user):
    return _active(user) and (True if user.role == "admin" else ADMINS_ONLY)


def _own(user, obj):
    return _active(user) and (True if obj is not None and obj.author_id == user.id else NOT_YOURS)


def _reach(user, content, refusal):
    """Whether staff `user` may act on a post or thread: moderators act on
    members' and other moderators' content (peers, each move in the audit
    log), and only an admin on an admin's, so the people who appoint
    moderators can't be silenced or rewritten by them. An author no longer
    known (a former member) is nobody's admin."""
    author = content.author
    return refusal if author is not None and author.role == "admin" and not _is_admin(user) else True


def _live(post):
    if post is None:
        return NO_SUCH_THING
    return GONE if post.is_deleted else True


def _shown(post):
    """Live and not hidden: a hidden post's text must not leak out through a
    quote or the report page, which both show it."""
    return _live(post) and (HIDDEN if post.is_hidden else True)


def _yourself(user, member):
    if member is None:
        return NO_SUCH_THING
    return True if member.id == user.id else OWN_ACCOUNT


_NO_THREAD = No("Your account is suspended, so you can't start a thread for now.")
_NO_REPLY = No("Your account is suspended, so you can't reply for now.")


def _start_thread(user, category):
    return _active(user, suspended=_NO_THREAD)


def _reply(user, thread):
    if thread is None:
        return NO_SUCH_THING
    # A locked thread says so to everyone, visitors included.
    if thread.locked and not _is_staff(user):
        return LOCKED
    return _active(user, suspended=_NO_REPLY)


_MEMBERS_ONLY = No("This thread is for members only. Sign in or register to read it.", sign_in=True)
_NOT_THE_STARTER = No("Only the thread's author or a moderator can change who may read it.")


def _read_thread(user, thread):
    """Anyone reads a thread but one kept for members, which anyone signed in
    reads, suspended or not (suspension stops writing, not reading). What
    visitors and search engines are offered in lists and feeds is chosen by
    threads.queries.visible_to_visitors, which agrees with this."""
    if thread is None:
        return NO_SUCH_THING
    return _MEMBERS_ONLY if thread.members_only and not _signed_in(user) else True


def _set_members_only(user, thread):
    """The thread's author, or a moderator, chooses whether visitors may read it."""
    active = _active(user)
    if not active or thread is None:
        return active and NO_SUCH_THING
    if thread.author_id == user.id:
        return True
    staff = _is_staff(user)
    return _reach(user, thread, ADMINS_THREAD) if staff else _NOT_THE_STARTER


def _edit_post(user, post):
    """Authors edit their own posts; moderators edit anyone's but an
    admin's, with a reason."""
    allowed = _active(user) and _live(post)
    if not allowed or post.author_id == user.id:
        return allowed
    return _reach(user, post, ADMINS_POST) if _is_staff(user) else NOT_YOURS


_STORY_START = No("This post starts your story: withdraw the story first, then delete the post.")


def _delete_post(user, post):
    allowed = _active(user) and _live(post) and _own(user, post)
    thread = post.thread if allowed else None
    if thread is not None and thread.is_story and post.id == thread.first_post_id:
        return _STORY_START
    return allowed


def _report_post(user, post):
    return _active(user) and _shown(post) and (OWN_POST if post.author_id == user.id else True)


def _edit_profile(user, member):
    return _active(user) and _yourself(user, member)


def _mark_notifications_read(user, member):
    return _signed_in(user) and _yourself(user, member)


def _own_data(user, member):
    """A member's own data, to download or to delete with the account: a
    suspension doesn't take that right away (it stops writing, not leaving).
    An account already deleted has nothing left to act on."""
    signed_in = _signed_in(user)
    if not signed_in or member is None or member.deleted_at is not None:
        return signed_in and NO_SUCH_THING
    return _yourself(user, member)


_ADMIN_LEAVING = No("An administrator's account can't be deleted here: whoever runs the forum's server "
                    "takes the administrator role off first, so the forum is never left without one.")


def _delete_account(user, member):
    """One's own account, any role but admin: admins are made on the server
    (flask create-admin), and leave the same way. A moderator's role ends
    with the account."""
    own = _own_data(user, member)
    return own and (_ADMIN_LEAVING if member.role == "admin" else True)


def _applicant(user, application):
    """The member whose practitioner application it is."""
    if application is None:
        return NO_SUCH_THING
    return _active(user) and (True if application.member_id == user.id else OWN_ACCOUNT)


def _see_application(user, application):
    """An application's private details (licence number, legal name, NPI) are
    for the applicant and the moderators. Suspension doesn't hide one's own."""
    signed_in = _signed_in(user)
    if not signed_in:
        return signed_in
    if application is not None and application.member_id == user.id:
        return True
    return _is_staff(user)


_OWN_APPLICATION = No("A moderator can't decide their own application; another moderator will.")


def _decide_application(user, application):
    staff = _is_staff(user)
    if not staff or application is None:
        return staff and NO_SUCH_THING
    return _OWN_APPLICATION if application.member_id == user.id else True


_NOT_THE_ASKER = No("Only the person who started the thread can mark what helped them.")
_NOT_A_REPLY = No("Mark a reply from someone else, not the question or your own post.")


def _mark_helpful(user, post):
    active = _active(user) and _shown(post)
    if not active:
        return active
    if post.thread.author_id != user.id:
        return _NOT_THE_ASKER
    return _NOT_A_REPLY if post.author_id == user.id or post.id == post.thread.first_post_id else True


def _unmark_helpful(user, thread):
    active = _active(user)
    if not active or thread is None:
        return active and NO_SUCH_THING
    return True if thread.author_id == user.id else _NOT_THE_ASKER


_ALREADY_A_STORY = No("This thread already tells a story: update it instead.")
_WITHDRAWN = No("This story was withdrawn. Add it to the thread again to tell it.")


def _add_story(user, thread):
    """The thread's author turns their thread into a story, once."""
    own = _own(user, thread)
    return own and (_ALREADY_A_STORY if thread.is_story else True)


def _update_story(user, story):
    own = _own(user, story)
    return own and (_WITHDRAWN if story.withdrawn_at is not None else True)


def _staff(user, obj=None):
    return _is_staff(user)


def _moderate_post(user, post):
    """Hide, restore or note a post that still exists, unless an admin wrote it."""
    return _is_staff(user) and _live(post) and _reach(user, post, ADMINS_POST)


_HIDDEN_BY_ANOTHER = No("Someone else hid your post, so someone else decides whether it comes back.")


def _restore_post(user, post):
    """As hiding; and nobody brings back their own post that another hid."""
    allowed = _moderate_post(user, post)
    if allowed and post.is_hidden and post.author_id == user.id and post.hidden_by_id != user.id:
        return _HIDDEN_BY_ANOTHER
    return allowed


def _moderate_thread(user, thread):
    """Lock, pin, move or retitle a thread, unless an admin started it."""
    staff = _is_staff(user)
    if not staff or thread is None:
        return staff and NO_SUCH_THING
    return _reach(user, thread, ADMINS_THREAD)


_OWN_REPORT = No("This report is about your own post, so another moderator decides it.")


def _decide_report(user, case):
    """Decide or dismiss a report: never one about one's own post, and a
    report about an admin's post only as an admin (each decision acts on
    the post or its author)."""
    staff = _is_staff(user)
    if not staff or case is None or case.post is None:
        return staff and NO_SUCH_THING
    return _OWN_REPORT if case.post.author_id == user.id else _reach(user, case.post, ADMINS_POST)


def _act_on_member(user, member):
    """Moderators act on members, and admins on moderators too. Nobody acts
    on themself or on an admin: one admin can't lock the others out (an admin
    who goes wrong is dealt with by whoever runs the server); nor on an
    account its member deleted."""
    staff = _is_staff(user)
    if not staff:
        return staff
    if member is None or member.id == user.id or member.role == "admin" or member.deleted_at is not None:
        return NOT_ON_THEM
    return True if member.role == "member" or _is_admin(user) else NOT_ON_THEM


def _change_role(user, member, from_role):
    admin = _is_admin(user)
    if not admin:
        return admin
    return True if member is not None and member.id != user.id and member.role == from_role else NOT_ON_THEM


RULES = {
    "start_thread": _start_thread,
    "reply": _reply,
    "read_thread": _read_thread,
    "set_members_only": _set_members_only,
    "quote_post": lambda user, post: _active(user) and _shown(post),
    "edit_post": _edit_post,
    "delete_post": _delete_post,
    "edit_profile": _edit_profile,
    "report_post": _report_post,
    "mark_notifications_read": _mark_notifications_read,
    "change_username": _edit_profile,
    # Privacy: a member's own data.
    "download_data": _own_data,
    "delete_account": _delete_account,
    "mark_helpful": _mark_helpful,
    "tell_story": _start_thread,
    "add_story": _add_story,
    "update_story": _update_story,
    "withdraw_story": _update_story,
    "unmark_helpful": _unmark_helpful,
    # Practitioners: applying, and the applicant's own steps.
    "apply_practitioner": lambda user, obj=None: _active(user),
    "answer_practitioner_info": _applicant,
    "withdraw_practitioner": _applicant,
    "view_practitioner_application": _see_application,
    # Moderators: posts and threads.
    "view_hidden_post": _staff,
    "hide_post": _moderate_post,
    "restore_post": _restore_post,
    "note_post": _moderate_post,
    "view_post_history": _staff,
    "view_title_history": _staff,
    "lock_thread": _moderate_thread,
    "unlock_thread": _moderate_thread,
    "pin_thread": _moderate_thread,
    "unpin_thread": _moderate_thread,
    "move_thread": _moderate_thread,
    "retitle_thread": _moderate_thread,
    # Moderators: reports and members.
    "view_admin": _staff,
    "dismiss_report": _decide_report,
    "decide_report": _decide_report,
    "warn_member": _act_on_member,
    "suspend_member": _act_on_member,
    "lift_suspension": _act_on_member,
    "note_member": _act_on_member,
    "reach_out": _act_on_member,
    # Notes are read by those who may write them: no one reads notes about
    # themself, and only an admin reads notes about a moderator or admin.
    "view_member_notes": _act_on_member,
    "publish_disclaimer": _staff,
    "add_term": _staff,
    "rename_term": _staff,
    "merge_terms": _staff,
    "add_safety_phrase": _staff,
    "remove_safety_phrase": _staff,
    "add_crisis_resource": _staff,
    "change_crisis_resource": _staff,
    "remove_crisis_resource": _staff,
    "view_name_collisions": _staff,
    # Moderators: practitioner verification.
    "verify_practitioner": _decide_application,
    "request_practitioner_info": _decide_application,
    "reject_practitioner": _decide_application,
    "revoke_practitioner": _decide_application,
    # Admins.
    "appoint_moderator": lambda user, member: _change_role(user, member, "member"),
    "remove_moderator": lambda user, member: _change_role(user, member, "moderator"),
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
