"""The read side: badges, the directory, applications."""
from flask import g
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..timeutil import utcnow
from .credentials import CREDENTIALS
from .models import LAPSE_WARNING, OPEN_STATUSES, Application


def in_force(now=None):
    """The condition a badge is shown on, in every query that shows one:
    verified, and not yet lapsed at this moment. No job has to run for a
    lapsed badge to disappear."""
    return (Application.status == "verified") & (Application.lapses_at > (now or utcnow()))


def badge_for(member):
    """The member's verification in force, or None.

    Names are drawn by one macro all over a page, so the first name asks for
    every member the request has loaded so far, in one query; later names
    are answered from that. A page that loads its people in a fixed number
    of queries shows their badges in one more, however long it is.
    """
    if member is None:
        return None
    known = g.setdefault("practitioner_badges", {})
    if member.id not in known:
        # Ids from the identity keys, not the objects: after a commit the
        # objects are expired, and reading each one's id would be a query.
        wanted = {member.id} | {
            key[1][0] for key in list(db.session.identity_map)
            if issubclass(key[0], User) and key[1][0] not in known
        }
        known.update(dict.fromkeys(wanted))
        for application in db.session.scalars(
            select(Application).where(Application.member_id.in_(wanted), in_force())
        ):
            known[application.member_id] = application
    return known[member.id]


def has_badge(member_id):
    return db.session.scalar(select(Application.id).where(Application.member_id == member_id, in_force())) is not None


def application_by_id(application_id):
    application = db.session.scalar(
        select(Application).where(Application.id == application_id).options(joinedload(Application.member))
    )
    if application is None:
        raise NotFound("There is no such application.")
    return application


def applications_of(member):
    """The member's applications, newest first: the current one leads."""
    return db.session.scalars(
        select(Application).where(Application.member_id == member.id).order_by(Application.id.desc())
    ).all()


def verification_queue(number, per_page):
    """Applications waiting for a moderator or the applicant, oldest first."""
    waiting = Application.status.in_(OPEN_STATUSES)
    total = db.session.scalar(select(func.count(Application.id)).where(waiting))
    items = db.session.scalars(
        select(Application).where(waiting).order_by(Application.created_at, Application.id)
        .offset(offset_for(number, per_page)).limit(per_page).options(joinedload(Application.member))
    ).all()
    return Page(items, number, per_page, total)


def lapsing(now, within=LAPSE_WARNING):
    """The condition for a verification in force that lapses `within` from `now`."""
    return in_force(now) & (Application.lapses_at <= now + within)


def lapsing_soon():
    """Verifications in force that lapse within LAPSE_WARNING, soonest first."""
    return db.session.scalars(
        select(Application).where(lapsing(utcnow()))
        .order_by(Application.lapses_at, Application.id).options(joinedload(Application.member))
    ).all()


def directory(credential, jurisdiction, number, per_page):
    """Verified practitioners, filtered by credential and jurisdiction,
    alphabetically by username. A suspended or banned practitioner keeps the
    badge on what they wrote (their licence is still checked) but is not
    offered to readers here."""
    now = utcnow()
    conditions = [in_force(now), User.banned.is_(False), or_(User.suspended_until.is_(None), User.suspended_until <= now)]
    if credential:
        conditions.append(Application.credential.in_(credential_family(credential)))
    if jurisdiction:
        conditions.append(Application.jurisdiction == jurisdiction)
    total = db.session.scalar(select(func.count(Application.id)).join(Application.member).where(*conditions))
    items = db.session.scalars(
        select(Application).join(Application.member).where(*conditions)
        .order_by(User.username_key).offset(offset_for(number, per_page)).limit(per_page)
        .options(joinedload(Application.member))
    ).all()
    return Page(items, number, per_page, total)


def credential_family(shown):
    """The stored credentials a badge label covers: PT covers DPT and PTA."""
    return [code for code, (label, _) in CREDENTIALS.items() if label == shown]
