"""The rules for reacting to a post: the verbs views call, each committing
once. What they are built from is in steps.py."""
from ..errors import NotFound
from ..extensions import db
from ..notifications.steps import notify_grouped
from ..permissions import require
from .models import KINDS
from .steps import add_reaction, take_reaction

# What the post's author is told, by kind: one person by name, several counted.
TOLD = {
    "helpful": ("{name} found your {what} in “{title}” helpful.", "{n} people found your {what} in “{title}” helpful."),
    "me_too": ("{name} said “me too” to your {what} in “{title}”.", "{n} people said “me too” to your {what} in “{title}”."),
}


def _known(kind):
    if kind not in KINDS:
        raise NotFound("There is no such reaction.")


def react(actor, post, kind):
    """Add the actor's "Helpful" or "Me too" to `post`; True when it was
    added, False when it was there already (a double click, two tabs),
    which changes nothing and tells nobody.

    Refuses visitors, suspended members, their own post, and a post they
    may not read (hidden, deleted, or in a members-only thread). The post's
    count goes up in the same transaction, and its author is told, grouped
    with their unread notification of the same kind about the post ("3
    people found your reply helpful"); a deleted account is told nothing.
    """
    require(actor, "react", post)
    _known(kind)
    count = add_reaction(actor, post, kind)
    if count is not None:
        one, several = TOLD[kind]
        thread = post.thread
        what = "post" if post.id == thread.first_post_id else "reply"
        body = (one if count == 1 else several).format(name=actor.username, n=count, what=what, title=thread.title)
        notify_grouped(post.author_id, f"reaction_{kind}", body, post_id=post.id, thread_id=thread.id, actor_id=actor.id)
    db.session.commit()
    return count is not None


def unreact(actor, post, kind):
    """Take the actor's reaction back; True when there was one. Refuses
    whom `react` refuses. The count goes down with it; a notification
    already sent stays."""
    require(actor, "react", post)
    _known(kind)
    taken = take_reaction(actor, post, kind)
    db.session.commit()
    return taken is not None
