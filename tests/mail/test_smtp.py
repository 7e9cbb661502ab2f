"""Email reaches a real SMTP server on loopback, over plain SMTP, STARTTLS
and with a login; a server that refuses or hangs up leaves the email queued
for a retry, and whatever caused it is saved all the same."""
import email
import email.policy

import pytest
from huey.exceptions import RetryTask

from forum.extensions import db
from forum.mail.jobs import deliver_email
from forum.mail.services import BACKOFF
from forum.mail.models import FAILED, QUEUED, SENT, OutgoingEmail
from forum.mail.steps import queue_email
from forum.threads.models import Category

from .smtp_servers import Collecting, HangingUp, free_port, self_signed_certificate, server_tls_context, start_smtp


def smtp_app(app_with_config, port, security="none", **more):
    settings = {"MAIL_TIMEOUT": 5, **more}
    return app_with_config(MAIL_TRANSPORT="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_SECURITY=security, **settings)


def queue_with_a_change(subject="Welcome"):
    """A change (a new category) and its email, in one transaction."""
    db.session.add(Category(name="Hip pain", slug="hip-pain", description="", position=9))
    queued = queue_email("reader@example.org", "test", subject, "password_changed_test",
                         headers={"List-Unsubscribe": "<http://forum.test/u/x>"})
    db.session.commit()
    return queued.id


def test_an_email_reaches_a_plain_smtp_server_with_text_and_html(app_with_config, with_templates):
    handler = Collecting()
    server = start_smtp(handler)
    try:
        application = with_templates(smtp_app(app_with_config, server.port))
        with application.app_context():
            email_id = queue_with_a_change()
            assert db.session.get(OutgoingEmail, email_id).status == SENT
    finally:
        server.stop()
    (sender, recipients, content), = handler.messages
    assert recipients == ["reader@example.org"]
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert message["Subject"] == "Welcome"
    assert message["List-Unsubscribe"] == "<http://forum.test/u/x>"
    assert "Hello from http://forum.test." in message.get_body(("plain",)).get_content()
    assert "<a href='http://forum.test'>" in message.get_body(("html",)).get_content()


def test_starttls_with_a_login(app_with_config, with_templates, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    handler = Collecting()
    server = start_smtp(handler, tls_context=server_tls_context(cert, key), login=("forum", "s3cret"))
    try:
        application = with_templates(smtp_app(app_with_config, server.port, "starttls", MAIL_CA_FILE=str(cert),
                                              MAIL_USERNAME="forum", MAIL_PASSWORD="s3cret"))
        with application.app_context():
            email_id = queue_with_a_change()
            assert db.session.get(OutgoingEmail, email_id).status == SENT
    finally:
        server.stop()
    assert len(handler.messages) == 1


def test_a_wrong_login_is_a_failure_to_retry(app_with_config, with_templates, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    handler = Collecting()
    server = start_smtp(handler, tls_context=server_tls_context(cert, key), login=("forum", "s3cret"))
    try:
        application = with_templates(smtp_app(app_with_config, server.port, "starttls", MAIL_CA_FILE=str(cert),
                                              MAIL_USERNAME="forum", MAIL_PASSWORD="wrong", MAIL_TIMEOUT=1))
        with application.app_context():
            sent = db.session.get(OutgoingEmail, queue_with_a_change())
            assert (sent.status, sent.attempts) == (QUEUED, 1)
            # The server answers a wrong login slowly, on purpose: either way, nothing went.
            assert "SMTPAuthenticationError" in sent.last_error or "SMTPServerDisconnected" in sent.last_error
    finally:
        server.stop()
    assert handler.messages == []


def test_an_untrusted_certificate_is_not_used(app_with_config, with_templates, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    server = start_smtp(Collecting(), tls_context=server_tls_context(cert, key))
    try:
        application = with_templates(smtp_app(app_with_config, server.port, "starttls"))
        with application.app_context():
            sent = db.session.get(OutgoingEmail, queue_with_a_change())
            assert sent.status == QUEUED and "SSL" in sent.last_error
    finally:
        server.stop()


@pytest.mark.parametrize("failing", ["refuses", "hangs up", "is not there"])
def test_a_failing_server_leaves_the_change_saved_and_the_email_queued_for_later(app_with_config, with_templates, failing):
    stop = lambda: None  # noqa: E731
    if failing == "refuses":
        server = start_smtp(Collecting(refuse="554 5.7.1 Message refused"))
        port, stop = server.port, server.stop
    elif failing == "hangs up":
        server = HangingUp()
        port, stop = server.port, server.stop
    else:
        port = free_port()
    try:
        application = with_templates(smtp_app(app_with_config, port))
        with application.app_context():
            email_id = queue_with_a_change()
            assert db.session.query(Category).filter_by(slug="hip-pain").count() == 1
            sent = db.session.get(OutgoingEmail, email_id)
            assert (sent.status, sent.attempts, sent.sent_at) == (QUEUED, 1, None)
            assert sent.last_error
            wait = (sent.next_attempt_at - sent.created_at).total_seconds()
            assert BACKOFF[0] - 5 <= wait <= BACKOFF[0] + 5
    finally:
        stop()


def test_retries_back_off_then_give_up(app_with_config, with_templates):
    application = with_templates(smtp_app(app_with_config, free_port()))
    with application.app_context():
        email_id = queue_with_a_change()
        delays = []
        for _ in range(len(BACKOFF) - 1):
            db.session.execute(db.update(OutgoingEmail).values(status=QUEUED))
            db.session.commit()
            with pytest.raises(RetryTask) as retry:
                deliver_email.call_local(email_id)
            delays.append(retry.value.delay)
        assert delays == list(BACKOFF[1:])
        assert delays == sorted(delays), "each wait is longer than the last"
        deliver_email.call_local(email_id)
        db.session.expire_all()
        sent = db.session.get(OutgoingEmail, email_id)
        assert (sent.status, sent.attempts) == (FAILED, len(BACKOFF) + 1)


def test_a_retry_succeeds_once_the_server_is_back(app_with_config, with_templates):
    port = free_port()
    application = with_templates(smtp_app(app_with_config, port))
    with application.app_context():
        email_id = queue_with_a_change()
        handler = Collecting()
        server = Controller_on(handler, port)
        try:
            deliver_email.call_local(email_id)
        finally:
            server.stop()
        db.session.expire_all()
        sent = db.session.get(OutgoingEmail, email_id)
        assert (sent.status, sent.attempts) == (SENT, 2)
        assert len(handler.messages) == 1


def Controller_on(handler, port):  # noqa: N802 (reads as what it makes)
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller
