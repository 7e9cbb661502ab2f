"""Following threads and categories: the verbs members use."""
from sqlalchemy import delete

from ..database import upsert
from ..extensions import db
from ..notifications.steps import read_notifications_about
from ..permissions import require
from ..timeutil import utcnow
from .models import CategoryFollow, ThreadFollow
from .steps import remember_read


def follow_thread(actor, thread, following=True):
    """Follow a thread, or stop following it. Stopping is remembered, so
    replying in it again does not follow it back."""
    require(actor, "follow_thread", thread)
    upsert(db.session, ThreadFollow,
           dict(member_id=actor.id, thread_id=thread.id, following=following, created_at=utcnow()),
           ["member_id", "thread_id"], update=lambda offered: {"following": offered.following})
    db.session.commit()


def follow_category(actor, category, following=True):
    """Be told of every new thread in a category, or stop."""
    require(actor, "follow_category", category)
    if following:
        upsert(db.session, CategoryFollow, dict(member_id=actor.id, category_id=category.id, created_at=utcnow()),
               ["member_id", "category_id"])
    else:
        db.session.execute(delete(CategoryFollow).where(CategoryFollow.member_id == actor.id,
                                                        CategoryFollow.category_id == category.id))
    db.session.commit()


def change_following_settings(actor, member, follow_own_threads):
    """Whether the member follows the threads they start or reply to from now on."""
    require(actor, "edit_profile", member)
    member.follow_own_threads = bool(follow_own_threads)
    db.session.commit()


def mark_thread_read(member, thread, read_count, last_post_id, read_before=None, unread_here=True):
    """Remember that `member` has been shown the thread's first `read_count`
    posts, the newest `last_post_id`, and mark read their notifications
    about those posts. Only moves forward: reading page 1 again after the
    last page forgets nothing. Told what they had read before
    (`read_before`) and that they have no unread notifications about the
    thread, a page already read writes nothing."""
    moved_on = read_before is None or read_count > read_before
    if moved_on:
        remember_read(member.id, thread.id, read_count, last_post_id)
    if unread_here:
        read_notifications_about(member, thread.id, last_post_id)
    if moved_on or unread_here:
        db.session.commit()

