"""Replies posted at once by many members through the real reply form, then
counted in the database; and replies acknowledged before the server is
killed, looked for after it restarts.

    PYTHONPATH=benchmarks .venv/bin/python benchmarks/bench_writes.py [--postgres postgresql://127.0.0.1:5432/test]
                                                                       [--seconds 20] [--writers 16] [--warmup 3]

Runs on a copy of the 50k data set (benchmarks/dataset.py; built on first
use), never the kept one: a SQLite copy in a temp folder, or the PostgreSQL
database forum_bench_writes made from forum_bench_50k as a template and
dropped after. The forum runs under gunicorn with its production settings
(rate limits off); each writer is a thread of this process with cookies of
its own, signed in as its own member (writer_00, writer_01, ...).

A writer's cycle is what a browser does: GET the reply form, POST a reply of
a few sentences (texts the safety checks pass, so none is held for a
notice) with a unique marker in it, follow the redirect to the thread. A
reply counts as acknowledged only when the POST answered 302 to its
thread. After WARMUP unmeasured seconds, two runs of SECONDS each: "many
threads" (a random thread of 1..4999 each time) and "one hot thread"
(everyone on thread 5000). Printed: acknowledged replies a second, p50/p99
of the whole cycle, 5xx answers, other failures, acknowledged replies
missing from the posts table, drift (threads, members and categories whose
counters disagree with their rows) and the CPU this process used (a share
of one core: it shares the machine with the server).

Then durability, on the same server: the writers post to random threads,
the whole server is sent SIGKILL after SECONDS/2, it is started again on
the same database and the writers carry on for another SECONDS/2. Every
reply acknowledged before the kill must be in the database after the
restart, and no counter may drift.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import dataset
from bench_http import TOKEN, sign_in
from bench_search import Writer as Prose
from served import ROOT, Server
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from forum.safety.detect import Detector

HERE = Path(__file__).resolve().parent
COPY = "forum_bench_writes"
HOT_THREAD, LAST_SHORT_THREAD = 5000, 4999
# What the target compares with: FlaskBB posts about 20 replies a second; the forum should post ten times as many.
FLASKBB_REPLIES_PER_SECOND, TARGET_RATIO = 20, 10
DRIFT = {
    "threads' reply counts": "SELECT count(*) FROM threads t WHERE reply_count <> (SELECT count(*) - 1 FROM posts p WHERE p.thread_id = t.id)",
    "threads' last posts": "SELECT count(*) FROM threads t WHERE last_post_id <> (SELECT max(id) FROM posts p WHERE p.thread_id = t.id)",
    "members' post counts": "SELECT count(*) FROM users u WHERE post_count <> (SELECT count(*) FROM posts p WHERE p.author_id = u.id)",
    "categories' post counts": "SELECT count(*) FROM categories c WHERE post_count <> "
                               "(SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.category_id = c.id)",
    "categories' thread counts": "SELECT count(*) FROM categories c WHERE thread_count <> "
                                 "(SELECT count(*) FROM threads t WHERE t.category_id = c.id)",
}


def letters(number, width):
    """`number` in base 26 written with a-z: digits in a post can look like a phone number."""
    out = ""
    for _ in range(width):
        number, digit = divmod(number, 26)
        out = chr(ord("a") + digit) + out
    return out


@contextmanager
def scratch_copy(postgres):
    """The URL of a copy of the 50k data set to write into, removed after."""
    # Built in a process of its own, so that no connection of ours is left
    # open on the PostgreSQL template.
    built = subprocess.run([sys.executable, str(HERE / "dataset.py"), "50k", *(["--postgres", postgres] if postgres else [])],
                           cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(HERE)), capture_output=True, text=True)
    if built.returncode:
        raise SystemExit(f"building the data set failed:\n{built.stdout}{built.stderr[-3000:]}")
    *said, kept = built.stdout.strip().splitlines()
    print("\n".join(said), end="\n" if said else "")
    if not postgres:
        folder = Path(tempfile.mkdtemp(prefix="bench-writes-"))
        source, target = sqlite3.connect(make_url(kept).database), sqlite3.connect(folder / "forum.db")
        source.backup(target)
        source.close()
        target.close()
        try:
            yield f"sqlite:///{folder / 'forum.db'}"
        finally:
            shutil.rmtree(folder)
        return
    admin = create_engine(make_url(kept).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            _wait_until_idle(conn, make_url(kept).database)
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{COPY}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{COPY}" TEMPLATE "{make_url(kept).database}"')
        yield make_url(kept).set(database=COPY).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{COPY}" WITH (FORCE)')
        admin.dispose()


def _wait_until_idle(conn, database, seconds=60):
    """PostgreSQL copies a template only while nobody is connected to it."""
    deadline = time.monotonic() + seconds
    while busy := conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d"), {"d": database}):
        if time.monotonic() > deadline:
            raise SystemExit(f"{busy} connection(s) to {database} for {seconds} s: it can be copied only when nobody uses it.")
        time.sleep(1)


def reply_texts(engine, count=400, seed=11):
    """Replies of a few sentences that the safety checks pass as they are,
    so that no POST comes back with a notice for the writer."""
    with engine.connect() as conn:
        detector = Detector(conn.execute(text("SELECT kind, phrase FROM safety_phrases")).tuples().all())
    rng = random.Random(seed)
    prose = Prose(rng)
    texts = []
    while len(texts) < count:
        body = prose.body(rng.randint(3, 6))
        if not detector.check(body + "\n\nrefabcdefgh"):
            texts.append(body)
    return texts


class Browser:
    """One member's browser: its own cookies, a new connection for each
    request (gunicorn's sync workers close every one), redirects not followed."""

    def __init__(self, base, cookie_header):
        self.address = urllib.parse.urlsplit(base).netloc
        self.cookies = dict(pair.split("=", 1) for pair in cookie_header.split("; ") if pair)

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.address, timeout=120)
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            page = response.read()
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or ():
            self._keep(cookie)
        return response.status, response.getheader("Location") or "", page

    def _keep(self, cookie):
        name, _, rest = cookie.partition("=")
        value, _, attributes = rest.partition(";")
        if "max-age=0" in attributes.lower().replace(" ", "") or "01 jan 1970" in attributes.lower():
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


