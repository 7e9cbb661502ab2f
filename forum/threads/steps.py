"""Building blocks for threads and posts: opening a thread, adding a post.

Each checks its own rules (permission, an accepted disclaimer), so a bigger
verb built from them can't forget one, and leaves the commit to that verb.
Counters (replies, posts per member and per category) are changed with
UPDATE ... SET n = n + 1 in the same transaction as the post, so two people
posting at once can't lose a count.
"""
from sqlalchemy import func, update

from ..accounts.models import User
from ..disclaimer.steps import check_accepted
from ..extensions import db
from ..permissions import require
from ..practitioners.queries import has_badge
from ..safety.steps import mark_post
from ..timeutil import utcnow
from ..transactions import step
from .mentions import render_post
from .models import Category, Post, Thread
from .slugs import slugify
from .telling import tell_about_post

@step
def count_post(author_id, category_id, delta=1):
    """Add `delta` to the author's and the category's post counts."""
    db.session.execute(update(User).where(User.id == author_id).values(post_count=User.post_count + delta))
    db.session.execute(update(Category).where(Category.id == category_id).values(post_count=Category.post_count + delta))


@step
def open_thread(actor, category, title, body, members_only=False):
    """A new thread with its first post. Refuses anyone who may not start a
    thread, and a member who must first accept an updated disclaimer."""
    require(actor, "start_thread", category)
    check_accepted(actor)
    now = utcnow()
    thread = Thread(
        category_id=category.id, author_id=actor.id, title=title.strip(), slug=slugify(title),
        created_at=now, last_post_at=now, last_post_author_id=actor.id, members_only=members_only,
    )
    db.session.add(thread)
    db.session.flush()
    mentioned = {}
    post = Post(thread_id=thread.id, author_id=actor.id, body=body, body_html=render_post(body, mentioned), created_at=now)
    mark_post(post, thread.title)
    db.session.add(post)
    db.session.flush()
    thread.last_post_id = post.id
    thread.first_post_id = post.id
    db.session.execute(update(Category).where(Category.id == category.id).values(thread_count=Category.thread_count + 1))
    count_post(actor.id, category.id)
    tell_about_post(actor, thread, post, mentioned, opening=True)
    return thread


@step
def add_reply(actor, thread, body):
    """A new post at the end of a thread. Refuses a locked thread, anyone
    who may not post, and a member who must first accept an updated disclaimer.
    A verified practitioner's first reply takes the thread off the list of
    questions waiting for one."""
    require(actor, "reply", thread)
    check_accepted(actor)
    now = utcnow()
    mentioned = {}
    post = Post(thread_id=thread.id, author_id=actor.id, body=body, body_html=render_post(body, mentioned), created_at=now)
    mark_post(post)
    db.session.add(post)
    db.session.flush()
    # A practitioner's reply to their own question answers nobody.
    answers = actor.id != thread.author_id and has_badge(actor.id)
    answered = {"practitioner_answered_at": func.coalesce(Thread.practitioner_answered_at, now)} if answers else {}
    db.session.execute(
        update(Thread)
        .where(Thread.id == thread.id)
        .values(reply_count=Thread.reply_count + 1, last_post_at=now, last_post_id=post.id, last_post_author_id=actor.id,
                **answered)
    )
    count_post(actor.id, thread.category_id)
    tell_about_post(actor, thread, post, mentioned, answers=answers)
    return post
