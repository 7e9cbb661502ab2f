from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow

# Each kind, the Post column that counts it, and what its button says.
KINDS = {
    "helpful": ("helpful_count", "Helpful"),
    "me_too": ("me_too_count", "Me too"),
}


class Reaction(db.Model):
    __tablename__ = "reactions"
    # A member's own reactions on the posts of one page.
    __table_args__ = (Index("ix_reactions_member_id_post_id", "member_id", "post_id"),)

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
