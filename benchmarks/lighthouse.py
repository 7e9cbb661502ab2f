"""Lighthouse's four scores for the home page, a category and a long thread,
served as production serves them.

    .venv/bin/python benchmarks/lighthouse.py [--desktop] [--runs 3]

Builds the demo forum (`flask db upgrade`, `flask seed-demo`) in a SQLite
file of its own, lengthens its longest thread to two pages of replies from
the demo members, writes the compressed static files as scripts/serve does,
serves it under gunicorn with scripts/gunicorn.conf.py (benchmarks/served.py)
and runs Lighthouse 12.2.3 (fetched into tests/browser/vendor/ by
tests/browser/fetch_tools.py; needs Node) with Debian's Chromium on each page
as a visitor: in the mobile form factor, Lighthouse's default, and also the
desktop one with --desktop. Prints a table of the scores (the median of the
runs), then every audit that scored under 1 in the last run, weightiest first.

Performance is simulated (a mid-range phone on slow 4G) from what the page
costs on this machine, so it drops when the machine is busy: this script
measures it, and tests/browser/test_lighthouse.py pins only the other three.
"""
import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from served import ROOT, Server
from sqlalchemy import select

sys.path.insert(0, str(ROOT))

from common import bench_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.threads import services as thread_services  # noqa: E402
from forum.threads.models import Thread  # noqa: E402
from tests.browser import fetch_tools, lighthouse  # noqa: E402

PORT = 5093
FLASK = str(Path(sys.executable).parent / "flask")
# Replies added to the demo's longest thread, so its first page is full and has a pager.
REPLIES = [
    "Sitting on a folded towel under the good side took the edge off at my desk.",
    "Same here: the first ten minutes of a walk hurt, then it eases off.",
    "My physio had me do nerve glides twice a day. Slow going, but the tingling is less.",
    "Heat before stretching, ice after a long drive. That is what works for me.",
    "A tennis ball against the wall, thirty seconds at a time, no more.",
    "It flared again after a week of hills. Back to flat routes for now.",
]
MORE_REPLIES = 32


def build_demo():
    """The demo forum in a SQLite file of its own; returns its URL and the long thread and a category."""
    path = Path(tempfile.mkdtemp(prefix="forum-lighthouse-")) / "demo.db"
    env = dict(os.environ, FLASK_APP="wsgi", DATABASE_URL=f"sqlite:///{path}", FORUM_ENV="development",
               SECRET_KEY="lighthouse, not for use", FORUM_JOBS=f"sqlite:///{path.with_name('jobs.db')}",
               MAIL_TRANSPORT="file", MAIL_OUTBOX=str(path.with_name("outbox")))
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([FLASK, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    with sqlite3.connect(path) as conn:
        thread_id, category = conn.execute(
            "SELECT threads.id, categories.slug FROM threads JOIN categories ON categories.id = category_id "
            "ORDER BY reply_count DESC, threads.id LIMIT 1").fetchone()
    posts = lengthen(f"sqlite:///{path}", thread_id)
    return f"sqlite:///{path}", [("home", "/"), ("category", f"/categories/{category}"),
                                 (f"thread ({posts} posts)", f"/threads/{thread_id}")]


def lengthen(database_url, thread_id):
    """Replies from the demo's members to the thread; returns how many posts it has."""
    app = bench_app(database_url)
    with app.app_context():
        thread = db.session.get(Thread, thread_id)
        members = db.session.scalars(select(User).where(User.role == "member").order_by(User.id).limit(6)).all()
        for number in range(MORE_REPLIES):
            thread_services.reply(members[number % len(members)], thread, REPLIES[number % len(REPLIES)])
        return thread.reply_count + 1


def compress_static():
    """The .gz and .br copies scripts/serve writes; returns those this run added, to remove after."""
    static = ROOT / "static"
    before = {*static.rglob("*.gz"), *static.rglob("*.br")}
    subprocess.run([sys.executable, "-m", "whitenoise.compress", "-q", str(static)], check=True)
    return {*static.rglob("*.gz"), *static.rglob("*.br")} - before


def measure(base, pages, desktop, runs):
    rows, last = [], {}
    for name, path in pages:
        reports = [lighthouse.run(base + path, desktop=desktop) for _ in range(runs)]
        runs_scores = [lighthouse.scores(report) for report in reports]
        rows.append((name, {category: statistics.median(s[category] for s in runs_scores)
                            for category in lighthouse.CATEGORIES}))
        last[name] = reports[-1]
    return rows, last


def print_table(form_factor, rows):
    print(f"\n{form_factor}: {'page':<22} " + " ".join(f"{c:>15}" for c in lighthouse.CATEGORIES))
    for name, scores in rows:
        print(f"{'':<{len(form_factor) + 2}}{name:<22} " + " ".join(f"{scores[c]:>15.0f}" for c in lighthouse.CATEGORIES))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desktop", action="store_true", help="also Lighthouse's desktop form factor")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (the table shows the median)")
    args = parser.parse_args()
    if fetch_tools.main(["lighthouse"]):
        raise SystemExit("could not install Lighthouse")
    database_url, pages = build_demo()
    added = compress_static()
    try:
        with Server(PORT, database_url) as server:
            results = [("mobile", *measure(server.url, pages, False, args.runs))]
            if args.desktop:
                results.append(("desktop", *measure(server.url, pages, True, args.runs)))
    finally:
        for path in added:
            path.unlink(missing_ok=True)
    for form_factor, rows, _ in results:
        print_table(form_factor, rows)
    for form_factor, _, last in results:
        for name, report in last.items():
            below = lighthouse.describe_shortfalls(report, lighthouse.CATEGORIES)
            print(f"\n{form_factor}, {name}: audits under 1" + (f"\n{below}" if below else ": none"))


if __name__ == "__main__":
    main()
