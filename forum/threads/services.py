"""The rules for threads and posts: the verbs views call, each committing
once. What they are built from is in steps.py."""
from ..audit.snapshots import post_snapshot, thread_snapshot
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..notifications.steps import notify
from ..permissions import require
from ..safety.steps import mark_post
from ..timeutil import utcnow
from .mentions import render_post
from .models import PostRevision
from .steps import add_reply, count_post, open_thread


def start_thread(actor, category, title, body, members_only=False):
    """Open a thread with its first post; refuses what `open_thread` refuses."""
    thread = open_thread(actor, category, title, body, members_only=members_only)
    db.session.commit()
    return thread


def reply(actor, thread, body):
    """Add a post to a thread; refuses what `add_reply` refuses."""
    post = add_reply(actor, thread, body)
    db.session.commit()
    return post


def edit_post(actor, post, body, reason=None):
    """Change a post's text, keeping the version it replaces.

    Refuses anyone but the author or a moderator, and a deleted post. A
    moderator editing someone else's post must give a reason, which readers
    see, the audit log records and the author is told. An unchanged body
    records nothing.
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
        notify(post.author_id, "moderation", f"A moderator edited your post in “{post.thread.title}”. Readers see that a moderator "
               f"edited it, and why. Reason: {reason.strip()}", thread_id=post.thread_id, post_id=post.id)
    db.session.add(PostRevision(
        post_id=post.id, body=post.body, body_html=post.body_html,
        written_at=post.edited_at or post.created_at, replaced_at=now, replaced_by_id=actor.id,
    ))
    title = [post.thread.title] if post.id == post.thread.first_post_id else []
    # Who edited is set with the text, never after it: the queue reads both
    # when the post is saved (moderation.flags).
    post.edited_at = now
    post.edited_by_id = actor.id
    post.edit_reason = reason.strip() if by_moderator else None
    post.body = body
    post.body_html = render_post(body)
    mark_post(post, *title)
    db.session.commit()
    return post


def delete_post(actor, post):
    """Delete one's own post. It keeps its place, marked as deleted by its
    author, so replies and page numbers stay where they were; the text is
    kept for moderators.
    """
    require(actor, "delete_post", post)
    post.deleted_at = utcnow()
    count_post(post.author_id, post.thread.category_id, delta=-1)
    db.session.commit()
    return post


def mark_helpful(actor, post):
    """The thread's author marks the reply that helped them; it is shown
    under their first post. Marking another reply moves the mark. Refuses
    anyone but the thread's author, their own posts and the first post, and
    a deleted or hidden reply. The reply's author is told."""
    require(actor, "mark_helpful", post)
    thread = post.thread
    if thread.helpful_post_id == post.id:
        return thread
    thread.helpful_post_id = post.id
    notify(post.author_id, "helpful",
           f"{actor.username} marked your reply in “{thread.title}” as what helped them.")
    db.session.commit()
    return thread


def unmark_helpful(actor, thread):
    """Take the "this helped me" mark off. Refuses anyone but the thread's author."""
    require(actor, "unmark_helpful", thread)
    thread.helpful_post_id = None
    db.session.commit()
    return thread


def set_members_only(actor, thread, members_only):
    """Keep a thread for members (visitors and search engines see only its
    title), or open it to everyone again. Refuses anyone but its author and
    the moderators, and a suspended author. A moderator changing someone
    else's thread is audited and the author told; asking for what is already
    so records nothing."""
    require(actor, "set_members_only", thread)
    if thread.members_only == members_only:
        return thread
    thread.members_only = members_only
    if actor.id != thread.author_id:
        record(actor, "set_members_only", "thread", thread.id, {**thread_snapshot(thread), "members_only": members_only},
               subject_id=thread.author_id)
        # Who may read their words is the author's business: they are told.
        said = "for members only: visitors see only its title" if members_only else "open to everyone, visitors included"
        notify(thread.author_id, "thread_access", f"A moderator made your thread “{thread.title}” {said}.")
    db.session.commit()
    return thread
