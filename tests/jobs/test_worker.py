"""The queue as production runs it: a change made by one process is picked
up by a worker started with `flask jobs run`, through Redis (several app
hosts) or the SQLite file (the embedded default)."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from forum.extensions import db
from forum.mail.models import SENT, OutgoingEmail
from tests.mail_helpers import sent_emails

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/14"

# What an app host does: write a change and its email, then commit, which
# hands the delivery job to the queue.
PRODUCER = """
from forum import create_app
from forum.extensions import db
from forum.jobs.queue import send
from forum.mail.jobs import deliver_email
from forum.mail.models import OutgoingEmail

app = create_app()
with app.app_context():
    email = OutgoingEmail(to_address="reader@example.org", kind="test", subject="Through the queue",
                          text_body="Sent by a worker.", html_body="<p>Sent by a worker.</p>")
    db.session.add(email)
    db.session.flush()
    send(deliver_email, email.id)
    db.session.commit()
"""


def _redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _environment(app, queue):
    env = dict(os.environ)
    env.update(FORUM_JOBS=queue, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="worker-test-key",
               MAIL_TRANSPORT="file", MAIL_OUTBOX=app.config["MAIL_OUTBOX"], FLASK_APP="wsgi",
               FORUM_URL="http://forum.test")
    return env


def _wait_until_sent(app, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with app.app_context():
            email = db.session.query(OutgoingEmail).one_or_none()
            if email is not None and email.status == SENT:
                return email
            db.session.remove()
        time.sleep(0.2)
    raise AssertionError("the worker did not send the email in time")


@pytest.fixture(params=["redis", "sqlite"])
def queue(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jobs.db'}"
        return
    if not _redis_answers():
        (pytest.fail if os.environ.get("CI") else pytest.skip)("Redis is not answering on 127.0.0.1:6379")
    redis.Redis.from_url(REDIS_URL).flushdb()
    yield REDIS_URL
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_a_job_queued_by_an_app_host_is_run_by_the_worker(app, queue):
    env = _environment(app, queue)
    subprocess.run([sys.executable, "-c", PRODUCER], env=env, cwd=ROOT, check=True, timeout=60)
    with app.app_context():
        assert db.session.query(OutgoingEmail).one().status == "queued", "the app host only queued it"
    worker = subprocess.Popen([str(Path(sys.executable).parent / "flask"), "jobs", "run", "--workers", "1"],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        email = _wait_until_sent(app)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode()
    assert email.attempts == 1
    message, = sent_emails(app)
    assert message["Subject"] == "Through the queue"
    assert "Running jobs from" in output
