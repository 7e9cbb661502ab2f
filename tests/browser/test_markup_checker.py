"""The markup check every browser test gets (see conftest.py): the collector
keeps the HTML documents a server sends, compressed or not and whatever
their status, and the Nu HTML Checker's errors in them come back with the
address and the line."""
import gzip
import urllib.error
import urllib.request

import pytest
from werkzeug.test import Client

from .html_checker import PageCollector, Served, report

pytestmark = pytest.mark.browser

VALID = b"<!DOCTYPE html>\n<html lang=en>\n<title>Heat or ice?</title>\n<p>Heat helped.</p>\n</html>\n"
BROKEN = b"<!DOCTYPE html>\n<html lang=en>\n<title>Heat or ice?</title>\n<p><div>Heat helped.</div></p>\n</html>\n"


def forum_like(environ, start_response):
    """Serves /valid, /broken (gzipped, as the forum compresses pages), a 404 page and some JSON."""
    path = environ["PATH_INFO"]
    if path == "/broken":
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")])
        return [gzip.compress(BROKEN)]
    if path == "/valid":
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [VALID]
    if path == "/preview":
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [b"<p>a fragment, not a page</p>"]
    if path == "/data":
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"helpful": 3}']
    start_response("404 NOT FOUND", [("Content-Type", "text/html; charset=utf-8")])
    return [BROKEN]


@pytest.fixture
def collector():
    return PageCollector(forum_like)


def test_the_browser_gets_every_page_unchanged(collector):
    client = Client(collector)
    assert gzip.decompress(client.get("/broken").data) == BROKEN
    assert client.get("/data").json == {"helpful": 3}
    assert client.get("/missing").status_code == 404


def test_only_whole_html_documents_are_kept(collector):
    client = Client(collector)
    for path in ("/valid", "/broken?page=2", "/preview", "/data", "/missing"):
        client.get(path)
    kept = collector.take()
    assert [(page.url, page.status) for page in kept] == [
        ("/valid", "200 OK"), ("/broken?page=2", "200 OK"), ("/missing", "404 NOT FOUND")]
    assert kept[1].body == BROKEN, "kept as the browser reads it, uncompressed"
    assert collector.take() == [], "each page is handed over once"


def test_the_checker_reports_each_error_with_its_address_and_line(collector, nu_checker):
    if nu_checker is None:
        pytest.skip("no java on PATH")
    client = Client(collector)
    client.get("/valid")
    assert report(nu_checker, collector.take()) == ""
    client.get("/broken")
    client.get("/missing")
    problems = report(nu_checker, collector.take())
    assert "GET /broken (200 OK): 1 error(s)" in problems
    assert "line 4: No “p” element in scope but a “p” end tag seen." in problems
    # The 404 page is the same document: checked and reported once.
    assert "/missing" not in problems


def test_the_live_server_keeps_each_page_it_sends(live_server, served_pages):
    urllib.request.urlopen(live_server + "/auth/login").read()
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(live_server + "/threads/999999")
    kept = served_pages.take()
    assert [(page.url, page.status) for page in kept] == [("/auth/login", "200 OK"), ("/threads/999999", "404 NOT FOUND")]


def test_a_test_served_a_broken_page_fails_naming_it(_valid_markup, served_pages, nu_checker):
    """The check the hook in conftest.py runs after each test's own body."""
    if nu_checker is None:
        pytest.skip("no java on PATH")
    broken = Served("POST", "/threads/7/reply", "422 UNPROCESSABLE ENTITY", BROKEN)
    # Only for this call: the check the hook runs after this test sees the real pages.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(served_pages, "take", lambda: [broken])
        with pytest.raises(AssertionError, match=r"(?s)POST /threads/7/reply \(422 UNPROCESSABLE ENTITY\).*line 4"):
            _valid_markup()
