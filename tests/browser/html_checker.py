"""The Nu HTML Checker on every page the browser tests are served.

`PageCollector` sits between the live server and the forum and keeps each
HTML document it sends (whatever its status: error pages are pages too).
After each browser test, the documents that test was served go to one
checker process (vnu.jar run as an HTTP service, started once per session),
and the test fails with every error it reports.
"""
import gzip
import hashlib
import json
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass

import brotli

DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress, "deflate": zlib.decompress}


@dataclass(frozen=True)
class Served:
    method: str
    url: str
    status: str
    body: bytes


class PageCollector:
    """WSGI middleware: passes everything through, keeping a copy of each
    full HTML document (one that starts with a doctype) until `take()`."""

    def __init__(self, app):
        self.app = app
        self._lock = threading.Lock()
        self._served = []

    def __call__(self, environ, start_response):
        answer = {}

        def start(status, headers, exc_info=None):
            answer.update(status=status, headers={name.lower(): value for name, value in headers})
            return start_response(status, headers, exc_info)

        body = self.app(environ, start)
        headers = answer.get("headers", {})
        if not headers.get("content-type", "").startswith("text/html"):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self._keep(environ, answer["status"], headers.get("content-encoding"), data)
        return [data]

    def _keep(self, environ, status, encoding, data):
        document = DECODERS[encoding](data) if encoding in DECODERS else data
        if not document.lstrip()[:15].lower().startswith(b"<!doctype html"):
            return
        url = environ.get("PATH_INFO", "/") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
        with self._lock:
            self._served.append(Served(environ["REQUEST_METHOD"], url, status, document))

    def take(self):
        """The documents served since the last call."""
        with self._lock:
            served, self._served = self._served, []
        return served


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The schemas it loads at start recurse deeply (the default stack may not
# hold them); the quick compiler alone starts it about three times sooner,
# and the pages it checks are small.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dnu.validator.servlet.bind-address=127.0.0.1"]


class NuChecker:
    """vnu.jar's HTTP service on 127.0.0.1, checking one document per POST.

    It starts at once and is waited for at the first check, so it gets
    ready while the first test runs. Results are kept by the document's
    digest: a page served twice byte for byte is checked once."""

    def __init__(self, jar, java="java"):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/?out=json"
        self.checked = {}
        self.seconds = 0.0
        self.waited = None
        self.process = subprocess.Popen([java, *JAVA_OPTIONS, "-cp", str(jar), "nu.validator.servlet.Main", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _wait_until_up(self, seconds=120):
        started = time.perf_counter()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Nu HTML Checker stopped at start (exit status {self.process.returncode})")
            try:
                self.messages(b"<!DOCTYPE html><html lang=en><title>up?</title></html>")
                self.waited = time.perf_counter() - started
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the Nu HTML Checker did not answer on port {self.port} within {seconds} s")

    def messages(self, document):
        request = urllib.request.Request(self.url, data=document, method="POST",
                                         headers={"Content-Type": "text/html; charset=utf-8"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["messages"]

    def errors(self, document):
        """The checker's errors in `document` (warnings and notes left out)."""
        if self.waited is None:
            self._wait_until_up()
        digest = hashlib.sha256(document).digest()
        if digest not in self.checked:
            started = time.perf_counter()
            found = [m for m in self.messages(document) if m.get("type") in ("error", "non-document-error")]
            self.seconds += time.perf_counter() - started
            self.checked[digest] = found
        return self.checked[digest]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def describe(served, errors):
    """One block per page: the request, then each error with its line and the markup around it."""
    lines = [f"{served.method} {served.url} ({served.status}): {len(errors)} error(s)"]
    for error in errors:
        where = f"line {error['lastLine']}" if "lastLine" in error else "the document"
        lines.append(f"  {where}: {error['message']}")
        if error.get("extract"):
            lines.append(f"      {error['extract'].strip()!r}")
    return "\n".join(lines)


def report(checker, served_pages):
    """The checker's errors in the pages served, as text; empty when there are none."""
    seen, blocks = set(), []
    for served in served_pages:
        if served.body in seen:
            continue
        seen.add(served.body)
        errors = checker.errors(served.body)
        if errors:
            blocks.append(describe(served, errors))
    return "\n".join(blocks)
