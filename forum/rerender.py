"""Re-render stored Markdown when the allow-list or renderer changes."""
from sqlalchemy import select

from . import markup
from .accounts.models import User
from .disclaimer.models import DisclaimerVersion
from .extensions import db
from .threads.models import Post, PostRevision

# Every Markdown source with its rendered HTML beside it: every one is shown
# as safe, so one left out keeps whatever an older allow-list let through.
RENDERED = [
    (Post, "body", "body_html"), (PostRevision, "body", "body_html"), (User, "bio", "bio_html"),
    (Post, "moderator_note", "moderator_note_html"), (DisclaimerVersion, "body", "body_html"),
]
BATCH = 500


def rerender_all():
    total = 0
    for model, source, html in RENDERED:
        last_id = 0
        while True:
            rows = db.session.scalars(
                # Only rows that have the text: most posts carry no moderator note.
                select(model).where(model.id > last_id, getattr(model, source).is_not(None))
                .order_by(model.id).limit(BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                setattr(row, html, markup.render(getattr(row, source)))
            last_id = rows[-1].id
            total += len(rows)
            db.session.commit()
    return total
