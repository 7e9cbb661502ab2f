"""A throwaway PostgreSQL database for one test run.

    postgres.py available      exit 0 when PostgreSQL answers on 127.0.0.1:5432
    postgres.py create         create a fresh database and print its URL
    postgres.py drop URL       drop that database
"""
import os
import sys
import uuid

import psycopg

SERVER = os.environ.get("TEST_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432/test")


def _admin():
    return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)


def available():
    try:
        with _admin():
            return 0
    except psycopg.Error:
        return 1


def create():
    name = f"forum_test_{uuid.uuid4().hex[:10]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = SERVER.rsplit("/", 1)[0]
    print(f"{base}/{name}")
    return 0


def drop(url):
    name = url.rsplit("/", 1)[1]
    if not name.startswith("forum_test_"):
        print(f"refusing to drop {name}", file=sys.stderr)
        return 1
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "available":
        sys.exit(available())
    if command == "create":
        sys.exit(create())
    if command == "drop" and len(sys.argv) == 3:
        sys.exit(drop(sys.argv[2]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
