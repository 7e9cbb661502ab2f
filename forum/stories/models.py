"""A story's data: its current account, every earlier version, the
vocabularies, and the counts that What helped and the story list read.

The current account (conditions, causes, treatments) is kept in plain rows
so lists can filter it; each version keeps the whole account as JSON, so the
history reads the same after the vocabulary changes.
"""
import json
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..threads.models import Thread
from ..timeutil import utcnow
from .vocabulary import NOW, OUTCOMES, SIDES, TIME_ALONE


class Term(db.Model):
    """An entry of a vocabulary: a condition, a cause or a treatment. A merged
    entry stays as a pointer to the one it was merged into, so its old
    address still leads somewhere."""

    __tablename__ = "story_terms"
    __table_args__ = (UniqueConstraint("kind", "slug", name="uq_story_terms_kind_slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    slug: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(String(80))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("story_terms.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def is_reference(self):
        return self.slug == TIME_ALONE


class Story(db.Model):
    """The structured part of a story thread. `listed` says whether it counts
    and shows in lists: not withdrawn, and its first post neither hidden nor
    deleted. It is kept by the steps that change any of those."""

    __tablename__ = "stories"
    __table_args__ = (
        Index("ix_stories_listed_updated", "listed", "updated_at", "id"),
        Index("ix_stories_author", "author_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), unique=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    side: Mapped[str | None] = mapped_column(String(8))
    started_on: Mapped[date | None] = mapped_column(Date)
    now: Mapped[str | None] = mapped_column(String(12))
    other_condition: Mapped[str] = mapped_column(String(80), default="", server_default="")
    other_cause: Mapped[str] = mapped_column(String(80), default="", server_default="")
    version_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    listed: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # What the latest version changed (JSON list of sentences), so the card
    # needs no second query.
    last_changes: Mapped[str] = mapped_column(Text, default="", server_default="")

    author: Mapped[User] = relationship()
    thread: Mapped[Thread] = relationship()
    conditions: Mapped[list["StoryCondition"]] = relationship(cascade="all, delete-orphan", order_by="StoryCondition.term_id")
    causes: Mapped[list["StoryCause"]] = relationship(cascade="all, delete-orphan", order_by="StoryCause.term_id")
    treatments: Mapped[list["StoryTreatment"]] = relationship(cascade="all, delete-orphan", order_by="StoryTreatment.position")

    @property
    def change_list(self):
        return json.loads(self.last_changes) if self.last_changes else []

    @property
    def side_label(self):
        return SIDES.get(self.side)

    @property
    def now_label(self):
        return NOW.get(self.now)


class StoryCondition(db.Model):
    __tablename__ = "story_conditions"

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("story_terms.id"), primary_key=True, index=True)
    term: Mapped[Term] = relationship()


class StoryCause(db.Model):
    __tablename__ = "story_causes"

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("story_terms.id"), primary_key=True, index=True)
    term: Mapped[Term] = relationship()


class StoryTreatment(db.Model):
    """One treatment a story reports, with how it went."""

    __tablename__ = "story_treatments"
    __table_args__ = (UniqueConstraint("story_id", "term_id", name="uq_story_treatments_story_term"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("story_terms.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    duration: Mapped[str] = mapped_column(String(80), default="", server_default="")
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    term: Mapped[Term] = relationship()

    @property
    def outcome_label(self):
        return OUTCOMES[self.outcome]


# The rows that link stories to each vocabulary's entries.
LINKS = {"condition": StoryCondition, "cause": StoryCause, "treatment": StoryTreatment}


class StoryVersion(db.Model):
    """The whole account as it was told at one time; never changed."""

    __tablename__ = "story_versions"
    __table_args__ = (UniqueConstraint("story_id", "number", name="uq_story_versions_story_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The account as JSON (labels included), and what changed from the one before.
    account: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text, default="", server_default="")

    @property
    def account_data(self):
        return json.loads(self.account)

    @property
    def change_list(self):
        return json.loads(self.changes) if self.changes else []


class StoryTag(db.Model):
    """What a listed story can be found by ("c12" its condition, "t4:helped"
    a treatment and how it went...), with how much sharing it makes two
    stories alike. Kept only for listed stories, so lists need no other check."""

    __tablename__ = "story_tags"
    # A tag's stories, latest updated first, straight from the index: a list
    # stops after one page instead of collecting every story with the tag.
    __table_args__ = (Index("ix_story_tags_tag_updated", "tag", "updated_at", "story_id"),)

    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(32), primary_key=True)
    weight: Mapped[int] = mapped_column(Integer, default=0)
    # The story's updated_at, copied: relist() rewrites the tags on every change.
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class StoryCount(db.Model):
    """How many listed stories have a condition, a cause and a treatment
    with an outcome; 0 and "" mean any. The story list's counts beside each
    filter choice, and its totals, are read from here."""

    __tablename__ = "story_counts"
    __table_args__ = (
        # One index per filter's choices (the outcome's are the primary key's).
        Index("ix_story_counts_conditions", "cause_id", "treatment_id", "outcome", "condition_id"),
        Index("ix_story_counts_causes", "condition_id", "treatment_id", "outcome", "cause_id"),
        Index("ix_story_counts_treatments", "condition_id", "cause_id", "outcome", "treatment_id"),
    )

    condition_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cause_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    treatment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    stories: Mapped[int] = mapped_column(Integer, default=0)


class TreatmentCount(db.Model):
    """How many members report each outcome of a treatment, among stories
    of a condition and a cause (0 means any): What helped reads only this.
    A member's latest report on a treatment counts once."""

    __tablename__ = "treatment_counts"

    condition_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cause_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    treatment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    members: Mapped[int] = mapped_column(Integer, default=0)
