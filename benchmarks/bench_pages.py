"""What a page view costs: wall time, CPU time and SQL statements.

    .venv/bin/python benchmarks/bench_pages.py [--threads 2000] [--posts 60] [--practitioners 3] [--unread 1000] [--database-url URL]

Fills a throwaway database with a busy category (THREADS threads) and a long
thread (POSTS posts of realistic length, written in turn by ten members of
whom PRACTITIONERS are verified, so their posts show badges), then requests
the front page, the category page, thread pages and the practitioners
directory through the app, as a visitor and as a signed-in member, and
prints the medians. The member has UNREAD unread notifications (replies in
threads they follow, each thread of the busy category's first page), and
has read the long thread's pages before, so the pages show news.
"""
import argparse
from datetime import timedelta

from common import bench_app, measure, settle
from flask_migrate import upgrade
from sqlalchemy import insert, select

from forum.accounts.models import User
from forum.auth.services import register
from forum.extensions import db
from forum.following.models import ThreadFollow, ThreadRead
from forum.notifications.models import Notification
from forum.practitioners.review_services import verify_practitioner
from forum.practitioners.services import apply_practitioner
from forum.threads import services
from forum.threads.models import Category, Thread
from forum.timeutil import utcnow

BODY = (
    "Mine started after a fall on ice last winter. **Sitting** is the worst: after twenty minutes the "
    "buttock pain runs down the back of my thigh.\n\n- piriformis stretch, twice a day\n- tennis ball on the "
    "sore spot\n- walking every evening\n\n> what helped you most?\n\nSix PT sessions over eight weeks helped a lot."
)


def verify(members, count):
    moderator = register("bench_keeper", "mod@example.org", "bench member password", True, role="moderator")
    for member in members[:count]:
        application = apply_practitioner(member, credential="LMT", licence_number="MA1", jurisdiction="US-FL",
                                         legal_name="Bench Reader", licence_expires_on=utcnow().date() + timedelta(days=300),
                                         agree=True, bio="General information about massage.")
        verify_practitioner(moderator, application, "the Florida Board of Massage Therapy", utcnow().date())


def fill(threads, posts, practitioners):
    now = utcnow()
    members = [register(f"reader{i}", f"r{i}@example.org", "bench member password", True) for i in range(10)]
    verify(members, practitioners)
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


def give_news(member_name, unread):
    """`unread` unread notifications for the member, about threads they
    follow and have read, which have had replies since."""
    member = db.session.scalar(select(User).where(User.username == member_name))
    thread_ids = db.session.scalars(select(Thread.id).order_by(Thread.id).limit(max(1, unread // 20))).all()
    now = utcnow()
    db.session.execute(insert(ThreadFollow), [dict(member_id=member.id, thread_id=t, following=True, created_at=now)
                                              for t in thread_ids])
    db.session.execute(insert(ThreadRead), [dict(member_id=member.id, thread_id=t, read_count=1, last_read_post_id=0,
                                                 read_at=now) for t in thread_ids])
    db.session.execute(insert(Notification), [
        dict(member_id=member.id, kind="reply", body="Someone replied.", created_at=now, updated_at=now,
             thread_id=thread_ids[n % len(thread_ids)], post_id=n + 1, count=1)
        for n in range(unread)
    ])
    member.unread_notifications = unread
    db.session.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--practitioners", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--unread", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    app = bench_app(args.database_url)
    with app.app_context():
        upgrade()
        thread_id = fill(args.threads, args.posts, args.practitioners)
        give_news("reader9", args.unread)
        settle(db.engine)
        engine = db.engine
    pages = [("front page", "/"), ("category page 1 (of a busy category)", "/categories/busy"),
             ("category page 40", "/categories/busy?page=40"), ("thread page 1 (20 posts)", f"/threads/{thread_id}"),
             ("thread page 3 (20 posts)", f"/threads/{thread_id}?page=3"), ("practitioners directory", "/practitioners/")]
    print(f"database: {engine.dialect.name}; {args.threads:,} threads in one category, a thread of {args.posts} posts, "
          f"{args.practitioners} of its 10 writers verified practitioners; the member has {args.unread:,} unread notifications")
    print(f"{'page':42} {'who':8} {'wall ms':>8} {'cpu ms':>7} {'queries':>8}")
    visitor = app.test_client()
    member = app.test_client()
    member.post("/auth/login", data={"login": "reader9", "password": "bench member password"})
    for label, path in pages:
        for who, client in (("visitor", visitor), ("member", member)):
            m = measure(client, engine, path, args.repeats)
            print(f"{label:42} {who:8} {m['median']:8.2f} {m['cpu']:7.2f} {m['queries']:8d}")


if __name__ == "__main__":
    main()