class Poster(threading.Thread):
    """A member replying in a loop, until `stop` is set: to the thread
    `pick()` chooses each time, each reply one of `texts` with a marker
    no other reply has (`prefix` and a count)."""

    def __init__(self, browser, pick, texts, prefix, stop, seed):
        super().__init__(daemon=True)
        self.browser, self.pick, self.texts, self.prefix, self.stop = browser, pick, texts, prefix, stop
        self.rng, self.sent = random.Random(seed), 0
        self.acked, self.cycles, self.failures, self.server_errors = [], [], Counter(), 0

    def run(self):
        while not self.stop.is_set():
            marker = self.prefix + letters(self.sent, 5)
            self.sent += 1
            began = time.perf_counter()
            try:
                failure = self.cycle(self.pick(self.rng), f"{self.rng.choice(self.texts)}\n\n{marker}", marker)
            except (OSError, http.client.HTTPException) as error:
                failure = f"no answer ({type(error).__name__})"
            if failure:
                self.failures[failure] += 1
            else:
                self.cycles.append((time.perf_counter() - began) * 1000)

    def ask(self, method, path, form=None):
        status, location, page = self.browser.request(method, path, form)
        self.server_errors += status >= 500
        return status, location, page

    def cycle(self, thread_id, body, marker):
        """The reply form, the reply, the thread after it: why it failed, or None."""
        path = f"/threads/{thread_id}/reply"
        status, _, page = self.ask("GET", path)
        token = TOKEN.search(page.decode())
        if status != 200 or not token:
            return f"reply form answered {status}" + ("" if token else " without a csrf_token")
        status, location, page = self.ask("POST", path, {"csrf_token": token.group(1), "body": body, "submit": "Post reply"})
        if status != 302 or not re.match(rf"(?:https?://[^/]+)?/threads/{thread_id}(?:[/?#]|$)", location):
            return "reply held by a safety notice" if b"seen_signals" in page else f"reply answered {status} {location}".rstrip()
        self.acked.append(marker)
        status, _, _ = self.ask("GET", location.split("#")[0])
        return None if status == 200 else f"thread page after the reply answered {status}"


def any_thread(rng):
    return rng.randint(1, LAST_SHORT_THREAD)


def hot_thread(rng):
    return HOT_THREAD


MODES = (("many threads", any_thread), ("one hot thread", hot_thread))


