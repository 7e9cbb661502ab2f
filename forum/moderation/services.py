"""Moderators' actions on posts and threads.

Each verb checks permission, changes the target, writes one audit entry
and, for hiding, closes any open report about the post, all in one commit.
"""
from sqlalchemy import func, select, update

from .. import markup
from ..audit.snapshots import post_snapshot, thread_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..stories.steps import recounting_post
from ..threads.models import Category, Post
from . import steps


def hide_post(actor, post, reason):
    """Hide a post; refuses what steps.hide_post refuses."""
    steps.hide_post(actor, post, reason)
    db.session.commit()


def restore_post(actor, post, reason):
    """Show a hidden post again. Refuses non-moderators and a visible post."""
    require(actor, "restore_post", post)
    steps.need_reason(reason)
    if post.hidden_at is None:
        raise Refused("That post isn't hidden.")
    with recounting_post(post):
        post.hidden_at = None
        post.hidden_by_id = None
        post.hidden_reason = None
    record(actor, "restore_post", "post", post.id, post_snapshot(post), reason, subject_id=post.author_id)
    db.session.commit()


def note_post(actor, post, note):
    """Set (or, with empty text, remove) the public moderator note under a post."""
    require(actor, "note_post", post)
    note = (note or "").strip()
    post.moderator_note = note or None
    post.moderator_note_html = markup.render(note) if note else None
    record(actor, "note_post", "post", post.id, post_snapshot(post), note, subject_id=post.author_id)
    db.session.commit()


def _set_thread_flag(actor, thread, action, flag, value, reason):
    require(actor, action, thread)
    if getattr(thread, flag) == value:
        raise Refused(f"The thread is already {'' if value else 'not '}{flag}.")
    setattr(thread, flag, value)
    record(actor, action, "thread", thread.id, thread_snapshot(thread), reason, subject_id=thread.author_id)


def lock_thread(actor, thread, reason=""):
    """Stop new replies. Refuses non-moderators and a locked thread."""
    _set_thread_flag(actor, thread, "lock_thread", "locked", True, reason)
    db.session.commit()


def unlock_thread(actor, thread, reason=""):
    _set_thread_flag(actor, thread, "unlock_thread", "locked", False, reason)
    db.session.commit()


def pin_thread(actor, thread, reason=""):
    """Keep a thread at the top of its category."""
    _set_thread_flag(actor, thread, "pin_thread", "pinned", True, reason)
    db.session.commit()


def unpin_thread(actor, thread, reason=""):
    _set_thread_flag(actor, thread, "unpin_thread", "pinned", False, reason)
    db.session.commit()


def move_thread(actor, thread, category, reason=""):
    """Move a thread to another category, carrying its counts with it."""
    require(actor, "move_thread", thread)
    if category.id == thread.category_id:
        raise Refused("The thread is already in that category.", field="category_id")
    snapshot = thread_snapshot(thread)
    # Deleted posts were already taken off the category's count, so only the
    # live ones travel (reply_count still includes the deleted).
    posts = db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id, Post.deleted_at.is_(None)))
    old_id = thread.category_id
    db.session.execute(update(Category).where(Category.id == old_id).values(
        thread_count=Category.thread_count - 1, post_count=Category.post_count - posts))
    db.session.execute(update(Category).where(Category.id == category.id).values(
        thread_count=Category.thread_count + 1, post_count=Category.post_count + posts))
    thread.category_id = category.id
    snapshot["moved_to"] = category.name
    record(actor, "move_thread", "thread", thread.id, snapshot, reason, subject_id=thread.author_id)
    db.session.commit()
