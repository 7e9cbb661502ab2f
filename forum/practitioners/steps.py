"""Building blocks for the practitioner verbs."""
from sqlalchemy import select, update

from ..errors import Refused
from ..extensions import db
from ..notifications.steps import notify
from ..timeutil import utcnow
from ..transactions import step
from .models import MOVES_FROM, Application
from .queries import lapsing


@step
def move(application, verb, **values):
    """Change the application for `verb` only if it is still in a status
    the verb moves from (MOVES_FROM), in one UPDATE: of two moderators
    deciding at once, the second is told what happened instead of
    overwriting the first."""
    moved = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status.in_(MOVES_FROM[verb]))
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(application)
    if not moved:
        raise Refused(f"This application can't be changed that way: it is now “{application.status_label}”.")
    return application


@step
def send_lapse_notices(now=None):
    """Tell each practitioner whose verification lapses within LAPSE_WARNING,
    once. Returns how many were told."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Application).where(lapsing(now), Application.lapse_notice_at.is_(None))
    ).all()
    told = 0
    for application in due:
        claimed = db.session.execute(
            update(Application).where(Application.id == application.id, Application.lapse_notice_at.is_(None))
            .values(lapse_notice_at=now).execution_options(synchronize_session=False)
        ).rowcount
        if claimed:
            notify(application.member_id, "practitioner",
                   f"Your verified badge lapses on {application.lapse_date.isoformat()}. "
                   "Apply again from your practitioner page with your renewed licence to keep it.")
            told += 1
    return told
