from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class SafetyPhrase(db.Model):
    """One phrase on a list the checks read: `red_flag` and `crisis` phrases
    raise their signal, `harmless` ones (figures of speech such as "this
    pain is killing me") are set aside before the others are looked for."""

    __tablename__ = "safety_phrases"
    __table_args__ = (UniqueConstraint("kind", "phrase", name="uq_safety_phrases_kind_phrase"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    phrase: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CrisisResource(db.Model):
    """A place to turn to in a crisis, shown to a writer whose words suggest
    thoughts of suicide or self-harm, and on the urgent help page."""

    __tablename__ = "crisis_resources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    region: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    # How to reach it, in words: "Call or text 988".
    contact: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(300), default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
