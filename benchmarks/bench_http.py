"""Pages served as production serves them, measured with wrk beside a bare
Flask page of the same size.

    .venv/bin/python benchmarks/bench_http.py [--data 50k --data 1m] [--postgres postgresql://127.0.0.1:5432/test]
                                              [--seconds 10] [--rounds 3] [--connections 16]

For each data set (benchmarks/dataset.py; built on first use and kept),
starts the forum under gunicorn with scripts/gunicorn.conf.py (production
settings, rate limits off) and benchmarks/bare.py the same way, then runs
wrk against every page in turn, ROUNDS times interleaved, and prints the
median requests per second and p50/p99 latency of each page, with the
ratios the targets are stated in. Needs wrk (Debian package wrk).
"""
import argparse
import http.cookiejar
import re
import statistics
import urllib.parse
import urllib.request

import dataset
from served import Server, wrk
from sqlalchemy import create_engine, text

TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def sign_in(base, username):
    """The Cookie header of a browser signed in as `username`."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login").read().decode()
    form = urllib.parse.urlencode({"login": username, "password": dataset.PASSWORD,
                                   "csrf_token": TOKEN.search(page).group(1)}).encode()
    opener.open(base + "/auth/login", form).read()
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "Sign out" not in opener.open(base + "/").read().decode():
        raise SystemExit(f"could not sign in as {username}")
    return cookies


def pages(url, name):
    """[(label, path, signed in?)] for the data set at `url`."""
    engine = create_engine(url)
    with engine.connect() as conn:
        long_id, posts = conn.execute(text("SELECT id, reply_count + 1 FROM threads ORDER BY reply_count DESC, id LIMIT 1")).one()
    engine.dispose()
    last = -(-posts // 20)
    deep = 40 if name == "50k" else 200
    thread = f"/threads/{long_id}"
    return [("thread, first page", thread, False), ("thread, first page", thread, True),
            (f"thread, last page ({last})", f"{thread}?page={last}", False),
            (f"thread, last page ({last})", f"{thread}?page={last}", True),
            ("category, first page", "/categories/c1", False), (f"category, page {deep}", f"/categories/c1?page={deep}", False),
            ("category, first page", "/categories/c1", True), ("home", "/", False), ("home", "/", True),
            ("search", "/search/?q=sitting+pain", False)]


def measure(name, postgres, args):
    url = dataset.build(name, postgres)
    results = {}
    with Server(args.port, url) as forum:
        cookie = "Cookie: " + sign_in(forum.url, "bench_reader")
        probe = urllib.request.urlopen(forum.url + pages(url, name)[0][1]).read()
        with Server(args.port + 1, app="benchmarks.bare:app", BARE_BYTES=len(probe)) as bare:
            targets = [("bare Flask page", bare.url + "/", False)] + [(label, forum.url + path, member)
                                                                     for label, path, member in pages(url, name)]
            for _label, target, member in targets:  # warm every worker
                wrk(target, 2, args.connections, [cookie] if member else [])
            for _ in range(args.rounds):
                for label, target, member in targets:
                    got = wrk(target, args.seconds, args.connections, [cookie] if member else [])
                    results.setdefault((label, member), []).append(got)
    return len(probe), {key: {field: statistics.median(r[field] for r in runs) for field in runs[0]} | {
        "bad": sum(r["bad"] + r["errors"] for r in runs)} for key, runs in results.items()}


def report(name, database, size, figures):
    bare = figures[("bare Flask page", False)]["rps"]
    print(f"\n{name} on {database}: thread page {size:,} bytes; medians of the rounds")
    print(f"{'page':28} {'who':8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'of bare':>8} {'errors':>7}")
    for (label, member), f in figures.items():
        print(f"{label:28} {'member' if member else 'visitor':8} {f['rps']:8.0f} {f['p50']:7.1f} {f['p99']:7.1f} "
              f"{f['rps'] / bare:8.0%} {f['bad']:7d}")
    thread = {m: next(f for (label, who), f in figures.items() if label == "thread, first page" and who == m) for m in (False, True)}
    category = figures[("category, first page", False)]
    print(f"member / visitor time per thread page: {thread[False]['rps'] / thread[True]['rps']:.2f} (target <= 1.3)")
    print(f"category / thread throughput (visitors): {category['rps'] / thread[False]['rps']:.2f} (target >= 1)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="append", choices=sorted(dataset.SHAPES))
    parser.add_argument("--postgres", help="also on this PostgreSQL server (the data sets are databases of their own on it)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8701)
    args = parser.parse_args()
    for database, postgres in [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else []):
        for name in args.data or ["50k"]:
            size, figures = measure(name, postgres, args)
            report(name, database, size, figures)


if __name__ == "__main__":
    main()
