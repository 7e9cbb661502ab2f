"""Reading the emails the forum sent: in the tests they are .eml files in
the app's outbox folder (MAIL_TRANSPORT=file), delivered at once because
jobs run in the caller's thread."""
import email
import email.policy
import re
import shutil
from pathlib import Path


def _outbox(app):
    return Path(app.config["MAIL_OUTBOX"])


def sent_emails(app, to=None):
    """Every email sent so far, oldest first, as EmailMessage objects; only
    those addressed to `to` when given."""
    folder = _outbox(app)
    if not folder.exists():
        return []
    messages = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in sorted(folder.glob("*.eml"))]
    if to is not None:
        messages = [m for m in messages if m["To"] == to]
    return messages


def last_email(app, to=None):
    messages = sent_emails(app, to)
    assert messages, f"no email was sent{' to ' + to if to else ''}"
    return messages[-1]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def links_in(message):
    """The forum links in the plain-text part, in order."""
    return re.findall(r"https?://\S+", text_of(message))


def path_of(link):
    """'http://forum.test/auth/confirm/abc' -> '/auth/confirm/abc', for the test client."""
    return re.sub(r"^https?://[^/]+", "", link)


def clear_outbox(app):
    shutil.rmtree(_outbox(app), ignore_errors=True)
