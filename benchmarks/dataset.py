"""The data sets the HTTP benchmarks run on, built once and kept.

- "50k": 5,000 threads in four categories (1,250 each, so a category is 50
  pages deep), the first with 200 posts and the others with 10: 50,190 posts.
- "1m": 50,000 threads (12,500 a category), the first with 2,001 posts (a
  thread with 2,000 replies) and the others with 20: 1,001,981 posts.

Posts are written by 1,000 members, ten of them verified practitioners,
with text in the words members use (benchmarks/bench_search.py), rendered
once through the forum's own Markdown renderer. The member `bench_reader`
follows the first thread of each of the 50 newest threads and has 1,000
unread notifications; `writer_00` to `writer_31` post in the write
benchmarks. All sign in with PASSWORD. Counters (replies, posts per member
and per category) agree with the rows, and the search index is built.

A SQLite data set is a file under .bench-data/ (kept between runs); a
PostgreSQL one is the database forum_bench_<name> on the server given.
"""
import random
import time
from datetime import timedelta
from pathlib import Path

from bench_search import Writer
from common import bench_app, settle
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, insert, select, text, update
from sqlalchemy.engine import make_url

from forum.accounts.models import User, email_key, username_key
from forum.accounts.names import skeleton
from forum.auth.services import register
from forum.extensions import db
from forum.following.models import ThreadFollow, ThreadRead
from forum.markup import render
from forum.notifications.models import Notification
from forum.practitioners.models import Application
from forum.search import services as search
from forum.threads.models import Category, Post, Thread
from forum.timeutil import utcnow

SHAPES = {"50k": {"threads": 5_000, "posts": 10, "long": 200},
          "1m": {"threads": 50_000, "posts": 20, "long": 2_001}}
CATEGORIES = ["Piriformis syndrome", "Sciatica", "Low back pain", "Treatments"]
AUTHORS = 1_000
PRACTITIONERS = 10
WRITERS = 32
PASSWORD = "bench member password"
CHUNK = 20_000
DATA = Path(__file__).resolve().parent.parent / ".bench-data"


def expected_posts(shape):
    return shape["long"] + (shape["threads"] - 1) * shape["posts"]


def database_url(name, postgres=None):
    """Where the data set `name` lives: a SQLite file, or a database on the
    PostgreSQL server at `postgres` (created if missing)."""
    if not postgres:
        DATA.mkdir(exist_ok=True)
        return f"sqlite:///{DATA / f'forum-{name}.db'}"
    server = make_url(postgres.replace("postgresql://", "postgresql+psycopg://", 1))
    database = f"forum_bench_{name}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}):
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    admin.dispose()
    return server.set(database=database).render_as_string(hide_password=False)


def _is_built(shape):
    try:
        posts = db.session.scalar(select(func.count()).select_from(Post))
        reader = db.session.scalar(select(User.id).where(User.username == "bench_reader"))
    except Exception:
        db.session.rollback()
        return False
    return posts == expected_posts(shape) and reader is not None


