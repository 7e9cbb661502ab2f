"""What the benchmarks share: a throwaway app, settled statistics, timing."""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Jobs go to a queue of the benchmark's own (bench_fanout runs them itself),
# never to the development forum's.
os.environ.setdefault("FORUM_JOBS", f"sqlite:///{Path(tempfile.mkdtemp()) / 'jobs.db'}")

from sqlalchemy import event  # noqa: E402

from forum import create_app  # noqa: E402


def bench_app(database_url=None):
    """An app on DATABASE_URL, or on a SQLite file in a temp folder."""
    url = database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False,
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "WTF_CSRF_ENABLED": False})


def settle(engine):
    """Gather planner statistics, as a live database's autovacuum would have."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def measure(client, engine, url, repeats):
    """GET `url` `repeats` times: median and p95 wall ms, median CPU ms, and
    the SQL statements of one request."""
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    walls, cpus = [], []
    try:
        for _ in range(repeats):
            statements.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    walls.sort()
    return {"median": statistics.median(walls), "p95": walls[max(0, int(len(walls) * 0.95) - 1)],
            "cpu": statistics.median(cpus), "queries": len(statements)}
