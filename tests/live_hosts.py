"""Running the forum as production does, on several app hosts at once: each
host is a gunicorn process of its own (with its own workers) on a port of
its own, and a Browser sends real HTTP requests to whichever host it is
told to, with the cookies it holds, as a browser behind a load balancer
that spreads its requests over the hosts would."""
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
_TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')

# Settings that would make a host differ from what the test asks for.
_DROPPED = ("BIND", "FORUM_TRUSTED_PROXIES", "FORUM_PROXIES", "RATELIMIT_ENABLED", "FLASK_DEBUG")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class Host:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def address(self):
        return ("127.0.0.1", self.port)

    def log_tail(self, lines=40):
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def start_host(name, port, settings, folder, workers=2):
    """One app host: gunicorn with the forum's own config file and `workers`
    sync workers, its output kept in `folder`/`name`.log."""
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED}
    env.update(settings, PORT=str(port), WEB_CONCURRENCY=str(workers))
    log = Path(folder) / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(GUNICORN), "-c", "scripts/gunicorn.conf.py", "wsgi:app"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return Host(name, port, process, log)


def wait_until_healthy(hosts, timeout=45):
    deadline = time.monotonic() + timeout
    waiting = list(hosts)
    while waiting and time.monotonic() < deadline:
        for host in list(waiting):
            if host.process.poll() is not None:
                raise AssertionError(f"host {host.name} exited with {host.process.returncode}:\n{host.log_tail()}")
            try:
                if Browser().get(host, "/healthz").status == 200:
                    waiting.remove(host)
            except OSError:
                pass
        time.sleep(0.2)
    if waiting:
        raise AssertionError("no answer on /healthz from " + ", ".join(f"{h.name}:\n{h.log_tail()}" for h in waiting))


def stop_hosts(hosts):
    """Stop every host (gunicorn stops its workers), killing what lingers."""
    for host in hosts:
        if host.process.poll() is None:
            host.process.terminate()
    for host in hosts:
        try:
            host.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(host.process.pid, signal.SIGKILL)
            host.process.wait(timeout=5)


@dataclass
class Response:
    status: int
    location: str
    text: str
    headers: list

    def csrf_token(self):
        match = _TOKEN.search(self.text)
        assert match, f"no CSRF token in the page (status {self.status})"
        return match.group(1)


class Browser:
    """Cookies, and requests made with them to any host; redirects are
    answers to read, not to follow."""

    def __init__(self, cookies=None):
        self.cookies = dict(cookies or {})

    def copy(self):
        return Browser(self.cookies)

    def get(self, host, path):
        return self._send(host, "GET", path)

    def post(self, host, path, fields):
        return self._send(host, "POST", path, urlencode(fields))

    def submit(self, host, path, fields, page=None, page_host=None):
        """POST a form with the token of the page it is on (read from
        `page_host`, the same host unless told), as a person would."""
        token = self.get(page_host or host, page or path).csrf_token()
        return self.post(host, path, {**fields, "csrf_token": token})

    def _send(self, host, method, path, body=None):
        headers = {"Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(*host.address, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            text = reply.read().decode("utf-8", errors="replace")
            self._keep(reply.headers.get_all("Set-Cookie") or [])
            return Response(reply.status, reply.headers.get("Location", ""), text, reply.getheaders())
        finally:
            connection.close()

    def _keep(self, set_cookies):
        for line in set_cookies:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