def _authors(now):
    hashed = "pbkdf2:sha256:1000$bench$0"  # nobody signs in as an author
    rows = [{"id": n + 1, "username": f"reader_{n}", "username_key": username_key(f"reader_{n}"),
             "username_skeleton": skeleton(f"reader_{n}"), "email": f"r{n}@example.org", "email_key": email_key(f"r{n}@example.org"),
             "password_hash": hashed, "created_at": now - timedelta(days=800), "email_confirmed_at": now}
            for n in range(AUTHORS)]
    db.session.execute(insert(User), rows)
    db.session.execute(insert(Application), [
        {"member_id": n + 1, "status": "verified", "credential": "PT", "licence_number": "X1", "jurisdiction": "US-FL",
         "legal_name": "Bench Reader", "licence_expires_on": now.date() + timedelta(days=300),
         "lapses_at": now + timedelta(days=300), "created_at": now} for n in range(0, AUTHORS, AUTHORS // PRACTITIONERS)])
    db.session.execute(text("DELETE FROM categories"))
    db.session.execute(insert(Category), [{"id": n + 1, "slug": f"c{n + 1}", "name": name, "position": n}
                                          for n, name in enumerate(CATEGORIES)])
    if db.engine.dialect.name == "postgresql":
        for table in ("users", "categories"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()


def _threads_and_posts(shape, now, rng):
    writer = Writer(rng)
    bodies = []
    for _ in range(300):
        source = writer.body(rng.randint(2, 7))
        bodies.append((source, render(source)))
    threads, per_thread, long = shape["threads"], shape["posts"], shape["long"]
    total = expected_posts(shape)
    start = now - timedelta(days=700)
    step = (now - timedelta(hours=1) - start) / total
    # Thread t's posts are numbered from first[t]; posts are spread over
    # time thread by thread, the long thread last (so it is the newest).
    sizes = [per_thread] * (threads - 1) + [long]
    thread_rows, first = [], 1
    for t, size in enumerate(sizes):
        author = rng.randrange(AUTHORS)
        last_author = (author + size - 1) % AUTHORS
        thread_rows.append({"id": t + 1, "category_id": 1 + t % len(CATEGORIES), "author_id": author + 1,
                            "title": writer.title(), "slug": f"thread-{t + 1}", "created_at": start + step * (first - 1),
                            "last_post_at": start + step * (first + size - 2), "reply_count": size - 1,
                            "first_post_id": first, "last_post_id": first + size - 1, "last_post_author_id": last_author + 1})
        first += size
    for begin in range(0, len(thread_rows), CHUNK):
        db.session.execute(insert(Thread), thread_rows[begin:begin + CHUNK])
    db.session.commit()
    rows = []
    for t, row in enumerate(thread_rows):
        author = row["author_id"] - 1
        for n in range(sizes[t]):
            post_id = row["first_post_id"] + n
            source, html = bodies[post_id % len(bodies)]
            rows.append({"id": post_id, "thread_id": row["id"], "author_id": (author + n) % AUTHORS + 1, "body": source,
                         "body_html": html, "created_at": start + step * (post_id - 1)})
            if len(rows) == CHUNK:
                db.session.execute(insert(Post), rows)
                db.session.commit()
                rows = []
    if rows:
        db.session.execute(insert(Post), rows)
    db.session.commit()
    return thread_rows


def _counters():
    """Every counter from the rows, as the services would have kept it."""
    posts_by = select(func.count()).where(Post.author_id == User.id).scalar_subquery()
    db.session.execute(update(User).values(post_count=posts_by))
    threads_in = select(func.count()).where(Thread.category_id == Category.id).scalar_subquery()
    posts_in = select(func.coalesce(func.sum(Thread.reply_count + 1), 0)).where(Thread.category_id == Category.id).scalar_subquery()
    db.session.execute(update(Category).values(thread_count=threads_in, post_count=posts_in))
    if db.engine.dialect.name == "postgresql":
        for table in ("threads", "posts"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    db.session.commit()


def _people_who_sign_in(thread_rows, now):
    reader = register("bench_reader", "bench_reader@example.org", PASSWORD, True)
    for n in range(WRITERS):
        register(f"writer_{n:02d}", f"writer_{n:02d}@example.org", PASSWORD, True)
    db.session.execute(update(User).where(User.username.like("writer_%") | (User.username == "bench_reader"))
                       .values(email_confirmed_at=now))
    newest = sorted(thread_rows, key=lambda row: row["last_post_at"])[-50:]
    db.session.execute(insert(ThreadFollow), [dict(member_id=reader.id, thread_id=row["id"], following=True, created_at=now)
                                              for row in newest])
    db.session.execute(insert(ThreadRead), [dict(member_id=reader.id, thread_id=row["id"], read_count=1,
                                                 last_read_post_id=row["first_post_id"], read_at=now) for row in newest])
    db.session.execute(insert(Notification), [
        dict(member_id=reader.id, kind="reply", body="Someone replied.", created_at=now, updated_at=now,
             thread_id=newest[n % 50]["id"], post_id=newest[n % 50]["last_post_id"], count=1) for n in range(1000)])
    reader.unread_notifications = 1000
    db.session.commit()


def build(name, postgres=None, seed=7):
    """The data set `name` ("50k" or "1m"), built if it isn't already.
    Returns its database URL."""
    shape = SHAPES[name]
    url = database_url(name, postgres)
    app = bench_app(url)
    with app.app_context():
        upgrade()
        if _is_built(shape):
            db.engine.dispose()
            return url
        if db.session.scalar(select(func.count()).select_from(User)):
            raise SystemExit(f"{url} holds something other than the {name} data set: remove it first.")
        began = time.perf_counter()
        print(f"Building the {name} data set ({expected_posts(shape):,} posts) in {make_url(url).render_as_string()}...", flush=True)
        now = utcnow().replace(microsecond=0)
        _authors(now)
        thread_rows = _threads_and_posts(shape, now, random.Random(seed))
        _counters()
        _people_who_sign_in(thread_rows, now)
        search.reindex()
        settle(db.engine)
        print(f"...built in {time.perf_counter() - began:.0f} s.", flush=True)
        db.engine.dispose()
    return url


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", choices=sorted(SHAPES))
    parser.add_argument("--postgres", help="a PostgreSQL server, e.g. postgresql://127.0.0.1:5432/test")
    args = parser.parse_args()
    print(build(args.name, args.postgres))
