"""What a new forum's safety lists start with. The migration that made the
tables seeded a copy as it was then; `ensure_lists` adds what is missing."""
from sqlalchemy import select

from ..extensions import db
from ..transactions import step
from .models import CrisisResource, SafetyPhrase
from .phrases import DEFAULT_PHRASES

STARTING_RESOURCES = [
    {'region': 'United States', 'name': '988 Suicide & Crisis Lifeline', 'contact': 'Call or text 988',
     'url': 'https://988lifeline.org', 'note': 'Free and confidential, day or night. Chat on the website too.'},
    {'region': 'United States', 'name': 'Crisis Text Line', 'contact': 'Text HOME to 741741',
     'url': 'https://www.crisistextline.org', 'note': 'A trained volunteer texts back.'},
    {'region': 'Canada', 'name': '9-8-8 Suicide Crisis Helpline', 'contact': 'Call or text 988',
     'url': 'https://988.ca', 'note': ''},
    {'region': 'UK and Ireland', 'name': 'Samaritans', 'contact': 'Call 116 123',
     'url': 'https://www.samaritans.org', 'note': 'Free, day or night.'},
    {'region': 'Australia', 'name': 'Lifeline', 'contact': 'Call 13 11 14',
     'url': 'https://www.lifeline.org.au', 'note': ''},
    {'region': 'Anywhere', 'name': 'Find A Helpline', 'contact': 'Helplines in over 130 countries',
     'url': 'https://findahelpline.com', 'note': 'Choose your country to find a free, confidential line.'},
]


@step
def ensure_lists():
    """Add any starting phrase the lists lack, and the starting resources
    when there are none (never revives what a moderator removed from a
    list that still has others)."""
    have = set(db.session.execute(select(SafetyPhrase.kind, SafetyPhrase.phrase)).tuples())
    for kind, phrase in DEFAULT_PHRASES:
        if (kind, phrase) not in have:
            db.session.add(SafetyPhrase(kind=kind, phrase=phrase))
            have.add((kind, phrase))
    if db.session.scalar(select(CrisisResource.id).limit(1)) is None:
        for position, row in enumerate(STARTING_RESOURCES):
            db.session.add(CrisisResource(position=position, **row))
    db.session.flush()
