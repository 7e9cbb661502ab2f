"""The rules for threads and posts.

Counters (replies, posts per member and per category) are changed with
UPDATE ... SET n = n + 1 in the same transaction as the post, so two people
replying at once can't lose a count.
"""
import re
import unicodedata

from sqlalchemy import update

from .. import markup
from ..audit.services import post_snapshot, record
from ..accounts.models import User
from ..disclaimer.services import check_accepted
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import Category, Post, PostRevision, Thread


def slugify(title):
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].rstrip("-") or "thread"


def _count_post(author_id, category_id, delta=1):
    db.session.execute(update(User).where(User.id == author_id).values(post_count=User.post_count + delta))
    db.session.execute(update(Category).where(Category.id == category_id).values(post_count=Category.post_count + delta))


def start_thread(actor, category, title, body):
    """Open a thread with its first post. Refuses anyone who may not post,
    and a member who must first accept an updated disclaimer."""
    require(actor, "start_thread", category)
    check_accepted(actor)
    now = utcnow()
    thread = Thread(
        category_id=category.id, author_id=actor.id, title=title.strip(), slug=slugify(title),
        created_at=now, last_post_at=now, last_post_author_id=actor.id,
    )
    db.session.add(thread)
    db.session.flush()
    post = Post(thread_id=thread.id, author_id=actor.id, body=body, body_html=markup.render(body), created_at=now)
    db.session.add(post)
    db.session.flush()
    thread.last_post_id = post.id
    db.session.execute(update(Category).where(Category.id == category.id).values(thread_count=Category.thread_count + 1))
    _count_post(actor.id, category.id)
    db.session.commit()
    return thread


def why_no_reply(actor, thread):
    """The plain reason a person may not reply, for when `reply` refuses."""
    if getattr(actor, "is_authenticated", False) and actor.is_suspended:
        return "Your account is suspended, so you can't reply for now."
    if thread is not None and thread.locked:
        return "This thread is locked: no new replies."
    return "You can't reply to this thread."


def why_no_thread(actor):
    """The plain reason a person may not start a thread."""
    if getattr(actor, "is_authenticated", False) and actor.is_suspended:
        return "Your account is suspended, so you can't start a thread for now."
    return "You can't start a thread."


def reply(actor, thread, body):
    """Add a post to a thread. Refuses a locked thread, anyone who may not
    post, and a member who must first accept an updated disclaimer."""
    require(actor, "reply", thread, message=why_no_reply(actor, thread))
    check_accepted(actor)
    now = utcnow()
    post = Post(thread_id=thread.id, author_id=actor.id, body=body, body_html=markup.render(body), created_at=now)
    db.session.add(post)
    db.session.flush()
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread.id)
        .values(reply_count=Thread.reply_count + 1, last_post_at=now, last_post_id=post.id, last_post_author_id=actor.id)
    )
    _count_post(actor.id, thread.category_id)
    db.session.commit()
    return post


def edit_post(actor, post, body, reason=None):
    """Change a post's text, keeping the version it replaces.

    Refuses anyone but the author or a moderator, and a deleted post. A
    moderator editing someone else's post must give a reason, which readers
    see and the audit log records. An unchanged body records nothing.
    """
    require(actor, "edit_post", post)
    by_moderator = actor.id != post.author_id
    if by_moderator and not (reason or "").strip():
        raise Refused("Give a reason for editing someone else's post.", field="reason")
    if body == post.body:
        return post
    now = utcnow()
    if by_moderator:
        record(actor, "edit_post", "post", post.id, post_snapshot(post), reason, subject_id=post.author_id)
    db.session.add(PostRevision(
        post_id=post.id, body=post.body, body_html=post.body_html,
        written_at=post.edited_at or post.created_at, replaced_at=now, replaced_by_id=actor.id,
    ))
    post.body = body
    post.body_html = markup.render(body)
    post.edited_at = now
    post.edited_by_id = actor.id
    post.edit_reason = reason.strip() if by_moderator else None
    db.session.commit()
    return post


def delete_post(actor, post):
    """Delete one's own post. It keeps its place, marked as deleted by its
    author, so replies and page numbers stay where they were; the text is
    kept for moderators.
    """
    require(actor, "delete_post", post)
    post.deleted_at = utcnow()
    _count_post(post.author_id, post.thread.category_id, delta=-1)
    db.session.commit()
    return post
