"""The migrations build exactly the schema the models describe, on an empty database."""
import secrets
from datetime import datetime
from contextlib import contextmanager, nullcontext

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, make_url, select, text

from forum import create_app
from forum.categories.defaults import DEFAULT_CATEGORIES
from forum.threads.models import Category
from forum.extensions import db
from forum.search.indexing import is_index_table

from .settings import base_config, database_url

# The lists pages show, and the index each one reads through.
LISTING_INDEXES = [
    ("threads", "ix_threads_category_listing", ["category_id", "pinned", "last_post_at", "id"]),  # a category's threads
    ("posts", "ix_posts_thread_id_id", ["thread_id", "id"]),  # a thread's posts, page by page
    ("threads", "ix_threads_author_created", ["author_id", "created_at"]),  # a member's threads
    ("posts", "ix_posts_author_id_id", ["author_id", "id"]),  # a member's replies
    ("report_cases", "ix_report_cases_queue", ["status", "queue_rank", "opened_at", "id"]),  # the reports queue
    ("report_cases", "ix_report_cases_status_opened_at", ["status", "opened_at"]),  # the oldest open report
    ("audit_entries", "ix_audit_entries_actor_id_id", ["actor_id", "id"]),  # the audit log by moderator
    ("audit_entries", "ix_audit_entries_action_id", ["action", "id"]),  # ... by action
    ("audit_entries", "ix_audit_entries_subject_id_id", ["subject_id", "id"]),  # ... by member
    ("notifications", "ix_notifications_member_id_id", ["member_id", "id"]),  # a member's notifications
    ("member_notes", "ix_member_notes_member_id_id", ["member_id", "id"]),  # notes on a member
    ("posts", "ix_posts_created_at", ["created_at"]),  # posts per day on the admin's front page
    ("users", "ix_users_username_skeleton", ["username_skeleton"]),  # a new name against look-alikes; the names page
    ("retired_usernames", "ix_retired_usernames_skeleton", ["skeleton"]),  # names given up, and their old links
    ("retired_usernames", "ix_retired_usernames_member_id", ["member_id"]),  # a member's former names, for moderators
    ("practitioner_applications", "ix_practitioner_applications_badge", ["member_id", "status", "lapses_at"]),  # badges
    ("practitioner_applications", "ix_practitioner_applications_queue", ["status", "created_at", "id"]),  # verification queue
    ("practitioner_applications", "ix_practitioner_applications_lapsing", ["status", "lapses_at"]),  # lapsing; the directory
    ("threads", "ix_threads_waiting", ["category_id", "practitioner_answered_at", "created_at", "id"]),  # unanswered questions
]


