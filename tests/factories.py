"""Builders for test data, with keyword options for what a test cares about."""
import itertools

from forum.auth.services import register
from forum.categories.models import Category
from forum.extensions import db
from forum.threads import services as thread_services

PASSWORD = "a long enough test password"
_seq = itertools.count(1)


def make_member(username=None, email=None, role="member", password=PASSWORD):
    n = next(_seq)
    username = username or f"member{n}"
    user = register(username, email or f"{username}@example.org", password, accepted_terms=True)
    if role != "member":
        user.role = role
        db.session.commit()
    return user


def make_category(name=None, slug=None):
    n = next(_seq)
    category = Category(slug=slug or f"category-{n}", name=name or f"Category {n}", description="A place to talk.", position=n)
    db.session.add(category)
    db.session.commit()
    return category


def make_thread(author=None, category=None, title=None, body="How did your pain start?", replies=0, locked=False, pinned=False, reply_author=None):
    author = author or make_member()
    category = category or make_category()
    thread = thread_services.start_thread(author, category, title or f"Thread number {next(_seq)}", body)
    for i in range(replies):
        thread_services.reply(reply_author or author, thread, f"Reply {i + 1}: stretching helped a little.")
    if locked or pinned:
        thread.locked = locked
        thread.pinned = pinned
        db.session.commit()
    return thread


def make_post(thread, author=None, body="Same here: sitting makes it worse."):
    return thread_services.reply(author or thread.author, thread, body)
