"""The pieces every rule is made of: a refusal that carries its reason,
the refusals several rules share, and the small questions (signed in?
active? staff?) rules combine with `and`/`or`."""
from typing import NamedTuple



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


def signed_in(user):
    return True if user is not None and getattr(user, "is_authenticated", False) else SIGN_IN


def active(user, suspended=SUSPENDED):
    """Signed in and not suspended: may write."""
    return signed_in(user) and (suspended if user.is_suspended else True)


def is_staff(user):
    return active(user) and (True if user.role in ("moderator", "admin") else STAFF_ONLY)


def is_admin(user):
    return active(user) and (True if user.role == "admin" else ADMINS_ONLY)


def own(user, obj):
    return active(user) and (True if obj is not None and obj.author_id == user.id else NOT_YOURS)


def reach(user, content, refusal):
    """Whether staff `user` may act on a post or thread: moderators act on
    members' and other moderators' content (peers, each move in the audit
    log), and only an admin on an admin's, so the people who appoint
    moderators can't be silenced or rewritten by them. An author no longer
    known (a former member) is nobody's admin."""
    author = content.author
    return refusal if author is not None and author.role == "admin" and not is_admin(user) else True


def live(post):
    if post is None:
        return NO_SUCH_THING
    return GONE if post.is_deleted else True


def shown(post):
    """Live and not hidden: a hidden post's text must not leak out through a
    quote or the report page, which both show it."""
    return live(post) and (HIDDEN if post.is_hidden else True)


def yourself(user, member):
    if member is None:
        return NO_SUCH_THING
    return True if member.id == user.id else OWN_ACCOUNT


def staff(user, obj=None):
    return is_staff(user)
