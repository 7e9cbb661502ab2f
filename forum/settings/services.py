"""Changing a member's own settings that belong to no other domain: how the
forum reads to them (time zone, colours)."""
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import is_zone_name

# users.theme: the device's choice of light or dark (through the CSS
# prefers-color-scheme query), or one fixed by the member.
THEMES = (("auto", "Follow my device"), ("light", "Light"), ("dark", "Dark"))


def change_reading_settings(actor, member, time_zone, theme):
    """Set the time zone `member` reads times in ("UTC" is kept as None, the
    default) and their theme. Refuses anyone but the member themself, a zone
    that is not on the list offered, and a theme that is not offered."""
    require(actor, "change_reading_settings", member)
    if not is_zone_name(time_zone):
        raise Refused("Choose a time zone from the list.", field="time_zone")
    if theme not in dict(THEMES):
        raise Refused("Choose how the forum should look.", field="theme")
    member.time_zone = None if time_zone == "UTC" else time_zone
    member.theme = theme
    db.session.commit()
