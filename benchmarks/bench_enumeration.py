"""Whether the pages that take an email address answer as fast for an address
with an account as for one without, with production's password hashing.

    .venv/bin/python benchmarks/bench_enumeration.py [--rounds 40] [--database-url URL]

Times, interleaved, POST /auth/register with a new address and with a
registered one (both hash the password once; the emails only go into the
queue), and POST /auth/forgot-password with a registered and an unknown
address, and prints median and p95 wall milliseconds of each and the ratio
of the medians. A ratio near 1 means a stranger timing the answer learns
nothing about who has an account.
"""
import argparse
import statistics
import time

from common import bench_app
from flask_migrate import upgrade

from forum.auth.services import register
from forum.extensions import db

PASSWORD = "a long enough bench password"


def timed(client, url, data):
    start = time.perf_counter()
    response = client.post(url, data=data)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 302, (url, response.status_code)
    return elapsed


def run(app, rounds):
    client = app.test_client()
    times = {"register, new address": [], "register, taken address": [],
             "reset, registered address": [], "reset, unknown address": []}
    for n in range(rounds):
        times["register, new address"].append(timed(client, "/auth/register", {
            "username": f"newcomer{n}", "email": f"newcomer{n}@example.org", "password": PASSWORD, "accept": "y"}))
        times["register, taken address"].append(timed(client, "/auth/register", {
            "username": f"other{n}", "email": "existing@example.org", "password": PASSWORD, "accept": "y"}))
        # Each first on alternate rounds, so that coming first costs neither.
        resets = [("reset, registered address", f"member{n}@example.org"), ("reset, unknown address", f"nobody{n}@example.org")]
        for label, address in resets if n % 2 else reversed(resets):
            times[label].append(timed(client, "/auth/forgot-password", {"email": address}))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    app = bench_app(args.database_url)
    # Production's hash (scrypt), not the benchmarks' fast one: the point is its cost.
    app.config.pop("PASSWORD_HASH_METHOD", None)
    with app.app_context():
        upgrade()
        register("existing", "existing@example.org", PASSWORD, True)
        for n in range(args.rounds):
            register(f"member{n}", f"member{n}@example.org", PASSWORD, True)
        db.session.commit()
    times = run(app, args.rounds)
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}; "
          f"{args.rounds} rounds, interleaved")
    print(f"{'request':28} {'median ms':>10} {'p95 ms':>8}")
    medians = {}
    for label, values in times.items():
        values.sort()
        medians[label] = statistics.median(values)
        print(f"{label:28} {medians[label]:10.2f} {values[max(0, int(len(values) * 0.95) - 1)]:8.2f}")
    print(f"register: taken / new = {medians['register, taken address'] / medians['register, new address']:.2f}; "
          f"reset: unknown / registered = {medians['reset, unknown address'] / medians['reset, registered address']:.2f}")


if __name__ == "__main__":
    main()
