"""The safety checks' way into the queue.

A post saved with signs of a possible emergency (`red_flag`) or a possible
risk of self-harm (`crisis`) in `Post.signals` opens a queue item at the top,
or raises the post's open item there, in the same flush as the post. It is
done here, as the post is saved, rather than by each verb that writes posts:
threads, replies, stories and edits are written in packages the queue
depends on, and no way of writing a post can forget it. The post itself is
never held or hidden: moderators read it and decide.
"""
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..threads.models import Post
from ..timeutil import utcnow
from .models import ReportCase
from .report_services import URGENT_WEIGHT

# Most pressing first, when a post shows both.
QUEUE_SIGNALS = ("crisis", "red_flag")


def queue_signal(signals):
    """The signal a queue item is marked with, from a post's `signals`."""
    found = set(signals.split(",")) if signals else set()
    return next((signal for signal in QUEUE_SIGNALS if signal in found), None)


@event.listens_for(Session, "before_flush")
def _open_flagged_items(session, flush_context, instances):
    for post in [*session.new, *session.dirty]:
        if isinstance(post, Post) and (signal := _newly_flagged(post)):
            with session.no_autoflush:
                _flag(session, post, signal)


def _newly_flagged(post):
    """The queue signal a post brings to the moderators now, or None.

    A new post brings its own. An edit brings one the post didn't carry
    before, or, when its author rewrote it, one it still carries (someone
    whose item was closed may have written something worse). A moderator
    taking details out of a post they already dealt with brings nothing.
    """
    signal = queue_signal(post.signals)
    if signal is None or post.id is None:
        return signal
    state = inspect(post).attrs
    before = state.signals.history.deleted
    if before and signal != queue_signal(before[0]):
        return signal
    rewritten = state.body.history.has_changes() and post.edited_by_id == post.author_id
    return signal if rewritten else None


def _flag(session, post, signal):
    case = None
    if post.id is not None:
        case = session.scalar(select(ReportCase).where(ReportCase.open_post_id == post.id))
    if case is None:
        case = ReportCase(post=post, status="open", reporter_count=0, opened_at=utcnow())
        session.add(case)
    case.urgent = 1
    case.signal = signal
    case.queue_rank = -(URGENT_WEIGHT + (case.reporter_count or 0))


@event.listens_for(ReportCase, "before_insert")
def _hold_the_open_slot(mapper, connection, case):
    # A flagged new post has no id until it is inserted, just before its
    # item is: the item takes the post's open slot here.
    if case.status == "open" and case.open_post_id is None:
        case.open_post_id = case.post_id
