"""Serving for the HTTP benchmarks: the forum (or the bare page) under
gunicorn with the forum's own settings (scripts/gunicorn.conf.py), and
wrk to measure it."""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class Server:
    """gunicorn serving `app` ("wsgi:app", or the bare page) on `port`."""

    def __init__(self, port, database_url=None, app="wsgi:app", workers=None, **environment):
        self.port, self.url = port, f"http://127.0.0.1:{port}"
        env = dict(os.environ, PORT=str(port), PYTHONPATH=str(ROOT))
        env.pop("BIND", None)
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        if database_url:
            env.update(DATABASE_URL=database_url, FORUM_ENV="production", SECRET_KEY="bench secret key, not for use",
                       FORUM_URL=f"http://127.0.0.1:{port}", FORUM_HTTPS="0", MAIL_TRANSPORT="file",
                       MAIL_OUTBOX=tempfile.mkdtemp(), RATELIMIT_ENABLED="0",
                       FORUM_JOBS=f"sqlite:///{Path(tempfile.mkdtemp()) / 'jobs.db'}")
        env.update({name: str(value) for name, value in environment.items()})
        # Open while the server runs: stop() closes it.
        self.log = open(Path(tempfile.mkdtemp()) / "server.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen([GUNICORN, "-c", str(ROOT / "scripts/gunicorn.conf.py"), app], cwd=ROOT, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_until_up("/healthz" if database_url else "/")

    def wait_until_up(self, path, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"the server stopped:\n{self.log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"the server at {self.url} did not answer within {seconds} s")

    def kill(self):
        """SIGKILL to every process of the server: no worker finishes anything."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, seconds, connections=16, headers=()):
    """Requests per second, p50 and p99 in ms, and how many answers were not 2xx/3xx."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    latency = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(out)}
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency["50"], "p99": latency["99"],
            "bad": int(bad.group(1)) if bad else 0,
            "errors": sum(int(n) for n in errors.groups()) if errors else 0}
