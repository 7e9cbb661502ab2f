"""The lists the checks read, and the crisis resources, from the database."""
from flask import current_app, g
from sqlalchemy import func, select

from ..extensions import db
from .detect import Detector
from .models import CrisisResource, SafetyPhrase


def phrase_rows():
    return db.session.execute(
        select(SafetyPhrase.kind, SafetyPhrase.phrase).order_by(SafetyPhrase.kind, SafetyPhrase.phrase)
    ).tuples().all()


def _lists_version():
    """What changes whenever the lists do: one small aggregate, not every
    row. A removed phrase lowers the count and the sum of ids; an added one
    raises the newest time, even where SQLite reuses a removed row's id."""
    return db.session.execute(
        select(func.count(SafetyPhrase.id), func.coalesce(func.sum(SafetyPhrase.id), 0), func.max(SafetyPhrase.added_at))
    ).one()


def current_detector():
    """A detector for the lists as they are now.

    Building one compiles every phrase, so it is kept per process and rebuilt
    only when the lists have changed, which is asked of the database on
    every check (on writes only): that is what lets a phrase a moderator
    adds take effect at once in every process. Read without flushing: a
    post being checked is half-changed, and the queue (moderation.flags)
    must see it whole, when its verb commits.
    """
    with db.session.no_autoflush:
        version = tuple(_lists_version())
        kept = current_app.extensions.get("safety_detector")
        if kept is None or kept[0] != version:
            kept = (version, Detector(phrase_rows()))
            current_app.extensions["safety_detector"] = kept
    return kept[1]


def check(*texts):
    """What the current lists find in `texts` (a title, a post, a story's
    notes). Kept for the request: the writer's notice and the service that
    saves the post ask about the same words, and the answer is the same."""
    detector = current_detector()
    found = g.setdefault("safety_checks", {})
    key = (detector, frozenset(texts))
    if key not in found:
        found[key] = detector.check(*texts)
    return found[key]


def phrases():
    return db.session.scalars(select(SafetyPhrase).order_by(SafetyPhrase.kind, SafetyPhrase.phrase)).all()


def phrase_by_id(phrase_id):
    return db.session.get(SafetyPhrase, phrase_id)


def crisis_resources():
    return db.session.scalars(select(CrisisResource).order_by(CrisisResource.position, CrisisResource.id)).all()


def resource_by_id(resource_id):
    return db.session.get(CrisisResource, resource_id)
