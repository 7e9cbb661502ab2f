"""The lists the checks read, and the crisis resources, from the database."""
from flask import current_app
from sqlalchemy import select

from ..extensions import db
from .detect import Detector
from .models import CrisisResource, SafetyPhrase


def phrase_rows():
    return db.session.execute(
        select(SafetyPhrase.kind, SafetyPhrase.phrase).order_by(SafetyPhrase.kind, SafetyPhrase.phrase)
    ).tuples().all()


def current_detector():
    """A detector for the lists as they are now.

    Building one compiles every phrase, so it is kept per process and rebuilt
    only when the lists read differently: the lists are read on every check
    (one small query, on writes only), which is what lets a phrase a
    moderator adds take effect at once in every process.
    """
    rows = tuple(phrase_rows())
    kept = current_app.extensions.get("safety_detector")
    if kept is None or kept[0] != rows:
        kept = (rows, Detector(rows))
        current_app.extensions["safety_detector"] = kept
    return kept[1]


def check(*texts):
    """What the current lists find in `texts` (a title, a post, a story's notes)."""
    return current_detector().check(*texts)


def phrases():
    return db.session.scalars(select(SafetyPhrase).order_by(SafetyPhrase.kind, SafetyPhrase.phrase)).all()


def phrase_by_id(phrase_id):
    return db.session.get(SafetyPhrase, phrase_id)


def crisis_resources():
    return db.session.scalars(select(CrisisResource).order_by(CrisisResource.position, CrisisResource.id)).all()


def resource_by_id(resource_id):
    return db.session.get(CrisisResource, resource_id)
