"""Where a transaction ends.

A verb, the service a view calls, checks, changes and commits once, at its
end. The building blocks verbs are made of live in each domain's `steps.py`
and are marked `@step`: they add to the caller's transaction and never
commit, so one verb can combine several (a thread, its first post and a
story; a hidden post, its audit entry and the reporters' notifications)
into one change that is saved whole or not at all.

A commit attempted while a step runs is refused with CommitInsideStep, and
so is a rollback (it would quietly throw away what the verb had done so
far), so a building block that starts ending transactions fails the first
test that uses it instead of splitting some bigger verb in two. Releasing
or rolling back a savepoint is allowed. On SQLite, Python's driver lets a
savepoint opened before the transaction's first write start the
transaction itself, and releasing it then commits: a step that needs a
savepoint should write something first.
"""
from contextvars import ContextVar
from functools import wraps

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import Session

_running_step = ContextVar("running_step", default=None)


class CommitInsideStep(RuntimeError):
    """A building block tried to end its caller's transaction (by a commit
    or a rollback)."""


def step(function):
    """Mark `function` as a building block: it may flush, never commit."""

    @wraps(function)
    def run(*args, **kwargs):
        token = _running_step.set(function.__qualname__)
        try:
            return function(*args, **kwargs)
        finally:
            _running_step.reset(token)

    run.is_step = True
    return run


@event.listens_for(Session, "before_commit")
def _refuse_a_commit_inside_a_step(session):
    name = _running_step.get()
    # Releasing a savepoint is allowed: it ends no transaction.
    if name is not None and not session.in_nested_transaction():
        raise CommitInsideStep(f"{name} is a building block: it must leave the commit to the verb that calls it.")


@event.listens_for(Session, "after_soft_rollback")
def _refuse_a_rollback_inside_a_step(session, previous_transaction):
    # There is no event before a rollback: this one tells, loudly, after it.
    name = _running_step.get()
    if name is not None and not previous_transaction.nested:
        raise CommitInsideStep(f"{name} is a building block: it rolled back its caller's transaction.")


class ForumSession(FlaskSession):
    """The forum's database session: what `after_commit` was asked to do runs
    once the transaction is saved, and is forgotten if it is rolled back.
    Jobs are handed to the queue this way, so a job never sees a change that
    was not committed, and a change never waits for a job."""

    def commit(self):
        super().commit()
        for call in self.info.pop("after_commit", ()):
            call()


def after_commit(session, call):
    """Run `call()` once `session`'s transaction is committed."""
    session.info.setdefault("after_commit", []).append(call)


@event.listens_for(Session, "after_soft_rollback")
def _forget_what_was_to_follow_a_commit(session, previous_transaction):
    if not previous_transaction.nested:
        session.info.pop("after_commit", None)
