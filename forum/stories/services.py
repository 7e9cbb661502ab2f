"""The rules for stories: the verbs views call, each committing once. What
they are built from is in steps.py."""
from ..extensions import db
from ..threads.steps import open_thread
from . import counting, steps


def tell_story(actor, category, title, body, account, members_only=False):
    """Start a thread that tells a story; refuses what opening a thread and
    `attach_story` refuse, and saves neither unless both succeed."""
    steps.check_account(account)
    thread = open_thread(actor, category, title, body, members_only=members_only)
    story = steps.attach_story(actor, thread, account)
    db.session.commit()
    return story


def add_story(actor, thread, account):
    """Turn one of the actor's threads into a story."""
    story = steps.attach_story(actor, thread, account)
    db.session.commit()
    return story


def update_story(actor, story, account):
    """Record a new version of a story ("three months on")."""
    story = steps.update_story(actor, story, account)
    db.session.commit()
    return story


def withdraw_story(actor, story):
    """Take a story's account off its thread, out of every list and count."""
    story = steps.withdraw_story(actor, story)
    db.session.commit()
    return story


def recount_stories():
    """Rebuild every story count and tag from the stories themselves: after
    restoring a backup, or to check the kept counts (they should not move)."""
    before = counting.counts_now()
    counting.rebuild()
    after = counting.counts_now()
    db.session.commit()
    return before == after
