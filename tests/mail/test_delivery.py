"""An email is written in the transaction that causes it, delivered after
the commit, never twice, and picked up again if the queue lost it."""
from datetime import timedelta
from pathlib import Path

import pytest

from forum.extensions import db
from forum.mail.jobs import deliver_email, send_waiting_emails
from forum.mail.models import QUEUED, SENDING, SENT, OutgoingEmail
from forum.mail.steps import queue_email
from forum.threads.models import Category
from forum.timeutil import utcnow
from tests.mail_helpers import html_of, sent_emails, text_of


@pytest.fixture
def ready(app, with_templates):
    with_templates(app)
    return app


def _queue():
    return queue_email("reader@example.org", "test", "Hello", "password_changed_test").id


def test_the_email_goes_out_after_the_commit_as_an_eml_file_with_both_parts(ready):
    with ready.app_context():
        email_id = _queue()
        assert sent_emails(ready) == [], "nothing leaves before the change is saved"
        db.session.commit()
        assert db.session.get(OutgoingEmail, email_id).status == SENT
    message, = sent_emails(ready)
    assert message["To"] == "reader@example.org"
    assert message["Auto-Submitted"] == "auto-generated"
    assert text_of(message).startswith("Hello from http://forum.test")
    assert "<a href='http://forum.test'>" in html_of(message)


def test_a_rolled_back_change_sends_nothing(ready):
    with ready.app_context():
        db.session.add(Category(name="Hip pain", slug="hip-pain", description="", position=9))
        _queue()
        db.session.rollback()
        db.session.add(Category(name="Knees", slug="knees", description="", position=10))
        db.session.commit()
        assert db.session.query(OutgoingEmail).count() == 0
    assert sent_emails(ready) == []


def test_an_email_sent_or_being_sent_is_left_alone(ready):
    with ready.app_context():
        email_id = _queue()
        db.session.commit()
        deliver_email.call_local(email_id)
        db.session.execute(db.update(OutgoingEmail).values(status=SENDING, claimed_at=utcnow()))
        db.session.commit()
        deliver_email.call_local(email_id)
        assert db.session.get(OutgoingEmail, email_id).attempts == 1
    assert len(sent_emails(ready)) == 1


def test_emails_the_queue_lost_are_sent_by_the_sweep(ready):
    with ready.app_context():
        email_id = _queue()
        db.session.commit()
        long_ago = utcnow() - timedelta(hours=1)
        # One the queue never ran, one a dead worker claimed, one just due.
        db.session.execute(db.update(OutgoingEmail).values(status=QUEUED, next_attempt_at=long_ago, sent_at=None))
        claimed = OutgoingEmail(to_address="b@example.org", kind="test", subject="S", text_body="t", html_body="h",
                                status=SENDING, claimed_at=long_ago, next_attempt_at=long_ago)
        fresh = OutgoingEmail(to_address="c@example.org", kind="test", subject="S", text_body="t", html_body="h",
                              status=QUEUED, next_attempt_at=utcnow())
        db.session.add_all([claimed, fresh])
        db.session.commit()
        assert send_waiting_emails.call_local() == 2
        db.session.expire_all()
        assert db.session.get(OutgoingEmail, email_id).status == SENT
        assert db.session.get(OutgoingEmail, claimed.id).status == SENT
        assert db.session.get(OutgoingEmail, fresh.id).status == QUEUED, "its own job is still coming"
    assert sorted(m["To"] for m in sent_emails(ready)) == ["b@example.org", "reader@example.org", "reader@example.org"]


def test_in_the_outbox_folder_a_link_can_be_copied_from_the_raw_file(ready):
    long_link = "http://forum.test/auth/confirm/" + "x" * 120
    with ready.app_context():
        queue_email("reader@example.org", "test", "Hello", "password_changed_test", link=long_link)
        db.session.commit()
    raw, = [path.read_text() for path in Path(ready.config["MAIL_OUTBOX"]).glob("*.eml")]
    assert long_link in raw, "not folded or encoded: copied whole from a text editor"
