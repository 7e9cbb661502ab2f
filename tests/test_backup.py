"""`flask backup` and `flask restore`, on the database the suite runs on.

On PostgreSQL they run pg_dump and pg_restore for real; a fresh empty
database to restore into comes from scripts/postgres.py.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, make_url, select, text

from forum import backup as backups
from forum.accounts.models import User
from forum.extensions import db
from forum.search.sqlite_index import TABLES as SEARCH_INDEX_TABLES
from forum.threads.models import Category, Post, Thread
from forum.threads.services import reply
from tests import factories

ROOT = Path(__file__).resolve().parents[1]


def run(app, *args):
    # In the app's own context: a command finding the test's context open would run in the suite's app.
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def on_postgres(app):
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


@pytest.fixture(autouse=True)
def _postgres_client_programs(app):
    if on_postgres(app) and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        if os.environ.get("CI"):
            pytest.fail("pg_dump and pg_restore must be installed in CI: PostgreSQL backups are tested for real there.")
        pytest.skip("pg_dump and pg_restore are not installed, so PostgreSQL backups can't be tried on this machine.")


@pytest.fixture
def postgres(app):
    if not on_postgres(app):
        pytest.skip("pg_dump and pg_restore are used on PostgreSQL only.")


@pytest.fixture
def empty_database(app, tmp_path):
    """The URL of a database with nothing in it, of the suite's kind."""
    if not on_postgres(app):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    script = [sys.executable, str(ROOT / "scripts" / "postgres.py")]
    url = subprocess.run([*script, "create"], check=True, capture_output=True, text=True).stdout.strip()
    try:
        yield url.replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        subprocess.run([*script, "drop", url], check=True)


@pytest.fixture
def restored_forum(app_with_config, empty_database):
    """A forum whose database is empty, for `flask restore` to fill."""
    return app_with_config(SQLALCHEMY_DATABASE_URI=empty_database)


class Writer(threading.Thread):
    """Members replying in their own threads, one commit after another, in
    an app and a database connection of their own, until stopped."""

    def __init__(self, app, thread_ids):
        super().__init__(daemon=True)
        self.app, self.thread_ids = app, thread_ids
        self.posted, self.error = 0, None
        self.stopping = threading.Event()

    def run(self):
        with self.app.app_context():
            try:
                while not self.stopping.is_set():
                    thread = db.session.get(Thread, self.thread_ids[self.posted % len(self.thread_ids)])
                    reply(thread.author, thread, f"Writer post {self.posted}: the morning stretch helped again.")
                    self.posted += 1
            except Exception as error:  # handed to the test, which fails with it
                self.error = error
            finally:
                db.session.remove()

    def wait_for(self, posted, timeout=30):
        deadline = time.monotonic() + timeout
        while self.posted < posted and self.error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert self.error is None, self.error
        assert self.posted >= posted, f"the writer posted {self.posted} in {timeout} s"

    def finish(self):
        self.stopping.set()
        self.join(timeout=30)
        assert self.error is None, self.error


def row_counts(engine):
    with engine.connect() as connection:
        return {name: connection.scalar(text(f'SELECT count(*) FROM "{name}"')) for name in inspect(connection).get_table_names()}


def rows(engine, table):
    with engine.connect() as connection:
        return {row.id: row for row in connection.execute(select(table))}


def mismatched_counters(engine):
    """Every kept counter that disagrees with the rows it counts (none, in a consistent copy)."""
    posts = select(func.count(Post.id))
    checks = {
        "threads.reply_count": select(Thread.id).where(Thread.reply_count != posts.where(Post.thread_id == Thread.id).scalar_subquery() - 1),
        "threads.last_post_id": select(Thread.id).where(
            Thread.last_post_id != select(func.max(Post.id)).where(Post.thread_id == Thread.id).scalar_subquery()),
        "users.post_count": select(User.id).where(User.post_count != posts.where(Post.author_id == User.id).scalar_subquery()),
        "categories.post_count": select(Category.id).where(
            Category.post_count != posts.join(Thread).where(Thread.category_id == Category.id).scalar_subquery()),
        "categories.thread_count": select(Category.id).where(
            Category.thread_count != select(func.count(Thread.id)).where(Thread.category_id == Category.id).scalar_subquery()),
    }
    with engine.connect() as connection:
        found = {name: connection.scalars(check).all() for name, check in checks.items()}
        # Every post is shown, so the search index holds one document for each.
        index = connection.scalar(text("SELECT count(*) FROM search_posts"))
        if index != connection.scalar(posts):
            found["search_posts"] = [index]
    return {name: ids for name, ids in found.items() if ids}


