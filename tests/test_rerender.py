"""Which stored HTML `flask rerender-posts` renders again is read from the
models, so a new `*_html` column is never left with stale HTML."""
import pytest
from sqlalchemy import Integer, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from forum.accounts.models import User
from forum.disclaimer.models import DisclaimerVersion
from forum.rerender import rendered_columns
from forum.threads.models import Post, PostRevision


def test_every_rendered_column_of_the_forum_is_found(app):
    found = {(model, source, html) for model, source, html in rendered_columns()}
    assert {
        (Post, "body", "body_html"), (Post, "moderator_note", "moderator_note_html"),
        (PostRevision, "body", "body_html"), (User, "bio", "bio_html"), (DisclaimerVersion, "body", "body_html"),
    } <= found
    assert all(html == f"{source}_html" for _, source, html in found)


def _registry(**columns):
    class Base(DeclarativeBase):
        pass

    namespace = {"__tablename__": "stories", "id": mapped_column(Integer, primary_key=True),
                 "__annotations__": {"id": Mapped[int], **{name: Mapped[str] for name in columns}}}
    namespace.update({name: mapped_column(Text) for name in columns})
    story = type("Story", (Base,), namespace)
    return Base.registry, story


def test_a_new_rendered_column_is_found_without_anyone_listing_it():
    registry, story = _registry(summary=True, summary_html=True, title=True)
    assert rendered_columns(registry) == [(story, "summary", "summary_html")]


def test_html_with_no_source_beside_it_is_an_error_not_a_silent_skip():
    registry, _ = _registry(card_html=True)
    with pytest.raises(LookupError, match="Story.card_html has no card column"):
        rendered_columns(registry)
