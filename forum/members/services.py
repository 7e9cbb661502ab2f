from .. import markup
from ..extensions import db
from ..permissions import require


def update_bio(actor, member, bio):
    """Set a member's bio. Refuses anyone but the member themself."""
    require(actor, "edit_profile", member)
    member.bio = bio.strip()
    member.bio_html = markup.render(member.bio)
    db.session.commit()
    return member
