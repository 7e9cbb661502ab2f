"""A live forum and a headless Chromium for the real-browser journeys.

The server runs the session `app` in a background thread, so it shares the
migrated database and the per-test cleanup with the rest of the suite. Data a
test needs is made inside the test (the cleanup empties every table first).

Every HTML page the server sends during a test is checked by the Nu HTML
Checker once the test has passed, and the test fails on any error it reports
(see html_checker.py).
"""
import os
import shutil
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests import factories

from . import fetch_tools, moderation_data
from .html_checker import NuChecker, PageCollector, report
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


def _missing(what):
    # scripts/test installs the tools; in CI their absence is a failure.
    (pytest.fail if os.environ.get("CI") else pytest.skip)(what)


@pytest.fixture(scope="session")
def served_pages(app):
    """The forum, keeping a copy of each HTML page it sends (see html_checker.py)."""
    return PageCollector(app)


@pytest.fixture(scope="session")
def live_server(served_pages):
    """The forum on 127.0.0.1 at a free port; yields its base URL."""
    server = make_server("127.0.0.1", 0, served_pages, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
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


def _fetched(name):
    if not fetch_tools.path(name).exists():
        subprocess.run([sys.executable, str(HERE / "fetch_tools.py"), name], check=True)
    return fetch_tools.path(name)


@pytest.fixture(scope="session")
def axe_script():
    return _fetched("axe-core")


@pytest.fixture(scope="session")
def lighthouse_cli():
    """Lighthouse, fetched; it runs on Node and starts Chromium itself."""
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
    if shutil.which("node") is None:
        _missing("no node on PATH for Lighthouse")
    return _fetched("lighthouse")


@pytest.fixture(scope="session")
def nu_checker(pytestconfig):
    """The Nu HTML Checker, started once for the session (None without Java,
    except in CI, where that is a failure)."""
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("no java on PATH for the Nu HTML Checker")
        warnings.warn("no java on PATH: the pages the browser tests open are not checked for markup errors",
                      stacklevel=1)
        yield None
        return
    checker = NuChecker(_fetched("vnu-jar"))
    pytestconfig.stash[CHECKERS].append(checker)
    yield checker
    checker.stop()


CHECKERS = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[CHECKERS] = []


@pytest.fixture(autouse=True)
def _valid_markup(nu_checker, served_pages):
    """check(): the Nu HTML Checker's errors in the pages served since the
    last check, as an assertion. pytest_runtest_call (below) calls it after
    the test's own body; what a failed test was served is dropped."""

    def check():
        served = served_pages.take()
        if nu_checker is None or not served:
            return
        problems = report(nu_checker, served)
        assert not problems, f"the Nu HTML Checker found errors in pages this test was served:\n{problems}"

    yield check
    served_pages.take()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    check = getattr(item, "funcargs", {}).get("_valid_markup")
    if check is not None:
        check()
    return result


def pytest_terminal_summary(terminalreporter, config):
    """What the markup check cost the run (it starts while the first test runs)."""
    for checker in config.stash.get(CHECKERS, []):
        if checker.checked:
            terminalreporter.write_line(f"Nu HTML Checker: {len(checker.checked)} distinct pages checked in "
                                        f"{checker.seconds:.1f} s, after waiting {checker.waited:.1f} s for it to start")


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
