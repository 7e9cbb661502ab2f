"""How fast the reports queue and the audit log stay with 100,000 entries.

    .venv/bin/python benchmarks/bench_admin.py [--rows 100000] [--database-url URL]

Builds a throwaway database (SQLite in a temp folder unless a URL is given),
fills it with ROWS open report items and ROWS audit entries, then requests
the admin pages through the app as a signed-in moderator and prints the
median and 95th-percentile time and the SQL statements per page.
"""
import argparse
import random
import time
from datetime import timedelta

from common import bench_app, measure, settle
from flask_migrate import upgrade
from sqlalchemy import insert

from forum.audit.models import AuditEntry
from forum.auth.services import register
from forum.extensions import db
from forum.moderation.models import Report, ReportCase
from forum.moderation.report_services import URGENT_WEIGHT
from forum.threads.models import Post, Thread
from forum.timeutil import utcnow

BATCH = 5000


def _bulk(model, rows):
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start:start + BATCH])
    db.session.commit()


def fill(rows):
    rng = random.Random(7)
    now = utcnow()
    mod = register("bench_mod", "mod@example.org", "bench moderator password", True)
    mod.role = "moderator"
    members = [register(f"bench{i}", f"b{i}@example.org", "bench member password", True) for i in range(20)]
    db.session.commit()
    from forum.threads.models import Category
    category = Category(slug="bench", name="Bench", description="", position=1)
    db.session.add(category)
    db.session.commit()
    threads = 1000
    _bulk(Thread, [dict(category_id=category.id, author_id=members[i % 20].id, title=f"Thread {i}", slug=f"thread-{i}",
                        created_at=now, last_post_at=now, reply_count=0) for i in range(threads)])
    _bulk(Post, [dict(thread_id=1 + i % threads, author_id=members[i % 20].id, body=f"Post {i} about sciatica.",
                      body_html=f"<p>Post {i} about sciatica.</p>", created_at=now - timedelta(minutes=i)) for i in range(rows)])
    cases = []
    for i in range(rows):
        urgent, reporters = (1 if rng.random() < 0.02 else 0), rng.randint(1, 5)
        cases.append(dict(post_id=i + 1, open_post_id=i + 1, status="open", urgent=urgent, reporter_count=reporters,
                          queue_rank=-(urgent * URGENT_WEIGHT + reporters),
                          opened_at=now - timedelta(minutes=rng.randint(0, 90 * 24 * 60))))
    _bulk(ReportCase, cases)
    _bulk(Report, [dict(case_id=i + 1, reporter_id=members[i % 20].id, reason="misinformation", note="", created_at=now)
                   for i in range(rows)])
    actions = ["hide_post", "lock_thread", "warn_member", "dismiss_report", "pin_thread", "suspend_member"]
    _bulk(AuditEntry, [dict(actor_id=mod.id, action=actions[i % len(actions)], target_type="post", target_id=i + 1,
                            subject_id=members[i % 20].id, snapshot='{"body": "…"}', reason="bench",
                            created_at=now - timedelta(minutes=rows - i)) for i in range(rows)])
    return mod


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    app = bench_app(args.database_url)
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        mod = fill(args.rows)
        settle(db.engine)
        print(f"database: {db.engine.dialect.name}; filled {args.rows:,} report items and {args.rows:,} audit entries "
              f"in {time.perf_counter() - started:.1f} s")
        engine = db.engine
        moderator = mod.username
    # Each request runs in its own app context, as it would when served.
    client = app.test_client()
    client.post("/auth/login", data={"login": moderator, "password": "bench moderator password"})
    pages = [
        ("reports queue, page 1", "/admin/reports"),
        ("reports queue, page 200", "/admin/reports?page=200"),
        ("one report item", "/admin/reports/1"),
        ("audit log, newest", "/admin/audit"),
        ("audit log, 1,000 pages back", f"/admin/audit?before={args.rows - 50_000}"),
        ("audit log, by action", "/admin/audit?action=warn_member"),
        ("audit log, by member", "/admin/audit?member=bench3"),
        ("audit log, by moderator and date", f"/admin/audit?moderator=bench_mod&since={(utcnow() - timedelta(days=3)).date()}"),
        ("admin front page", "/admin/"),
    ]
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'queries':>8}")
    for label, path in pages:
        m = measure(client, engine, path, args.repeats)
        print(f"{label:40} {m['median']:10.1f} {m['p95']:8.1f} {m['cpu']:7.1f} {m['queries']:8d}")


if __name__ == "__main__":
    main()
