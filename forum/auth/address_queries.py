"""Who uses an email address."""
from sqlalchemy import select

from ..accounts.models import User, email_key
from ..extensions import db


def address_owner(email):
    """The live account using `email` (any case), or None."""
    return db.session.scalar(select(User).where(User.email_key == email_key(email), User.deleted_at.is_(None)))
