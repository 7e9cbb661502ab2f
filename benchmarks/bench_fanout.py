"""What a reply costs when many follow its thread.

    .venv/bin/python benchmarks/bench_fanout.py [--followers 5000] [--replies 40] [--database-url URL]

Fills a throwaway database with a thread followed by FOLLOWERS members (and
a quiet one nobody follows), then posts REPLIES replies to each through the
real reply form (signed in, CSRF off), alternating writers so every reply
tells every other follower. The reply's request only queues the telling;
the job that tells the followers is then taken from the queue and run, as
the worker would. Prints the median and 95th percentile wall time of the
request and of its job, with the SQL statements of each. Half the
followers have read the thread since the last reply, so both ways a
notification is written (a new one, or an unread one counted up) are
exercised.
"""
import argparse
import statistics
import time

from common import bench_app, settle
from flask_migrate import upgrade
from sqlalchemy import event, func, insert, select, update

from forum.accounts.models import User
from forum.auth.services import register
from forum.extensions import db
from forum.jobs.queue import huey
from forum.following.models import ThreadFollow
from forum.notifications.models import Notification
from forum.threads import services
from forum.threads.models import Category
from forum.timeutil import utcnow

PASSWORD = "bench member password"


def fill(followers):
    writers = [register(f"writer{i}", f"w{i}@example.org", PASSWORD, True) for i in range(2)]
    category = Category(slug="busy", name="Busy", description="", position=1)
    db.session.add(category)
    db.session.commit()
    now = utcnow()
    hash_ = writers[0].password_hash
    db.session.execute(insert(User), [
        dict(username=f"follower{i}", username_key=f"follower{i}", username_skeleton=f"follower{i}",
             email=f"f{i}@example.org", email_key=f"f{i}@example.org", password_hash=hash_, created_at=now)
        for i in range(followers)
    ])
    busy = services.start_thread(writers[0], category, "A thread everyone follows", "How is everyone's sitting pain today?")
    quiet = services.start_thread(writers[0], category, "A thread nobody follows", "Just me here.")
    member_ids = db.session.scalars(select(User.id).where(User.username.like("follower%"))).all()
    db.session.execute(insert(ThreadFollow), [dict(member_id=m, thread_id=busy.id, following=True, created_at=now)
                                              for m in member_ids])
    db.session.commit()
    return busy.id, quiet.id


def post_replies(app, engine, thread_id, count):
    clients = []
    for i in range(2):
        client = app.test_client()
        client.post("/auth/login", data={"login": f"writer{i}", "password": PASSWORD})
        clients.append(client)
    statements, times, job_statements, job_times = [], [], [], []
    listener = lambda *args: statements.append(1)  # noqa: E731
    for n in range(count):
        if n == count // 2:
            # Half the followers read the thread: their next notification is a new row.
            with app.app_context():
                db.session.execute(update(Notification).where(Notification.id % 2 == 0).values(read_at=utcnow()))
                db.session.commit()
        event.listen(engine, "before_cursor_execute", listener)
        statements.clear()
        start = time.perf_counter()
        response = clients[n % 2].post(f"/threads/{thread_id}/reply", data={"body": f"Update {n}: the stretches help a little."})
        times.append((time.perf_counter() - start) * 1000)
        request_statements = len(statements)
        statements.clear()
        start = time.perf_counter()
        run_queued_jobs()
        job_times.append((time.perf_counter() - start) * 1000)
        job_statements.append(len(statements))
        event.remove(engine, "before_cursor_execute", listener)
        assert response.status_code == 302, response.status_code
    return summary(times) + (request_statements,) + summary(job_times) + (job_statements[-1],)


def run_queued_jobs():
    """What the worker would do: run every job waiting in the queue."""
    while (task := huey.dequeue()) is not None:
        huey.execute(task)


def summary(times):
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--followers", type=int, default=5000)
    parser.add_argument("--replies", type=int, default=40)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    app = bench_app(args.database_url)
    with app.app_context():
        upgrade()
        busy, quiet = fill(args.followers)
        settle(db.engine)
        engine = db.engine
    print(f"database: {engine.dialect.name}; {args.followers:,} followers, {args.replies} replies per thread")
    print(f"{'':24} {'the reply request':>28} {'its job (telling the followers)':>34}")
    print(f"{'thread':24} {'median ms':>9} {'p95 ms':>8} {'stmts':>6}   {'median ms':>9} {'p95 ms':>8} {'stmts':>6}")
    for label, thread_id in (("followed by nobody", quiet), (f"followed by {args.followers:,}", busy)):
        median, p95, count, job_median, job_p95, job_count = post_replies(app, engine, thread_id, args.replies)
        print(f"{label:24} {median:9.2f} {p95:8.2f} {count:6d}   {job_median:9.2f} {job_p95:8.2f} {job_count:6d}")
    with app.app_context():
        told = db.session.scalar(select(func.count(Notification.id)).where(Notification.thread_id == busy))
        unread = db.session.scalar(select(func.sum(User.unread_notifications)))
    print(f"notifications about the followed thread: {told:,}; unread counts summed: {unread:,}")


if __name__ == "__main__":
    main()