def post_for_a_while(browsers, pick, texts, prefix, seconds, until=None):
    """Every browser posting for `seconds` (then `until()` is called, when
    given, before the posters are told to stop): what they got."""
    stop = threading.Event()
    posters = [Poster(browser, pick, texts, f"{prefix}{letters(n, 2)}", stop, seed=n) for n, browser in enumerate(browsers)]
    began, cpu = time.perf_counter(), time.process_time()
    for poster in posters:
        poster.start()
    time.sleep(seconds)
    if until:
        until()
    stop.set()
    for poster in posters:
        poster.join()
    elapsed = time.perf_counter() - began
    return tally(posters, elapsed, (time.process_time() - cpu) / elapsed)


def tally(posters, elapsed, client_cpu):
    cycles = sorted(ms for p in posters for ms in p.cycles)
    acked = [m for p in posters for m in p.acked]
    return {"acked": acked, "rate": len(acked) / elapsed, "p50": statistics.median(cycles) if cycles else 0,
            "p99": cycles[min(len(cycles) - 1, int(len(cycles) * 0.99))] if cycles else 0,
            "errors": sum(p.server_errors for p in posters), "failures": sum((p.failures for p in posters), Counter()),
            "client cpu": client_cpu}


def sign_in_all(server, count):
    return [Browser(server.url, sign_in(server.url, f"writer_{n:02d}")) for n in range(count)]


def newest_post(engine):
    with engine.connect() as conn:
        return conn.scalar(text("SELECT coalesce(max(id), 0) FROM posts"))


def drift(engine):
    """How many rows of each kind have a counter that disagrees with the rows it counts."""
    with engine.connect() as conn:
        return {name: conn.scalar(text(sql)) for name, sql in DRIFT.items()}


def audit(engine, after_post, acked, prefix):
    """Acknowledged replies not in the database, replies saved twice, replies
    saved that were never acknowledged, and counters that disagree with the rows."""
    marker = re.compile(rf"\b{prefix}[a-z]{{7}}\b")
    with engine.connect() as conn:
        saved = Counter(m for body in conn.scalars(text("SELECT body FROM posts WHERE id > :id"), {"id": after_post})
                        for m in marker.findall(body))
    acked = set(acked)
    return {"lost": sorted(acked - set(saved)), "doubled": sorted(m for m, n in saved.items() if n > 1),
            "unacknowledged": len(set(saved) - acked), "drift": drift(engine)}


def measured(engine, browsers, pick, texts, prefix, seconds):
    before = newest_post(engine)
    got = post_for_a_while(browsers, pick, texts, prefix, seconds)
    return got | audit(engine, before, got["acked"], prefix)


def run_on(url, engine, texts, args, prefix):
    """The two throughput runs, then durability, on one server: posting,
    SIGKILL to the whole server halfway, a restart on the same database,
    posting again."""
    forum = Server(args.port, url)
    try:
        browsers = sign_in_all(forum, args.writers)
        # Not measured: a worker's first requests fill its caches.
        post_for_a_while(browsers, any_thread, texts, prefix + "w", args.warmup)
        runs = {label: measured(engine, browsers, pick, texts, prefix + label[0], args.seconds) for label, pick in MODES}
        before = newest_post(engine)
        killed = post_for_a_while(browsers, any_thread, texts, prefix + "k", args.seconds / 2, until=forum.kill)
        log = server_problems(forum)
        forum = Server(args.port, url)
        # The members are still signed in: their sessions outlive the server.
        again = post_for_a_while(browsers, any_thread, texts, prefix + "r", args.seconds / 2)
        log += server_problems(forum)
    finally:
        forum.stop()
    return runs, durability(engine, before, killed, again, prefix), log


def durability(engine, before, killed, again, prefix):
    """Every reply acknowledged before the kill, and after the restart, looked for."""
    found = audit(engine, before, killed["acked"] + again["acked"], prefix + "[kr]")
    cut = Counter({reason: n for reason, n in killed["failures"].items() if reason.startswith("no answer")})
    lost_first = set(found["lost"]) & set(killed["acked"])
    return found | {"before": len(killed["acked"]), "lost before": len(lost_first), "after": len(again["acked"]),
                    "lost after": len(found["lost"]) - len(lost_first), "cut": sum(cut.values()),
                    "failures": killed["failures"] - cut + again["failures"], "errors": killed["errors"] + again["errors"]}


