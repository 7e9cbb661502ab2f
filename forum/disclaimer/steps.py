"""The disclaimer's part in other verbs: registering accepts it, posting
checks it was accepted."""
from ..errors import Refused
from ..timeutil import utcnow
from ..transactions import step
from .queries import required_version_id


class DisclaimerNotAccepted(Refused):
    """The member must accept the current disclaimer before posting."""

    status = 409


@step
def record_acceptance(member, version, at=None):
    """Note that `member` accepted `version` (None before any is published)."""
    member.disclaimer_version_id = version.id if version else None
    member.disclaimer_accepted_at = at or utcnow()


@step
def check_accepted(member):
    """Refuse a post from a member who hasn't accepted the version they must."""
    if (member.disclaimer_version_id or 0) < required_version_id():
        raise DisclaimerNotAccepted("Please read and accept the updated medical disclaimer before posting.")
