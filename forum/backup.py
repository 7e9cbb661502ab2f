"""Backing the database up while the forum runs, and bringing a backup back.

SQLite: the online backup API copies the file as it was at one moment
(writers carry on meanwhile, WAL lets them), into a single self-contained
file. PostgreSQL: pg_dump's custom format, brought back with pg_restore.
The search index lives in the database on both, so it comes along.

A backup is written under a temporary name beside its destination, checked,
and only then renamed, so a half-written or damaged copy never carries the
name of a backup. A restore goes only into an empty database: it never
overwrites a forum.
"""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
# sqlite3's connection, used in `with`, ends a transaction but stays open: closing() closes it.
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import URL, inspect, make_url

# Every forum database has this table: Flask-Migrate's record of its schema.
MARKER = "alembic_version"


class BackupError(Exception):
    """Why a backup or a restore was refused or failed, worded for the person running it."""


class Done(NamedTuple):
    path: Path
    size: int
    seconds: float


def back_up(engine, path, force=False):
    """Write a consistent copy of `engine`'s database to `path`. Refuses an
    existing `path` unless `force`, and the database's own file; fails,
    leaving nothing at `path`, when the copy doesn't pass `check_backup`."""
    url, path, started = engine.url, Path(path).absolute(), time.monotonic()
    kind = _kind(url)
    if kind == "sqlite" and not _sqlite_file(url).exists():
        raise BackupError(f"There is no database at {_sqlite_file(url)} to back up.")
    if path.is_dir():
        raise BackupError(f"{path} is a folder; name the backup file to write.")
    if path.exists() and not force:
        raise BackupError(f"{path} already exists; choose another name, or add --force to replace it.")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write the backup into.")
    if kind == "sqlite" and path.exists() and path.samefile(_sqlite_file(url)):
        raise BackupError(f"{path} is the forum's own database; a backup is written somewhere else.")
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(descriptor)
    temporary = Path(temporary)
    try:
        if kind == "sqlite":
            _sqlite_copy(_sqlite_file(url), temporary)
        else:
            _run(["pg_dump", "--format=custom", "--no-password", f"--file={temporary}", f"--dbname={_libpq(url)}"], url)
        check_backup(url, temporary)
        _sync(temporary)
        os.replace(temporary, path)
        _sync(path.parent)
    finally:
        temporary.unlink(missing_ok=True)
    return Done(path, path.stat().st_size, time.monotonic() - started)


def restore(engine, path):
    """Bring the backup at `path` back into `engine`'s database. Refuses a
    database that has any tables, and a file that isn't a forum backup."""
    url, path, started = engine.url, Path(path).absolute(), time.monotonic()
    kind = _kind(url)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    tables = _tables(engine, url)
    if tables:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise BackupError(f"The {describe(url)} is not empty ({len(tables)} tables: {shown}). A backup is restored only into an "
                          "empty database, so nothing is overwritten: create a new database and point DATABASE_URL at it.")
    check_backup(url, path)
    if kind == "sqlite":
        _sqlite_restore(path, _sqlite_file(url))
    else:
        # One transaction: a restore that fails part way leaves the database empty, ready to try again.
        _run(["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--no-password", f"--dbname={_libpq(url)}",
              str(path)], url)
    engine.dispose()
    return Done(path, path.stat().st_size, time.monotonic() - started)


def check_backup(database_url, path):
    """Raise BackupError unless `path` is a readable forum backup for this
    kind of database: on SQLite, an intact database file (integrity_check)
    with the forum's tables; on PostgreSQL, a pg_dump archive whose table
    of contents pg_restore can read, holding the forum's tables."""
    url = make_url(database_url)
    if _kind(url) == "postgresql":
        listing = _run(["pg_restore", "--list", str(path)], url, failure=f"{path} is not a forum backup (a pg_dump archive)")
        if f" TABLE DATA public {MARKER} " not in listing:
            raise BackupError(f"{path} is a pg_dump archive, but not of a forum database (it has no {MARKER} table).")
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            found = copy.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (MARKER,)).fetchone()[0]
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")] if found else []
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a forum backup (not a SQLite database: {error}).") from None
    if not found:
        raise BackupError(f"{path} is not a forum backup (it has no {MARKER} table).")
    if problems != ["ok"]:
        raise BackupError(f"{path} failed SQLite's integrity check: {'; '.join(problems[:5])}")


def describe(url):
    """The database, named without its password."""
    url = make_url(url)
    if _kind(url) == "sqlite":
        return f"SQLite database {_sqlite_file(url)}"
    return f"PostgreSQL database {url.database} on {url.host or 'localhost'}"


def size_text(size):
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000


def _kind(url):
    kind = url.get_backend_name()
    if kind not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups are made for SQLite and PostgreSQL databases, not {kind}.")
    return kind


def _sqlite_file(url):
    if url.database in (None, "", ":memory:"):
        raise BackupError("The database is in memory: there is no file to back up or restore into.")
    return Path(url.database).absolute()


def _sqlite_copy(source_file, destination):
    with closing(sqlite3.connect(source_file)) as source, closing(sqlite3.connect(destination)) as copy:
        source.execute("PRAGMA busy_timeout = 5000")
        # All pages in one step, under one read transaction: a snapshot of one
        # moment, however many posts are written meanwhile.
        source.backup(copy)
        # The copy would inherit WAL mode; a backup is better one file.
        copy.execute("PRAGMA journal_mode = DELETE")


def _sqlite_restore(backup_file, database_file):
    database_file.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source, \
            closing(sqlite3.connect(database_file)) as target:
        source.backup(target)
        target.execute("PRAGMA journal_mode = WAL")


def _tables(engine, url):
    if _kind(url) == "sqlite":
        database_file = _sqlite_file(url)
        if not database_file.exists():
            return []
        # Asked directly, not through the engine, whose first connection
        # would turn on WAL in the empty file before the copy arrives.
        with closing(sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)) as target:
            return [row[0] for row in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return inspect(engine).get_table_names()


def _libpq(url):
    """The SQLAlchemy URL as libpq reads it, without its password (handed
    over in PGPASSWORD, so it shows in no process list or message)."""
    return URL.create("postgresql", username=url.username, host=url.host, port=url.port, database=url.database,
                      query=url.query).render_as_string(hide_password=False)


def _run(command, url, failure=None):
    """Run a PostgreSQL client program; its output, or BackupError with what it said."""
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} was not found on PATH: install PostgreSQL's client programs "
                          "(Debian: apt-get install postgresql-client), of the server's major version or newer.")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    finished = subprocess.run([program, *command[1:]], env=env, capture_output=True, text=True)
    if finished.returncode != 0:
        said = finished.stderr.strip()
        if url.password:
            said = said.replace(url.password, "***")
        raise BackupError(f"{failure or command[0] + ' failed'}: {said}")
    return finished.stdout


def _sync(path):
    """Make sure what was written to `path` (a file, or a folder's list of names) is on disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
