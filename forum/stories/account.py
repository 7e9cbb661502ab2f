"""A story's account as plain data: what the form gives the services, what
each version keeps, and what changed from one version to the next."""
import json
from dataclasses import dataclass, field
from datetime import date

from .vocabulary import NOW, OUTCOMES, SIDES


@dataclass
class Report:
    """One treatment tried, and how it went."""

    term_id: int
    outcome: str
    duration: str = ""
    note: str = ""


@dataclass
class Account:
    conditions: list[int] = field(default_factory=list)
    other_condition: str = ""
    causes: list[int] = field(default_factory=list)
    other_cause: str = ""
    side: str | None = None
    started_on: date | None = None
    now: str | None = None
    treatments: list[Report] = field(default_factory=list)

    def texts(self):
        """What the member wrote in their own words, for the safety checks."""
        notes = [text for report in self.treatments for text in (report.duration, report.note)]
        return [text for text in (self.other_condition, self.other_cause, *notes) if text and text.strip()]


def account_of(story):
    """The account a story tells now, from its rows."""
    return Account(
        conditions=[c.term_id for c in story.conditions], other_condition=story.other_condition,
        causes=[c.term_id for c in story.causes], other_cause=story.other_cause,
        side=story.side, started_on=story.started_on, now=story.now,
        treatments=[Report(t.term_id, t.outcome, t.duration, t.note) for t in story.treatments],
    )


def snapshot(account, labels):
    """The account as a version keeps it: words as well as ids, so an old
    version reads the same after a vocabulary entry is renamed or merged."""
    return {
        "conditions": [labels[i] for i in account.conditions] + ([account.other_condition] if account.other_condition else []),
        "causes": [labels[i] for i in account.causes] + ([account.other_cause] if account.other_cause else []),
        "side": SIDES.get(account.side),
        "started": account.started_on.strftime("%B %Y") if account.started_on else None,
        "now": NOW.get(account.now),
        "treatments": [
            {"id": r.term_id, "name": labels[r.term_id], "outcome": OUTCOMES[r.outcome], "duration": r.duration, "note": r.note}
            for r in account.treatments
        ],
    }


def _listed(values):
    return ", ".join(values) if values else "none"


def changes(old, new):
    """What changed between two snapshots, in words: ["Massage therapy: no
    change → helped a lot", "Added yoga", ...]."""
    said = []
    for key, name in (("conditions", "Conditions"), ("causes", "Causes")):
        if sorted(old[key]) != sorted(new[key]):
            said.append(f"{name}: {_listed(old[key])} → {_listed(new[key])}")
    for key, name in (("side", "Side"), ("started", "Started"), ("now", "Now")):
        if old[key] != new[key]:
            said.append(f"{name}: {old[key] or 'not said'} → {new[key] or 'not said'}")
    before = {t["id"]: t for t in old["treatments"]}
    after = {t["id"]: t for t in new["treatments"]}
    for term_id, t in after.items():
        was = before.get(term_id)
        if was is None:
            said.append(f"Added {t['name']}: {t['outcome'].lower()}")
        elif was["outcome"] != t["outcome"]:
            said.append(f"{t['name']}: {was['outcome'].lower()} → {t['outcome'].lower()}")
        elif (was["duration"], was["note"]) != (t["duration"], t["note"]):
            said.append(f"{t['name']}: details updated")
    said.extend(f"Removed {t['name']}" for term_id, t in before.items() if term_id not in after)
    return said


def to_json(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
