"""What a page view costs: wall time, CPU time and SQL statements.

    .venv/bin/python benchmarks/bench_pages.py [--threads 2000] [--posts 60] [--database-url URL]

Fills a throwaway database with a busy category (THREADS threads) and a long
thread (POSTS posts of realistic length), then requests the front page, the
category page and thread pages through the app, as a visitor and as a
signed-in member, and prints the medians.
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, insert  # noqa: E402

from forum import create_app, markup  # noqa: E402
from forum.auth.services import register  # noqa: E402
from forum.categories.models import Category  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.threads import services  # noqa: E402
from forum.threads.models import Thread  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402

BODY = (
    "Mine started after a fall on ice last winter. **Sitting** is the worst: after twenty minutes the "
    "buttock pain runs down the back of my thigh.\n\n- piriformis stretch, twice a day\n- tennis ball on the "
    "sore spot\n- walking every evening\n\n> what helped you most?\n\nSix PT sessions over eight weeks helped a lot."
)


def fill(threads, posts):
    now = utcnow()
    members = [register(f"reader{i}", f"r{i}@example.org", "bench member password", True) for i in range(10)]
    category = Category(slug="busy", name="Busy", description="", position=1)
    db.session.add(category)
    db.session.commit()
    rows = [dict(category_id=category.id, author_id=members[i % 10].id, title=f"Thread {i} about sitting pain",
                 slug=f"thread-{i}", created_at=now, last_post_at=now, reply_count=3, last_post_author_id=members[(i + 1) % 10].id)
            for i in range(threads)]
    db.session.execute(insert(Thread), rows)
    db.session.execute(db.update(Category).values(thread_count=threads))
    db.session.commit()
    long_thread = services.start_thread(members[0], category, "A long thread about what helped", BODY)
    for i in range(posts - 1):
        services.reply(members[i % 10], long_thread, BODY)
    return long_thread.id


def measure(client, engine, url, repeats):
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    walls, cpus = [], []
    for _ in range(repeats):
        statements.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    event.remove(engine, "before_cursor_execute", listener)
    return statistics.median(walls), statistics.median(cpus), len(statements)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade()
        thread_id = fill(args.threads, args.posts)
        engine = db.engine
    pages = [("front page", "/"), ("category page 1 (of a busy category)", "/categories/busy"),
             ("category page 40", "/categories/busy?page=40"), ("thread page 1 (20 posts)", f"/threads/{thread_id}"),
             ("thread page 3 (20 posts)", f"/threads/{thread_id}?page=3")]
    print(f"database: {engine.dialect.name}; {args.threads:,} threads in one category, a thread of {args.posts} posts")
    print(f"{'page':42} {'who':8} {'wall ms':>8} {'cpu ms':>7} {'queries':>8}")
    visitor = app.test_client()
    member = app.test_client()
    member.post("/auth/login", data={"login": "reader9", "password": "bench member password"})
    for label, path in pages:
        for who, client in (("visitor", visitor), ("member", member)):
            wall, cpu, queries = measure(client, engine, path, args.repeats)
            print(f"{label:42} {who:8} {wall:8.2f} {cpu:7.2f} {queries:8d}")


if __name__ == "__main__":
    main()
