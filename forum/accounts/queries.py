from sqlalchemy import select

from ..extensions import db
from .models import User, username_key


def find_member(username):
    """The member with this username (any case), or None."""
    return db.session.scalar(select(User).where(User.username_key == username_key(username or "")))
