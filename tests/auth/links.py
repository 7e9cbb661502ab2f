"""Emailed links in the tests: following one, and making one that is already old."""
import time
from contextlib import contextmanager

from itsdangerous import TimestampSigner

from tests.conftest import csrf_token_from
from tests.mail_helpers import last_email, links_in, path_of


def newest_link(app, to=None):
    """The path of the first forum link in the newest email (to `to`)."""
    return path_of(links_in(last_email(app, to))[0])


def press_button(client, path, data=None):
    """Open an emailed link's page and press its button (a POST with the page's token)."""
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **(data or {})})


@contextmanager
def clock_moved(monkeypatch, seconds):
    """Signed tokens made inside are stamped `seconds` from now (negative: in the past)."""
    real = time.time()
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(real + seconds))
    yield
    monkeypatch.undo()
