"""Moderators' actions on posts and threads.

Each verb checks permission, changes the target, writes one audit entry,
tells the post's or thread's author what was done and why (unless they did
it themself), and, for hiding, closes any open report about the post, all
in one commit. Pinning and unpinning tell nobody: they arrange the
category's list for its readers, and say nothing about the thread or its
author.
"""
from sqlalchemy import func, select, update

from .. import markup
from ..audit.snapshots import post_snapshot, thread_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..stories.steps import recounting_post
from ..threads.models import Category, Post, Thread, TitleRevision
from ..threads.slugs import slugify
from ..timeutil import utcnow
from . import steps

TITLE_MAX = Thread.title.type.length


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
    steps.tell_member(actor, post.author_id, "moderation",
                      f"A moderator restored your post in “{post.thread.title}”: everyone can read it again.", reason, about=post)
    db.session.commit()


def note_post(actor, post, note):
    """Set (or, with empty text, remove) the public moderator note under a
    post. The author is told what it now says (the note is its own reason),
    unless it didn't change."""
    require(actor, "note_post", post)
    note = (note or "").strip()
    before = post.moderator_note
    post.moderator_note = note or None
    post.moderator_note_html = markup.render(note) if note else None
    record(actor, "note_post", "post", post.id, post_snapshot(post), note, subject_id=post.author_id)
    if before != post.moderator_note:
        steps.tell_member(actor, post.author_id, "moderation", _note_notice(post, before), about=post)
    db.session.commit()


def _note_notice(post, before):
    where = f"under your post in “{post.thread.title}”"
    if post.moderator_note is None:
        return f"A moderator removed the note {where}."
    if before is None:
        return f"A moderator added a note {where}, which everyone reading it sees: “{post.moderator_note}”"
    return f"A moderator changed the note {where}. It now says: “{post.moderator_note}”"


def _set_thread_flag(actor, thread, action, flag, value, reason):
    require(actor, action, thread)
    if getattr(thread, flag) == value:
        raise Refused(f"The thread is already {'' if value else 'not '}{flag}.")
    setattr(thread, flag, value)
    record(actor, action, "thread", thread.id, thread_snapshot(thread), reason, subject_id=thread.author_id)


def lock_thread(actor, thread, reason=""):
    """Stop new replies. Refuses non-moderators and a locked thread."""
    _set_thread_flag(actor, thread, "lock_thread", "locked", True, reason)
    steps.tell_member(actor, thread.author_id, "thread_moderation", f"A moderator locked your thread “{thread.title}”: "
                      "it stays for everyone to read, but no new replies can be added.", reason, thread=thread)
    db.session.commit()


def unlock_thread(actor, thread, reason=""):
    _set_thread_flag(actor, thread, "unlock_thread", "locked", False, reason)
    steps.tell_member(actor, thread.author_id, "thread_moderation",
                      f"A moderator unlocked your thread “{thread.title}”: replies are open again.", reason, thread=thread)
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
    steps.tell_member(actor, thread.author_id, "thread_moderation",
                      f"A moderator moved your thread “{thread.title}” to {category.name}.", reason, thread=thread)
    db.session.commit()


def retitle_thread(actor, thread, title, reason):
    """Give a thread a new title (and the slug made from it), keeping the
    earlier title where only moderators read it: a title can expose what a
    hidden post no longer does, on every list that shows it.

    Refuses non-moderators, a moderator on an admin's thread, an empty,
    overlong or unchanged title, and a missing reason. Records the thread as
    it was, with the title it was given; tells the author why, unless they
    changed it themself.
    """
    require(actor, "retitle_thread", thread)
    title = (title or "").strip()
    if not title:
        raise Refused("Give the thread a title.", field="title")
    if len(title) > TITLE_MAX:
        raise Refused(f"Use at most {TITLE_MAX} characters for the title.", field="title")
    if title == thread.title:
        raise Refused("That is the title already: change it, or cancel.", field="title")
    steps.need_reason(reason, steps.REASON_FOR_THE_MEMBER)
    reason = reason.strip()
    snapshot = {**thread_snapshot(thread), "retitled_to": title}
    db.session.add(TitleRevision(thread_id=thread.id, title=thread.title, replaced_at=utcnow(), replaced_by_id=actor.id,
                                 reason=reason))
    thread.title, thread.slug = title, slugify(title)
    record(actor, "retitle_thread", "thread", thread.id, snapshot, reason, subject_id=thread.author_id)
    steps.tell_member(actor, thread.author_id, "thread_retitled",
                      f"A moderator changed the title of your thread to “{title}”.", reason, thread=thread)
    db.session.commit()
