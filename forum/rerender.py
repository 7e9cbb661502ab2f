"""Re-render stored Markdown when the allow-list or renderer changes."""
from sqlalchemy import select

from . import markup
from .auth.models import User
from .extensions import db
from .threads.models import Post, PostRevision

# Every model with a Markdown source and its rendered HTML beside it.
RENDERED = [(Post, "body", "body_html"), (PostRevision, "body", "body_html"), (User, "bio", "bio_html")]
BATCH = 500


def rerender_all():
    total = 0
    for model, source, html in RENDERED:
        last_id = 0
        while True:
            rows = db.session.scalars(
                select(model).where(model.id > last_id).order_by(model.id).limit(BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                setattr(row, html, markup.render(getattr(row, source)))
            last_id = rows[-1].id
            total += len(rows)
            db.session.commit()
    return total
