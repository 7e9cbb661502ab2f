from .. import markup
from ..accounts.steps import rename_account
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from .queries import RENAME_EVERY, next_rename_at

BIO_MAX = 1000
BIO_TOO_LONG = f"Keep your bio to {BIO_MAX} characters or fewer."


def edit_profile(actor, member, bio):
    """Set a member's bio. Refuses anyone but the member themself, and a bio
    over BIO_MAX characters.
    """
    require(actor, "edit_profile", member)
    bio = bio.strip()
    if len(bio) > BIO_MAX:
        raise Refused(BIO_TOO_LONG, field="bio")
    member.bio = bio
    member.bio_html = markup.render(bio)
    db.session.commit()
    return member


def change_username(actor, member, new_username):
    """Give a member a new username. Refuses anyone but the member themself
    (and a suspended member), the name they already have, a second change
    within RENAME_EVERY (saying when the next may be), and whatever
    accounts.steps.check_username_free refuses: a name against the name
    rules, taken, or looking like another member's current name or one they
    gave up recently. The old name stays reserved for the member
    (accounts.steps.RESERVED_FOR); when it changed is kept, and shown to
    nobody but them.
    """
    require(actor, "change_username", member)
    new_username = new_username.strip()
    if new_username == member.username:
        raise Refused("That is already your username. Type the new one you'd like.", field="username")
    due = next_rename_at(member)
    if due is not None:
        raise Refused(f"A username can change once every {RENAME_EVERY.days} days. "
                      f"You can change yours again from {due:%-d %b %Y, %H:%M} UTC.", field="username")
    rename_account(member, new_username)
    db.session.commit()
    return member
