from .. import markup
from ..errors import Refused
from ..extensions import db
from ..permissions import require

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
