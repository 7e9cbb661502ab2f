"""Registering."""
from ..accounts.steps import create_account
from ..disclaimer.queries import current_version
from ..disclaimer.steps import record_acceptance
from ..errors import Refused
from ..extensions import db


def register(username, email, password, accepted_terms, role="member"):
    """Create an account that has accepted the guidelines and the current
    disclaimer, recording when and which version.

    Refuses a registration that did not accept them, and whatever
    `create_account` refuses (a bad or taken username or email, a weak
    password).
    """
    if not accepted_terms:
        raise Refused("Please read and accept the guidelines and disclaimer.", field="accept")
    user = create_account(username, email, password, role=role)
    user.guidelines_accepted_at = user.created_at
    record_acceptance(user, current_version(), at=user.created_at)
    db.session.commit()
    return user
