"""Static files, compression, request logs and the health check."""
import gzip
import logging
import re

from forum.extensions import db
from forum.serving import fingerprint


def test_static_files_carry_their_fingerprint_and_are_cached_for_a_year(client):
    page = client.get("/").get_data(as_text=True)
    stylesheet = re.search(r'href="(/static/css/forum\.css\?v=([0-9a-f]{12}))"', page)
    assert stylesheet, "the stylesheet's address carries its fingerprint"
    response = client.get(stylesheet.group(1))
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_changed_file_gets_a_new_address(tmp_path):
    (tmp_path / "site.css").write_text("body { color: black; }")
    before = fingerprint(tmp_path, "site.css")
    (tmp_path / "site.css").write_text("body { color: navy; }")
    assert fingerprint(tmp_path, "site.css") != before
    assert fingerprint(tmp_path, "missing.css") is None


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    plain = client.get("/")
    packed = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 2


def test_the_health_check_asks_the_database(client, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok", "database": "ok"}

    def unreachable(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(db.session, "execute", unreachable)
    down = client.get("/healthz")
    assert down.status_code == 503 and down.get_json()["database"] == "unreachable"


def test_one_log_line_per_request_with_its_id_and_no_personal_data(client, caplog):
    with caplog.at_level(logging.INFO, logger="forum.requests"):
        response = client.get("/auth/reset-password/secret-token-from-an-email", headers={"X-Request-ID": "lb-abc12345"})
        other = client.get("/members/ana_runner")
    lines = [r.getMessage() for r in caplog.records if r.name == "forum.requests"]
    assert len(lines) == 2
    assert response.headers["X-Request-ID"] == "lb-abc12345"
    assert lines[0].startswith("request_id=lb-abc12345 method=GET route=/auth/reset-password/<token> status=")
    assert "secret-token" not in " ".join(lines) and "ana_runner" not in " ".join(lines)
    assert re.fullmatch(r"[0-9a-f]{32}", other.headers["X-Request-ID"]), "a request without an id gets one"


def test_a_forged_request_id_is_replaced(client):
    response = client.get("/", headers={"X-Request-ID": "bad id; <script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_a_visitor_reading_a_thread_gets_no_cookie(client):
    # No session for someone who only reads: nothing to keep, and a page
    # without a cookie is the same for every visitor.
    from tests import factories

    thread = factories.make_thread(replies=3)
    response = client.get(f"/threads/{thread.id}")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert 'name="csrf_token"' not in response.get_data(as_text=True)


def test_addresses_are_built_once_and_remembered(app_with_config, monkeypatch):
    from werkzeug.routing import MapAdapter

    from tests import factories

    # An app of its own: the suite's has remembered other tests' addresses.
    client = app_with_config().test_client()
    thread = factories.make_thread(replies=12)
    builds = []
    original = MapAdapter.build
    monkeypatch.setattr(MapAdapter, "build", lambda self, *a, **k: builds.append(a[0]) or original(self, *a, **k))
    first = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    built_first = len(builds)
    again = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert built_first > 12  # a thread page links each post, and its author
    # The second time from memory, but for the absolute links in the head
    # (canonical, feed), which name the forum's host and are built anew.
    rebuilt = builds[built_first:]
    assert set(rebuilt) == {"feeds.thread", "threads.show"} and len(rebuilt) <= 4
    assert again == first


def test_remembered_addresses_follow_where_the_forum_is_mounted(client):
    from tests import factories

    thread = factories.make_thread()
    client.get(f"/threads/{thread.id}")
    mounted = client.get(f"/threads/{thread.id}", base_url="http://localhost/forum").get_data(as_text=True)
    assert f'href="/forum/threads/posts/{thread.first_post_id}"' in mounted
    plain = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f'href="/threads/posts/{thread.first_post_id}"' in plain
