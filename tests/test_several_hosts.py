"""The forum on two app hosts sharing one PostgreSQL database and one Redis,
as behind a load balancer that sends each request to either host.

Two gunicorn processes (two workers each) run the production app (wsgi:app,
FORUM_ENV=production) with the same SECRET_KEY; rate-limit counters and the
job queue are in one Redis database. Requests are real HTTP, forms carry
the CSRF token of the page they were on. Sessions, sign-outs, rate limits
and counters must behave as they would on one host.
"""
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from limits import parse_many
from sqlalchemy import func, select

from forum.accounts.models import User
from forum.accounts.security_models import MemberSession
from forum.auth.limits import SLOW_DOWN_AFTER, TOO_MANY
from forum.extensions import POSTING_LIMIT, db
from forum.jobs.queue import build_queue
from forum.threads.models import Category, Post, Thread
from tests import factories
from tests.live_hosts import Browser, answers, free_port, start_host, stop_hosts, wait_until_healthy

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="several app hosts share one database: only on PostgreSQL (set TEST_DATABASE_URL)",
)

# A Redis database of these tests' own, emptied before each test and after them all.
REDIS_URL = "redis://127.0.0.1:6379/13"
SECRET_KEY = "several-hosts-share-this-key"
# Replies a member may send in a minute, whichever host takes them.
POSTS_PER_MINUTE = parse_many(POSTING_LIMIT)[0].amount
WRITERS = 8
REPLIES_EACH = POSTS_PER_MINUTE - 2


@pytest.fixture(scope="module")
def shared_redis():
    if not answers("127.0.0.1", 6379):
        (pytest.fail if os.environ.get("CI") else pytest.skip)("Redis is not answering on 127.0.0.1:6379")
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()
    yield store
    store.flushdb()
    store.close()


def _two_ports():
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return first, second


@pytest.fixture(scope="module")
def host_pair(app, shared_redis, tmp_path_factory):
    """Hosts A and B, on the suite's database, stopped after the module's
    tests whatever happened. Each test makes the people and threads it
    needs (committed) before its first request."""
    folder = tmp_path_factory.mktemp("hosts")
    ports = _two_ports()
    settings = {
        "FORUM_ENV": "production", "FORUM_HTTPS": "0", "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "FORUM_URL": f"http://localhost:{ports[0]}", "FORUM_HOSTS": "127.0.0.1,localhost",
        "RATELIMIT_STORAGE_URI": REDIS_URL, "FORUM_JOBS": REDIS_URL,
        "MAIL_TRANSPORT": "file", "MAIL_OUTBOX": str(folder / "outbox"),
    }
    started = []
    try:
        for name, port in zip("AB", ports, strict=True):
            started.append(start_host(name, port, settings, folder))
        wait_until_healthy(started)
        yield started
    finally:
        stop_hosts(started)


@pytest.fixture
def hosts(host_pair, shared_redis):
    # Every test counts its requests from nothing (sign-in attempts are
    # limited per address, and every request here comes from 127.0.0.1).
    shared_redis.flushdb()
    return host_pair


def signed_in(host, member, remember=False):
    browser = Browser()
    fields = {"login": getattr(member, "username", member), "password": factories.PASSWORD, "next": ""}
    if remember:
        fields["remember"] = "y"
    response = browser.submit(host, "/auth/login", fields)
    assert response.status == 302, response.text[-2000:]
    return browser


def is_signed_in(browser, host, member):
    page = browser.get(host, "/settings/")
    assert page.status in (200, 302), page.status
    return page.status == 200 and member.username in page.text


def test_gunicorn_names_no_software_or_version(hosts):
    for host in hosts:
        response = Browser().get(host, "/healthz")
        assert response.status == 200
        assert dict(response.headers)["Server"] == "forum"


def test_a_session_made_on_one_host_is_good_on_the_other(hosts):
    a, b = hosts
    member = factories.make_member(username="lena_walks")

    browser = signed_in(a, member)
    assert is_signed_in(browser, b, member)
    assert not is_signed_in(Browser(), b, member)

    keeping = signed_in(a, member, remember=True)
    remembered_only = Browser({"remember": keeping.cookies["remember"]})
    assert is_signed_in(remembered_only, b, member), "host B knows the keep-me-signed-in cookie host A made"
    assert remembered_only.cookies["remember"] != keeping.cookies["remember"], "and replaced it, as it does on one host"


def test_signing_out_on_one_host_ends_the_session_on_both(hosts):
    a, b = hosts
    member = factories.make_member(username="ortho_otto")
    browser = signed_in(a, member, remember=True)
    assert {"session", "remember"} <= browser.cookies.keys()
    copied = browser.copy()
    remember_cookie_only = Browser({"remember": browser.cookies["remember"]})
    assert is_signed_in(browser, b, member)

    signed_out = browser.submit(b, "/auth/logout", {}, page="/settings/")

    assert signed_out.status == 302
    assert "remember" not in browser.cookies
    for host in (a, b):
        assert not is_signed_in(browser, host, member)
        assert not is_signed_in(copied, host, member), f"the old cookies still sign in on host {host.name}"
    assert not is_signed_in(remember_cookie_only, a, member), "the keep-me-signed-in cookie still signs in on host A"
    ended = factories.fresh(select(MemberSession).where(MemberSession.member_id == member.id))
    assert [row.ended_at is not None and row.remember_selector is None for row in ended] == [True]