def test_a_backup_taken_while_members_post_restores_as_one_consistent_moment(app, app_with_config, restored_forum, tmp_path):
    category = factories.make_category()
    threads = [factories.make_thread(author=factories.make_member(), category=category, replies=2) for _ in range(3)]
    source = db.engine
    path = tmp_path / "forum.backup"

    writer = Writer(app_with_config(), [thread.id for thread in threads])
    writer.start()
    try:
        writer.wait_for(5)
        before = row_counts(source)
        result = run(app, "backup", str(path))
        after = row_counts(source)
        # The writer was posting before the backup and goes on after it.
        writer.wait_for(writer.posted + 3)
    finally:
        writer.finish()
    assert result.exit_code == 0, result.output
    assert f"Backup written to {path} (" in result.output and " s, and checked." in result.output

    restored = run(restored_forum, "restore", str(path))
    assert restored.exit_code == 0, restored.output
    assert f"Restored {path} (" in restored.output
    with restored_forum.app_context():
        copy = db.engine

    counts = row_counts(copy)
    assert counts.keys() == before.keys()
    for table, count in counts.items():
        # A table the writer didn't touch while the backup ran is copied
        # whole; one it grew holds what it held at some moment in between.
        # (SQLite's FTS5 keeps its index in tables of its own, whose rows
        # merge as it grows: the index is checked against the posts below.)
        if table.startswith(tuple(f"{name}_" for name in SEARCH_INDEX_TABLES)):
            continue
        assert before[table] <= count <= after[table], (table, before[table], count, after[table])
    assert mismatched_counters(copy) == {}
    copied, original = rows(copy, Post.__table__), rows(source, Post.__table__)
    assert copied and all(row == original[post_id] for post_id, row in copied.items())

    thread = threads[0]
    page = restored_forum.test_client().get(f"/threads/{thread.id}/{thread.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert thread.title in html
    assert "Reply 2: stretching helped a little." in html and "Writer post 0: the morning stretch helped again." in html


def test_backup_refuses_to_replace_a_file_unless_forced(app, member, tmp_path):
    path = tmp_path / "forum.backup"
    path.write_text("yesterday's backup")

    refused = run(app, "backup", str(path))
    assert refused.exit_code != 0
    assert "already exists; choose another name, or add --force to replace it." in refused.output
    assert path.read_text() == "yesterday's backup"

    forced = run(app, "backup", str(path), "--force")
    assert forced.exit_code == 0, forced.output
    backups.check_backup(app.config["SQLALCHEMY_DATABASE_URI"], path)
    assert list(tmp_path.iterdir()) == [path]


def test_a_backup_failing_its_check_never_carries_the_name(app, member, tmp_path, monkeypatch):
    def damaged(url, written):
        assert written.exists() and written.name != "forum.backup"
        raise backups.BackupError(f"{written} failed the check")

    monkeypatch.setattr(backups, "check_backup", damaged)
    result = run(app, "backup", str(tmp_path / "forum.backup"))

    assert result.exit_code != 0
    assert "failed the check" in result.output
    assert list(tmp_path.iterdir()) == []  # neither the backup nor its half-written copy


def test_restore_refuses_a_database_that_is_not_empty(app, member, tmp_path):
    path = tmp_path / "forum.backup"
    assert run(app, "backup", str(path)).exit_code == 0
    factories.make_member(username="joined_after")

    result = run(app, "restore", str(path))

    assert result.exit_code != 0
    assert "is not empty" in result.output and "A backup is restored only into an empty database" in result.output
    db.session.rollback()
    assert sorted(db.session.scalars(select(User.username))) == ["ana_runner", "joined_after"]


def _not_a_forum_database(app, empty_database, path):
    """A backup of a database, but not of a forum's."""
    if on_postgres(app):
        url = empty_database.replace("postgresql+psycopg://", "postgresql://", 1)
        subprocess.run(["pg_dump", "--format=custom", f"--file={path}", f"--dbname={url}"], check=True)
    else:
        with closing(sqlite3.connect(path)) as other:
            other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            other.commit()


@pytest.mark.parametrize("kind", ["text", "another database"])
def test_restore_refuses_a_file_that_is_not_a_forum_backup(app, restored_forum, empty_database, tmp_path, kind):
    path = tmp_path / "notes.backup"
    if kind == "text":
        path.write_text("Pain diary: Monday 4/10, Tuesday 6/10.\n" * 50)
    else:
        _not_a_forum_database(app, empty_database, path)

    result = run(restored_forum, "restore", str(path))

    assert result.exit_code != 0
    assert f"{path} is not a forum backup" in result.output or "not of a forum database" in result.output
    with restored_forum.app_context():
        assert inspect(db.engine).get_table_names() == []


def test_the_database_password_is_never_shown(app, app_with_config, postgres, member, tmp_path):
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).set(password="n0t-to-be-sh0wn")
    with_password = app_with_config(SQLALCHEMY_DATABASE_URI=url.render_as_string(hide_password=False))
    missing = app_with_config(SQLALCHEMY_DATABASE_URI=url.set(database="forum_no_such_database").render_as_string(hide_password=False))

    written = run(with_password, "backup", str(tmp_path / "forum.backup"))
    failed = run(missing, "backup", str(tmp_path / "other.backup"))

    assert written.exit_code == 0, written.output
    assert failed.exit_code != 0 and 'database "forum_no_such_database" does not exist' in failed.output
    assert "n0t-to-be-sh0wn" not in written.output + failed.output


def test_backup_says_so_when_pg_dump_is_missing(app, postgres, member, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run(app, "backup", str(tmp_path / "forum.backup"))
    assert result.exit_code != 0
    assert "pg_dump was not found on PATH: install PostgreSQL's client programs" in result.output