def server_problems(server):
    """The server log's lines that say something went wrong (tracebacks' last lines, errors)."""
    server.log.flush()
    lines = Path(server.log.name).read_text(errors="replace").splitlines()
    wrong = [line for line in lines if re.search(r"Error|Exception|locked|Traceback|CRITICAL|\[ERROR\]", line)
             and "Handling signal" not in line and "Shutting down" not in line]
    return [(server.log.name, line) for line in wrong]


def drifted(found, baseline):
    """Rows whose counters disagree now and did not before the run."""
    return {name: n - baseline[name] for name, n in found["drift"].items() if n > baseline[name]}


def report(database, args, runs, kept, log, baseline):
    print(f"\n{database}: {args.writers} writers, {args.seconds:g} s a run, on a copy of the 50k data set")
    print(f"{'run':16} {'replies':>8} {'replies/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'5xx':>5} {'failed':>7} {'lost':>5} {'drift':>6}"
          f" {'client CPU':>11}")
    for label, r in runs.items():
        print(f"{label:16} {len(r['acked']):8d} {r['rate']:10.1f} {r['p50']:7.0f} {r['p99']:7.0f} {r['errors']:5d} "
              f"{sum(r['failures'].values()):7d} {len(r['lost']):5d} {sum(drifted(r, baseline).values()):6d} {r['client cpu']:11.0%}")
    ratios = ", ".join(f"{label} {r['rate'] / FLASKBB_REPLIES_PER_SECOND:.1f}x" for label, r in runs.items())
    print(f"FlaskBB ~{FLASKBB_REPLIES_PER_SECOND} replies/s: {ratios} (target >= {TARGET_RATIO}x, "
          f"{FLASKBB_REPLIES_PER_SECOND * TARGET_RATIO} replies/s)")
    print(f"durability: SIGKILL after {args.seconds / 2:g} s of posting, a restart, {args.seconds / 2:g} s more")
    print(f"  acknowledged before the kill {kept['before']}, missing after the restart {kept['lost before']} (target 0)")
    print(f"  requests cut by the kill {kept['cut']}; replies saved though never acknowledged {kept['unacknowledged']}")
    print(f"  acknowledged after the restart {kept['after']}, missing {kept['lost after']}; 5xx {kept['errors']}; "
          f"drift {sum(drifted(kept, baseline).values())} (target 0)")
    for label, r in [*runs.items(), ("durability", kept)]:
        details = [f"{n} {reason}" for reason, n in r["failures"].most_common()]
        details += [f"{n} {name} drifted" for name, n in drifted(r, baseline).items()]
        details += [f"{len(r['doubled'])} replies saved twice"] if r["doubled"] else []
        details += [f"{r['unacknowledged']} saved but never acknowledged"] if r["unacknowledged"] and label != "durability" else []
        details += [f"lost, e.g. {', '.join(r['lost'][:5])}"] if r["lost"] else []
        if details:
            print(f"  {label}: " + "; ".join(details))
    if any(baseline.values()):
        print(f"  (the copy disagreed before any reply: {baseline})")
    shown = list(dict.fromkeys(log))
    for path in dict.fromkeys(path for path, _ in shown):
        lines = [line for where, line in shown if where == path]
        print(f"  {path} says (first {min(len(lines), 15)} of {len(lines)} lines):")
        for line in lines[:15]:
            print(f"    {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", help="also on this PostgreSQL server (after SQLite), e.g. postgresql://127.0.0.1:5432/test")
    parser.add_argument("--seconds", type=float, default=20, help="each throughput run; the durability run takes as long")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured posting first, while the workers fill their caches")
    parser.add_argument("--writers", type=int, default=16, choices=range(1, dataset.WRITERS + 1), metavar=f"1..{dataset.WRITERS}")
    parser.add_argument("--port", type=int, default=8711)
    args = parser.parse_args()
    # Markers unique to this run: letters only, which no safety check reads as a phone number.
    prefix = "ref" + letters(random.SystemRandom().randrange(26 ** 6), 6)
    for database, postgres in [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else []):
        with scratch_copy(postgres) as url:
            engine = create_engine(url)
            try:
                texts, baseline = reply_texts(engine), drift(engine)
                runs, kept, log = run_on(url, engine, texts, args, prefix)
            finally:
                engine.dispose()
        report(database, args, runs, kept, log, baseline)


if __name__ == "__main__":
    main()
