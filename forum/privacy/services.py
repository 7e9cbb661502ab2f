"""The rules for a member's own data: deleting their account. (Downloading
it changes nothing, so it is a query: queries.export_for.)"""
from ..accounts.passwords import verify_password
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from . import queries, steps

WRONG_PASSWORD = "That isn't your password. Type the password you sign in with."


def delete_account(actor, member, keep_posts, password):
    """Delete `member`'s account, in one transaction: a failure anywhere
    leaves it exactly as it was.

    Refuses anyone but the member themself, an administrator (see the
    `delete_account` rule), an account already deleted, and a wrong
    password. Always erased: the email, bio, notifications, the notes in
    their reports, every earlier version of their posts and titles, what
    they followed, bookmarked and had read, their reactions (the posts'
    counts go down with them), and a practitioner application's private
    details; the name becomes
    "former-member-<id>" and no password opens the account again, so every
    session of it ends at once. Their names stay reserved, never shown,
    for the usual time (others' posts still mention them). With `keep_posts` their
    posts and stories stay, shown as a former member's; without it every
    post is emptied and marked deleted by its author, the threads they
    started lose their titles, and their stories are withdrawn and removed.
    What others wrote is left as they wrote it, quotes and mentions of the
    old name included.

    Records one audit entry with no personal data: the account's id, the
    role it had, what was chosen, and how much was removed or kept. The
    moderators' earlier entries about the member stay as they were: they
    never held an email or an address, and a moderator's decision has to
    stay readable as it was taken.
    """
    require(actor, "delete_account", member)
    if not verify_password(member.password_hash, password or ""):
        raise Refused(WRONG_PASSWORD, field="password")
    now = utcnow()
    snapshot = {"member_id": member.id, "role": member.role, "kept_posts": bool(keep_posts), **queries.what_goes(member)}
    steps.erase_private_data(member)
    steps.erase_keeping_up(member)
    if not keep_posts:
        steps.remove_writing(member, now)
    steps.erase_applications(member)
    steps.anonymise_account(member, now)
    record(member, "delete_account", "member", member.id, snapshot, subject_id=member.id)
    db.session.commit()
    return member