def test_the_posting_limit_counts_replies_sent_to_either_host(hosts):
    a, b = hosts
    member = factories.make_member(username="sam_stretches")
    thread = factories.make_thread(title="Sitting all day at work")
    browser = signed_in(a, member)

    statuses = []
    for n in range(POSTS_PER_MINUTE + 1):
        # The form from one host, sent to the other: its token is good on both.
        page_host, post_host = (a, b) if n % 2 else (b, a)
        sent = browser.submit(post_host, f"/threads/{thread.id}/reply", {"body": f"Reply {n}: a cushion helped."},
                              page_host=page_host)
        statuses.append(sent.status)

    assert statuses == [302] * POSTS_PER_MINUTE + [429]
    assert len(factories.posts_of(thread)) == 1 + POSTS_PER_MINUTE


def test_guesses_at_a_name_with_no_account_are_counted_on_every_host(hosts):
    a, b = hosts
    browser = Browser()
    answers_given = [browser.submit((a, b)[n % 2], "/auth/login", {"login": "nobody_by_this_name", "password": f"guess number {n}"})
                     for n in range(SLOW_DOWN_AFTER + 1)]

    assert [answer.status for answer in answers_given] == [422] * SLOW_DOWN_AFTER + [429]
    assert TOO_MANY in answers_given[-1].text


def _write_replies(host, username, thread_ids, start, offset):
    """Sign in on `host` as `username`, wait for the other writers, then
    reply REPLIES_EACH times: every other reply to the first (hot) thread,
    the rest spread over the others (from the `offset`th on). Returns (thread id, body, status,
    location) for each reply."""
    browser = signed_in(host, username)
    start.wait()
    sent = []
    quiet = thread_ids[1:]
    for n in range(REPLIES_EACH):
        thread_id = thread_ids[0] if n % 2 == 0 else quiet[(offset + n) % len(quiet)]
        body = f"{username}, reply {n}: a warm bath and a short walk helped today."
        response = browser.submit(host, f"/threads/{thread_id}/reply", {"body": body})
        sent.append((thread_id, body, response.status, response.location))
    return sent


def _counter_drift():
    """Each kept counter that disagrees with the rows it counts."""
    posts = {thread_id: count for thread_id, count in db.session.execute(select(Post.thread_id, func.count()).group_by(Post.thread_id))}
    by_author = dict(db.session.execute(select(Post.author_id, func.count()).group_by(Post.author_id)).all())
    in_category = dict(db.session.execute(select(Thread.category_id, func.count()).join(Post, Post.thread_id == Thread.id)
                                          .group_by(Thread.category_id)).all())
    drift = [f"thread {t.id}: reply_count {t.reply_count}, posts {posts.get(t.id, 0)}"
             for t in factories.fresh(select(Thread)) if t.reply_count != posts.get(t.id, 0) - 1]
    drift += [f"member {u.username}: post_count {u.post_count}, posts {by_author.get(u.id, 0)}"
              for u in factories.fresh(select(User)) if u.post_count != by_author.get(u.id, 0)]
    drift += [f"category {c.slug}: post_count {c.post_count}, posts {in_category.get(c.id, 0)}"
              for c in factories.fresh(select(Category)) if c.post_count != in_category.get(c.id, 0)]
    return drift


def test_replies_sent_to_both_hosts_at_once_are_all_kept_and_counted(hosts):
    # Eight members, each under the posting limit: the limit is not what is tested here.
    category = factories.make_category()
    opener = factories.make_member(username="thread_opener")
    hot = factories.make_thread(author=opener, category=category, title="Flare-ups this week")
    quiet = [factories.make_thread(author=opener, category=category, title=f"Stretches that helped, part {n}") for n in range(3)]
    thread_ids = [hot.id] + [t.id for t in quiet]
    writers = [factories.make_member(username=f"writer_{n}").username for n in range(WRITERS)]
    start = threading.Barrier(WRITERS, timeout=60)

    with ThreadPoolExecutor(WRITERS) as pool:
        batches = pool.map(lambda n: _write_replies(hosts[n % 2], writers[n], thread_ids, start, n), range(WRITERS))
        sent = [reply for batch in batches for reply in batch]

    failed = [(status, body) for _, body, status, _ in sent if status != 302]
    assert not failed, f"{len(failed)} replies not taken: {failed[:5]}\n" + "\n".join(h.log_tail() for h in hosts)
    acknowledged = {int(re.search(r"#post-(\d+)$", location).group(1)): (thread_id, body) for thread_id, body, _, location in sent}
    assert len(acknowledged) == WRITERS * REPLIES_EACH
    kept = {post.id: (post.thread_id, post.body) for post in factories.fresh(select(Post).where(Post.id.in_(acknowledged)))}
    assert kept == acknowledged, "every reply a host acknowledged is in the database, where it was sent"
    assert len(factories.posts_of(hot)) == 1 + WRITERS * REPLIES_EACH // 2
    assert _counter_drift() == []
    # Telling each reply's readers waits for a worker, in the one queue both hosts share.
    assert build_queue(REDIS_URL).pending_count() == WRITERS * REPLIES_EACH
    for host in hosts:
        log = host.log.read_text(errors="replace")
        assert "Traceback" not in log and not re.search(r"status=5\d\d", log), host.log_tail()
