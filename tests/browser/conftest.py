"""A live forum and a headless Chromium for the real-browser journeys.

The server runs the session `app` in a background thread, so it shares the
migrated database and the per-test cleanup with the rest of the suite. Data a
test needs is made inside the test (the cleanup empties every table first).
"""
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests import factories

from . import moderation_data
from .axe import AXE
from .screens import DESKTOP, PHONE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
HERE = Path(__file__).parent


class QuietHandler(WSGIRequestHandler):
    """Keeps one log line per request out of every failure report."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def live_server(app):
    """The forum on 127.0.0.1 at a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        # scripts/install-chromium puts it there; in CI its absence is a failure.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _context(browser, live_server, **options):
    context = browser.new_context(base_url=live_server, viewport=options.pop("viewport", DESKTOP), **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, live_server):
    context = _context(browser, live_server)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = _context(browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(**options): a page in a browser context of its own, so two
    people (a member and a moderator) can be signed in at once."""
    contexts = []

    def make(**options):
        contexts.append(_context(browser, live_server, **options))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    context = _context(browser, live_server, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_script():
    if not AXE.exists():
        subprocess.run([sys.executable, str(HERE / "fetch_axe.py")], check=True)
    return AXE


@pytest.fixture
def axe_page(browser, live_server, axe_script):
    """A page that can run axe-core.

    The forum's Content-Security-Policy allows only scripts from itself, so
    axe could not be injected into its pages. This context alone bypasses CSP
    (bypass_csp=True); every other context keeps the real policy.
    """
    context = _context(browser, live_server, bypass_csp=True)
    yield context.new_page()
    context.close()


# Signing in through the browser, as a member would.

@pytest.fixture
def signed_in(live_server):
    """sign_in(page, user): fill in the login form and wait for the front page."""
    def sign_in(page, user, password=factories.PASSWORD):
        page.goto("/auth/login")
        page.get_by_label("Username or email").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{live_server}/")
        return page
    return sign_in


@pytest.fixture
def moderation_scene():
    """Reports waiting, a hidden post, a suspended member, two disclaimer
    versions and their audit entries (see moderation_data.build_scene)."""
    return moderation_data.build_scene()