@contextmanager
def _empty_postgres_database():
    """A freshly created PostgreSQL database beside the suite's one, dropped afterwards."""
    import psycopg

    server = make_url(database_url())
    name = f"forum_mig_{secrets.token_hex(4)}"
    admin_dsn = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_app(request, tmp_path):
    """An app whose database has no tables at all."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'empty.db'}"
        holder = nullcontext(url)
    else:
        if not database_url().startswith("postgresql"):
            pytest.skip("TEST_DATABASE_URL is not PostgreSQL")
        holder = _empty_postgres_database()
    with holder as url:
        application = create_app(base_config(url))
        with application.app_context():
            assert inspect(db.engine).get_table_names() == []
            yield application
            db.session.remove()
            db.engine.dispose()


def _upgrade(application):
    result = application.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output + repr(result.exception)


def _not_the_search_index(name, type_, parent_names):
    return not (type_ == "table" and is_index_table(name))


def _schema_differences():
    with db.engine.connect() as conn:
        # As migrations/env.py does: the search index's tables are no model's.
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _not_the_search_index})
        return compare_metadata(context, db.metadata)


def test_upgrade_builds_exactly_what_the_models_describe(empty_app):
    _upgrade(empty_app)
    assert _schema_differences() == []


def test_upgrade_creates_the_default_categories(empty_app):
    _upgrade(empty_app)
    slugs = db.session.scalars(select(Category.slug).order_by(Category.position)).all()
    assert slugs == [c["slug"] for c in DEFAULT_CATEGORIES]


def test_upgrade_seeds_the_story_vocabularies_with_the_communitys_words(empty_app):
    from forum.stories.models import Term
    from forum.stories.vocabulary import TIME_ALONE, seed_rows

    _upgrade(empty_app)
    seeded = set(db.session.execute(select(Term.kind, Term.slug, Term.label)).tuples())
    assert seeded == {(row["kind"], row["slug"], row["label"]) for row in seed_rows()}
    assert ("treatment", TIME_ALONE, "Time alone (no treatment)") in seeded


def test_upgrade_seeds_the_safety_lists_and_the_crisis_lines(empty_app):
    """0007: a new forum checks posts from its first one, and a writer in
    distress is shown where to turn, before any moderator has set anything."""
    from forum.safety.models import CrisisResource, SafetyPhrase
    from forum.safety.phrases import DEFAULT_PHRASES
    from forum.safety.starting import STARTING_RESOURCES

    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output + repr(result.exception)

    assert set(db.session.execute(select(SafetyPhrase.kind, SafetyPhrase.phrase)).tuples()) == set(DEFAULT_PHRASES)
    resources = db.session.scalars(select(CrisisResource).order_by(CrisisResource.position)).all()
    assert [(r.name, r.contact) for r in resources] == [(r["name"], r["contact"]) for r in STARTING_RESOURCES]
    assert "Text HOME to 741741" in [r.contact for r in resources]


def test_every_index_in_the_models_exists_after_upgrade(empty_app):
    _upgrade(empty_app)
    inspector = inspect(db.engine)
    for table in db.metadata.sorted_tables:
        present = {ix["name"] for ix in inspector.get_indexes(table.name)}
        wanted = {ix.name for ix in table.indexes}
        assert wanted <= present, (table.name, wanted - present)


@pytest.mark.parametrize("table, name, columns", LISTING_INDEXES, ids=[n for _, n, _ in LISTING_INDEXES])
def test_each_listing_a_page_shows_has_its_index(empty_app, table, name, columns):
    _upgrade(empty_app)
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(db.engine).get_indexes(table)}
    assert indexes.get(name) == columns


def test_downgrade_to_base_removes_everything(empty_app):
    _upgrade(empty_app)
    result = empty_app.test_cli_runner().invoke(args=["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 0


def test_upgrade_after_downgrade_gives_the_same_schema_again(empty_app):
    _upgrade(empty_app)
    empty_app.test_cli_runner().invoke(args=["db", "downgrade", "base"])
    _upgrade(empty_app)
    assert _schema_differences() == []
    assert db.session.scalar(select(db.func.count()).select_from(Category)) == len(DEFAULT_CATEGORIES)


def test_notices_become_notifications_keeping_every_row_and_count(empty_app):
    """0003 renames notices to notifications: nobody's unread notification is
    lost, and the next one gets the next id (on PostgreSQL its sequence moves too)."""
    from forum.accounts.models import User
    from forum.notifications.models import Notification

    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade", "0002"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (id, username, username_key, email, email_key, password_hash, created_at, unread_notices) "
            "VALUES (1, 'ruth', 'ruth', 'ruth@example.org', 'ruth@example.org', 'x', '2026-11-30 10:00:00', 2)"
        ))
        conn.execute(text(
            "INSERT INTO notices (member_id, kind, body, created_at) VALUES "
            "(1, 'warning', 'Please keep it kind.', '2026-11-30 10:00:00'), "
            "(1, 'report_outcome', 'Thank you for telling us.', '2026-11-30 11:00:00')"
        ))

    _upgrade(empty_app)

    rows = db.session.execute(select(Notification.id, Notification.kind, Notification.body).order_by(Notification.id)).all()
    assert rows == [(1, "warning", "Please keep it kind."), (2, "report_outcome", "Thank you for telling us.")]
    assert db.session.get(User, 1).unread_notifications == 2
    added = Notification(member_id=1, kind="warning", body="Again.", created_at=datetime(2026, 12, 1, 9, 0))
    db.session.add(added)
    db.session.commit()
    assert added.id == 3
    assert "notices" not in inspect(db.engine).get_table_names()


def test_existing_names_get_their_skeletons_and_look_alikes_are_kept(empty_app):
    """0004 computes every member's skeleton. Names that now look alike, or
    break the name rules, stay as they were: the moderators see them listed."""
    from forum.accounts.models import User
    from forum.accounts.queries import lookalike_groups, names_breaking_rules

    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade", "0003"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    with db.engine.begin() as conn:
        for n, name in enumerate(["mod_rosa", "mod_r0sa", "Ana-Runner", "admin_jo"], 1):
            conn.execute(text(
                "INSERT INTO users (id, username, username_key, email, email_key, password_hash, created_at) "
                f"VALUES ({n}, '{name}', '{name.lower()}', 'm{n}@example.org', 'm{n}@example.org', 'x', '2026-11-30 10:00:00')"
            ))
        conn.execute(text("INSERT INTO threads (category_id, author_id, title, slug, created_at, last_post_at) "
                          "VALUES (1, 2, 'Sciatica at night', 'sciatica', '2026-11-30 10:00:00', '2026-11-30 10:00:00')"))

    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade", "0004"])
    assert result.exit_code == 0, result.output + repr(result.exception)

    rows = db.session.execute(select(User.username, User.username_skeleton).order_by(User.id)).all()
    assert rows == [("mod_rosa", "rnodrosa"), ("mod_r0sa", "rnodrosa"), ("Ana-Runner", "anarunner"), ("admin_jo", "adrnlnjo")]
    # Today's queries read today's columns: the rest of the way, then ask them.
    db.session.remove()
    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert [[m.username for m in group] for group in lookalike_groups()] == [["mod_rosa", "mod_r0sa"]]
    assert [m.username for m, _ in names_breaking_rules()] == ["admin_jo"]


def test_existing_threads_learn_their_first_post_and_the_practitioners_section_is_marked(empty_app):
    """0005: a thread's first post is its lowest post id; "Ask a practitioner"
    lists unanswered questions on a forum that already had it."""
    from forum.threads.models import Thread

    result = empty_app.test_cli_runner().invoke(args=["db", "upgrade", "0004"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    ask = db.session.scalar(select(Category.id).where(Category.slug == "ask-a-practitioner"))
    db.session.remove()
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (id, username, username_key, username_skeleton, email, email_key, password_hash, created_at) "
            "VALUES (1, 'ruth', 'ruth', 'ruth', 'ruth@example.org', 'ruth@example.org', 'x', '2026-11-30 10:00:00')"))
        for thread_id in (1, 2):
            conn.execute(text(
                "INSERT INTO threads (id, category_id, author_id, title, slug, created_at, last_post_at) "
                f"VALUES ({thread_id}, {ask}, 1, 'Question {thread_id}', 'q', '2026-11-30 10:00:00', '2026-11-30 10:00:00')"))
        for post_id, thread_id in ((5, 2), (7, 1), (9, 2), (11, 1)):
            conn.execute(text(
                "INSERT INTO posts (id, thread_id, author_id, body, body_html, created_at) "
                f"VALUES ({post_id}, {thread_id}, 1, 'x', '<p>x</p>', '2026-11-30 10:00:00')"))

    _upgrade(empty_app)

    assert db.session.execute(select(Thread.id, Thread.first_post_id).order_by(Thread.id)).all() == [(1, 7), (2, 5)]
    marked = db.session.scalars(select(Category.slug).where(Category.for_practitioners.is_(True))).all()
    assert marked == ["ask-a-practitioner"]


def test_downgrading_0005_keeps_threads_and_their_posts(empty_app):
    """The columns are dropped in place: a copy of threads would trip over
    the posts that point at it."""
    test_existing_threads_learn_their_first_post_and_the_practitioners_section_is_marked(empty_app)
    db.session.remove()

    result = empty_app.test_cli_runner().invoke(args=["db", "downgrade", "0004"])

    assert result.exit_code == 0, result.output + repr(result.exception)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM posts")).scalar() == 4
    assert "first_post_id" not in {c["name"] for c in inspect(db.engine).get_columns("threads")}
