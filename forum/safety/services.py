"""The moderators' verbs on the safety lists: phrases the checks look for,
and the crisis resources a writer in distress is shown. Each requires its
permission, checks, changes, writes one audit entry and commits once. A
change takes effect on the next post checked, in every process
(queries.current_detector)."""
from sqlalchemy import func, select

from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from .models import CrisisResource, SafetyPhrase
from .phrases import phrase_problem

RESOURCE_LIMITS = {"region": 80, "name": 120, "contact": 200, "url": 300, "note": 1000}


def _phrase_snapshot(row):
    return {"kind": row.kind, "phrase": row.phrase}


def _resource_snapshot(row):
    return {name: getattr(row, name) for name in ("region", "name", "contact", "url", "note", "position")}


def add_safety_phrase(actor, kind, phrase):
    """Add a phrase to a list. Refuses non-moderators, a phrase the lists
    can't use (phrases.phrase_problem) and one already on that list."""
    require(actor, "add_safety_phrase")
    phrase = " ".join((phrase or "").split()).lower()
    problem = phrase_problem(kind, phrase)
    if problem:
        raise Refused(problem, field="phrase")
    if db.session.scalar(select(SafetyPhrase.id).where(SafetyPhrase.kind == kind, SafetyPhrase.phrase == phrase)):
        raise Refused(f"“{phrase}” is already on this list.", field="phrase")
    row = SafetyPhrase(kind=kind, phrase=phrase, added_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    record(actor, "add_safety_phrase", "safety_phrase", row.id, _phrase_snapshot(row))
    db.session.commit()
    return row


def remove_safety_phrase(actor, row, reason=""):
    """Take a phrase off its list. Refuses non-moderators."""
    require(actor, "remove_safety_phrase")
    record(actor, "remove_safety_phrase", "safety_phrase", row.id, _phrase_snapshot(row), reason)
    db.session.delete(row)
    db.session.commit()


def _clean_resource(fields):
    """The resource's fields, tidied; refuses a missing region, name or
    contact, an overlong field, and a link that isn't a web address (it
    becomes a link on the writer's page)."""
    clean = {name: " ".join((fields.get(name) or "").split()) for name in RESOURCE_LIMITS}
    for name in ("region", "name", "contact"):
        if not clean[name]:
            raise Refused("This is needed.", field=name)
    for name, limit in RESOURCE_LIMITS.items():
        if len(clean[name]) > limit:
            raise Refused(f"Keep it under {limit} characters.", field=name)
    if clean["url"] and not clean["url"].lower().startswith(("https://", "http://")):
        raise Refused("Give a web address starting with https://.", field="url")
    return clean


def add_crisis_resource(actor, _target=None, **fields):
    """Add a crisis resource at the end of the list. Refuses non-moderators
    and what `_clean_resource` refuses."""
    require(actor, "add_crisis_resource")
    clean = _clean_resource(fields)
    last = db.session.scalar(select(func.max(CrisisResource.position)))
    row = CrisisResource(position=(last or 0) + 1, **clean)
    db.session.add(row)
    db.session.flush()
    record(actor, "add_crisis_resource", "crisis_resource", row.id, _resource_snapshot(row))
    db.session.commit()
    return row


def change_crisis_resource(actor, row, **fields):
    """Change a crisis resource; the audit entry keeps it as it was. Refuses
    non-moderators and what `_clean_resource` refuses; no change records nothing."""
    require(actor, "change_crisis_resource")
    clean = _clean_resource(fields)
    if all(getattr(row, name) == value for name, value in clean.items()):
        return row
    record(actor, "change_crisis_resource", "crisis_resource", row.id, _resource_snapshot(row))
    for name, value in clean.items():
        setattr(row, name, value)
    db.session.commit()
    return row


def remove_crisis_resource(actor, row, reason=""):
    """Take a crisis resource off the list. Refuses non-moderators."""
    require(actor, "remove_crisis_resource")
    record(actor, "remove_crisis_resource", "crisis_resource", row.id, _resource_snapshot(row), reason)
    db.session.delete(row)
    db.session.commit()
