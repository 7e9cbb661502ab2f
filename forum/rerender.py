"""Re-render stored Markdown when the allow-list or renderer changes."""
from sqlalchemy import select

from . import markup
from .extensions import db

BATCH = 500


def rendered_columns(registry=None):
    """Every (model, source, html) kept by the forum: each `*_html` column
    beside the column it is rendered from. Read from the models, so a new
    one can't be left out: every one is shown as safe, and one left out
    would keep whatever an older allow-list let through."""
    found = []
    for mapper in sorted((registry or db.Model.registry).mappers, key=lambda m: m.class_.__name__):
        columns = {attribute.key for attribute in mapper.column_attrs}
        for html in sorted(c for c in columns if c.endswith("_html")):
            source = html.removesuffix("_html")
            if source not in columns:
                raise LookupError(f"{mapper.class_.__name__}.{html} has no {source} column to be rendered from.")
            found.append((mapper.class_, source, html))
    return found


def _renderers():
    """Texts rendered with more than the allow-list: a post's mentions of
    members become links again."""
    from .threads.mentions import render_post
    from .threads.models import Post

    return {(Post, "body"): render_post}


def _also():
    """What else is decided from a text as it is written: whether a post
    gives advice (the line under it)."""
    from .safety.advice import gives_advice
    from .threads.models import Post

    def mark(post):
        post.gives_advice = gives_advice(post.body)
    return {(Post, "body"): mark}


def rerender_all():
    total = 0
    special, also = _renderers(), _also()
    for model, source, html in rendered_columns():
        render = special.get((model, source), markup.render)
        last_id = 0
        while True:
            rows = db.session.scalars(
                # Only rows that have the text: most posts carry no moderator note.
                select(model).where(model.id > last_id, getattr(model, source).is_not(None))
                .order_by(model.id).limit(BATCH)
            ).all()
            if not rows:
                break
            after = also.get((model, source))
            for row in rows:
                setattr(row, html, render(getattr(row, source)))
                if after:
                    after(row)
            last_id = rows[-1].id
            total += len(rows)
            db.session.commit()
    return total
