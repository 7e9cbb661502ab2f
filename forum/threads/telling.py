"""Who is told about a new post, and how: each member once, by the most
particular reason that applies (a practitioner answered your question, you
were mentioned, you were quoted), and the thread's other followers that
there is a new reply."""
from sqlalchemy import select

from ..extensions import db
from ..following.steps import follow_automatically, remember_read, tell_category_followers, tell_thread_followers
from ..notifications.steps import notify
from ..permissions import can
from ..transactions import step
from .mentions import quoted_post_ids
from .models import Post, Thread


@step
def tell_about_post(actor, thread, post, mentioned, answers=False, opening=False):
    """`mentioned`: the members the post's text links (name -> User);
    `answers`: a verified practitioner answering someone's question;
    `opening`: the post opens a new thread."""
    told = {actor.id}
    about = dict(thread_id=thread.id, post_id=post.id, actor_id=actor.id)
    if answers:
        notify(thread.author_id, "practitioner_answer", f"{actor.username}, a verified practitioner, answered “{thread.title}”.", **about)
        told.add(thread.author_id)
    for member in mentioned.values():
        # A mention never tells anyone about a thread they may not read.
        if member.id not in told and not member.banned and can(member, "read_thread", thread):
            notify(member.id, "mention", f"{actor.username} mentioned you in “{thread.title}”.", **about)
            told.add(member.id)
    for author_id in _quoted_authors(post.body, thread.id):
        if author_id not in told:
            notify(author_id, "quote", f"{actor.username} quoted your post in “{thread.title}”.", **about)
            told.add(author_id)
    if opening:
        tell_category_followers(thread, post, actor)
    else:
        tell_thread_followers(thread, post, actor, leave_out=told - {actor.id})
    follow_automatically(actor, thread.id)
    # Its writer has seen the thread up to their post.
    remember_read(actor.id, thread.id, select(Thread.reply_count + 1).where(Thread.id == thread.id).scalar_subquery(), post.id)


def _quoted_authors(body, thread_id):
    """Authors of the shown posts of this thread that `body` quotes."""
    ids = quoted_post_ids(body)
    if not ids:
        return []
    return db.session.scalars(
        select(Post.author_id).where(Post.id.in_(ids), Post.thread_id == thread_id, Post.deleted_at.is_(None),
                                     Post.hidden_at.is_(None)).distinct()
    ).all()
