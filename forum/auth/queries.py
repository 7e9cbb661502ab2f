"""Who is signing in."""
from sqlalchemy import or_, select

from ..accounts.models import User, email_key, username_key
from ..accounts.passwords import verify_password
from ..extensions import db


def authenticate(login, password):
    """The member whose username or email and password match, else None.

    An unknown account and a wrong password are indistinguishable, in the
    answer and in the time taken.
    """
    user = db.session.scalar(
        select(User).where(or_(User.username_key == username_key(login), User.email_key == email_key(login)))
    )
    if not verify_password(user.password_hash if user else None, password):
        return None
    return user
