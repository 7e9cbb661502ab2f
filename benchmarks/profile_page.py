"""Where a page's time goes: cProfile over REPEATS requests of one page.

    .venv/bin/python benchmarks/profile_page.py /threads/5000 [--member] [--data 50k] [--repeats 300] [--postgres URL]

Runs on a data set of benchmarks/dataset.py (built if missing), through the
app in this process (no server), and prints the functions that took most
time, cumulative and own.
"""
import argparse
import cProfile
import pstats

import dataset
from common import bench_app


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path")
    parser.add_argument("--member", action="store_true", help="signed in as bench_reader")
    parser.add_argument("--data", default="50k", choices=sorted(dataset.SHAPES))
    parser.add_argument("--repeats", type=int, default=300)
    parser.add_argument("--postgres")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    app = bench_app(dataset.build(args.data, args.postgres))
    client = app.test_client()
    if args.member:
        client.post("/auth/login", data={"login": "bench_reader", "password": dataset.PASSWORD})
    for _ in range(20):
        assert client.get(args.path).status_code == 200
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeats):
        client.get(args.path)
    profile.disable()
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.lines)
    stats.sort_stats("tottime").print_stats(args.lines)


if __name__ == "__main__":
    main()
