"""The one Huey instance, and how the forum's jobs are declared and sent."""
import logging
import os
from contextlib import nullcontext, suppress
from functools import wraps
from pathlib import Path

from flask import has_app_context
from huey import MemoryHuey, RedisHuey, SqliteHuey
from huey.exceptions import RetryTask

from ..extensions import db
from ..transactions import after_commit

log = logging.getLogger(__name__)
INSTANCE = Path(__file__).resolve().parents[2] / "instance"


def build_queue(setting):
    setting = (setting or "").strip()
    if setting == "immediate":
        return MemoryHuey("forum", immediate=True)
    if setting.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("forum", url=setting)
    if setting.startswith("sqlite:///"):
        path = Path(setting[len("sqlite:///"):])
    elif setting:
        raise ValueError("FORUM_JOBS must be empty (a SQLite file under instance/), sqlite:///<path>, redis://<host> or immediate.")
    else:
        path = INSTANCE / "jobs.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("forum", filename=str(path))


huey = build_queue(os.environ.get("FORUM_JOBS"))

# The app whose context jobs run in when they run on a worker's thread.
_apps = []


def use_app(app):
    _apps.append(app)


def _app_context():
    if has_app_context():
        return nullcontext()
    if not _apps:
        raise RuntimeError("Jobs run in an app: start the worker with `flask jobs run`.")
    return _apps[-1].app_context()


def _named(function):
    return f"{function.__module__}.{function.__name__}"


def _in_app(function):
    @wraps(function)
    def run(*args, **kwargs):
        with _app_context():
            return function(*args, **kwargs)

    return run


def job(**settings):
    """Declare a job: calling it later through `send` runs it on a worker,
    in an app context, with its own database session."""
    return lambda function: huey.task(name=_named(function), **settings)(_in_app(function))


def periodic(schedule):
    """Declare a job the worker runs on `schedule` (a huey.crontab)."""
    return lambda function: huey.periodic_task(schedule, name=_named(function))(_in_app(function))


def send(task, *args):
    """Queue `task(*args)` once the current transaction is committed, and
    not at all if it is rolled back: a job never sees a change that was not
    saved, and what the member did never waits for a job."""
    after_commit(db.session, lambda: dispatch(task, *args))


def dispatch(task, *args):
    if huey.immediate:
        # In the caller's thread, so a failing job fails its test loudly. A
        # job asking to be retried later is left for a test to retry.
        with suppress(RetryTask):
            task.call_local(*args)
        return
    try:
        task(*args)
    except Exception:
        # The change is saved whatever happens here; emails are sent again
        # from their table by mail.jobs.send_waiting_emails.
        log.exception("Could not queue job %s%r", task.name, args)
