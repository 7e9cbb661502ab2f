"""Who is told about a new post, and how: each member once, by the most
particular reason that applies (a practitioner answered your question, you
were mentioned, you were quoted), and the thread's other followers that
there is a new reply.

The writer's side (they follow the thread and have read it up to their
post) happens as they post. Telling everyone else is a job sent from the
posting transaction: it runs once the post is saved (never for a post that
was rolled back), so a reply in a thread with many followers is not slowed
by them, and it is what emails those who asked for it.
"""
from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..following.steps import follow_automatically, remember_read, tell_category_followers, tell_thread_followers
from ..jobs.queue import send
from ..notifications.models import Notification
from ..notifications.steps import add_notification
from ..permissions import can
from ..transactions import step
from .mentions import quoted_post_ids
from .models import Post, Thread

# The kinds of notification a new post makes: finding one about the post
# means its readers were already told (a job that ran twice).
POST_KINDS = ("practitioner_answer", "mention", "quote", "reply", "new_thread")


@step
def tell_about_post(actor, thread, post, mentioned, answers=False, opening=False):
    """`mentioned`: the members the post's text links (name -> User);
    `answers`: a verified practitioner answering someone's question;
    `opening`: the post opens a new thread."""
    from .jobs import tell_readers

    follow_automatically(actor, thread.id)
    # Its writer has seen the thread up to their post.
    remember_read(actor.id, thread.id, select(Thread.reply_count + 1).where(Thread.id == thread.id).scalar_subquery(), post.id)
    send(tell_readers, post.id, [member.id for member in mentioned.values()], answers, opening)


def already_told(post_id):
    return db.session.scalar(
        select(Notification.id).where(Notification.post_id == post_id, Notification.kind.in_(POST_KINDS)).limit(1)
    ) is not None


@step
def tell_others(actor, thread, post, mentioned_ids, answers=False, opening=False):
    """Make the notifications about a new post (the emails are the caller's):
    the asker of the question a practitioner answered, the members
    mentioned who may read the thread, the quoted authors, then the
    thread's (or, for a new thread, the category's) followers."""
    told = {actor.id}
    about = dict(thread_id=thread.id, post_id=post.id, actor_id=actor.id)
    if answers:
        add_notification(thread.author_id, "practitioner_answer",
                         f"{actor.username}, a verified practitioner, answered “{thread.title}”.", **about)
        told.add(thread.author_id)
    for member in _members(mentioned_ids):
        # A mention never tells anyone about a thread they may not read.
        if member.id not in told and not member.banned and can(member, "read_thread", thread):
            add_notification(member.id, "mention", f"{actor.username} mentioned you in “{thread.title}”.", **about)
            told.add(member.id)
    for author_id in _quoted_authors(post.body, thread.id):
        if author_id not in told:
            add_notification(author_id, "quote", f"{actor.username} quoted your post in “{thread.title}”.", **about)
            told.add(author_id)
    if opening:
        tell_category_followers(thread, post, actor)
    else:
        tell_thread_followers(thread, post, actor, leave_out=told - {actor.id})


def _members(ids):
    """The members of `ids`, in that order (the order they were mentioned)."""
    if not ids:
        return []
    found = {member.id: member for member in db.session.scalars(select(User).where(User.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def _quoted_authors(body, thread_id):
    """Authors of the shown posts of this thread that `body` quotes."""
    ids = quoted_post_ids(body)
    if not ids:
        return []
    return db.session.scalars(
        select(Post.author_id).where(Post.id.in_(ids), Post.thread_id == thread_id, Post.deleted_at.is_(None),
                                     Post.hidden_at.is_(None)).distinct()
    ).all()
