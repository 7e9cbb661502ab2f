"""Telling a new post's readers: the verb the fan-out job runs once the
post is saved."""
from ..accounts.models import User
from ..extensions import db
from ..notifications.emailing import email_at_once
from ..notifications.models import Notification
from ..timeutil import utcnow
from .models import Post, Thread
from .telling import already_told, tell_others


def tell_readers(post_id, mentioned_ids, answers=False, opening=False):
    """Notify (and email, as each asked) those a new post concerns. Does
    nothing for a post hidden or deleted before the job ran, and nothing
    the second time for the same post (a job run twice). Returns whether
    anyone was told."""
    post = db.session.get(Post, post_id)
    if post is None or not post.is_shown or already_told(post.id):
        return False
    thread = db.session.get(Thread, post.thread_id)
    actor = db.session.get(User, post.author_id)
    started = utcnow()
    tell_others(actor, thread, post, mentioned_ids, answers=answers, opening=opening)
    # What this made or counted up: a grouped reply already emailed is not again.
    email_at_once(Notification.thread_id == thread.id, Notification.updated_at >= started)
    db.session.commit()
    return True
