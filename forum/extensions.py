"""Extension objects, created unbound and attached in create_app()."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from .transactions import ForumSession

# Stable constraint names, so migrations name things the same on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base, session_options={"class_": ForumSession})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def member_or_address():
    """Rate-limit signed-in people by account (several members may share one
    address, a clinic's or a library's), and visitors by address."""
    from flask_login import current_user

    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return get_remote_address()


# Generous for a person, tight for a script.
POSTING_LIMIT = "10/minute;100/hour"
THREAD_LIMIT = "5/minute;30/hour"
REPORT_LIMIT = "20/hour"
