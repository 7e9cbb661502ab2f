"""`flask search reindex` builds the index again from the posts, and the
migration that creates the index fills it from the posts already there."""
from sqlalchemy import inspect, select, text

from forum.extensions import db
from forum.moderation import services as moderation
from forum.search import queries
from forum.search.indexing import is_index_table
from tests import factories
from tests.search.conftest import found
from tests.test_migrations import empty_app  # noqa: F401 (a fixture: an empty SQLite and PostgreSQL database)


def _wipe_index():
    for table in ("search_posts", "search_threads"):
        db.session.execute(text(f"DELETE FROM {table}"))
    db.session.commit()


def test_reindex_rebuilds_a_wiped_index(app, thread, member, moderator):
    first, reply = factories.posts_of(thread)
    hidden = factories.make_post(thread, body="Sitting on the train, my details here.")
    moderation.hide_post(moderator, hidden, "Personal details.")
    _wipe_index()
    assert found("sitting", member) == [] and found("piriformis", member) == []
    db.session.commit()  # a search's transaction would hold up the rebuild on PostgreSQL

    result = app.test_cli_runner().invoke(args=["search", "reindex"])

    assert result.exit_code == 0, result.output
    assert result.output == "Search index rebuilt: 2 posts.\n"
    assert found("sitting", member) == [reply.id] and found("piriformis", member) == [first.id]
    again = factories.make_thread(author=member, title="Piriformis again", body="Stretches?")
    assert [r.title for r in queries.related_threads(again, member)] == [thread.title]


def test_the_index_is_kept_current_after_a_rebuild(app, thread, member):
    db.session.commit()
    assert app.test_cli_runner().invoke(args=["search", "reindex"]).exit_code == 0
    reply = factories.make_post(factories.reload(thread), body="Acupuncture next week.")
    assert found("acupuncture", member) == [reply.id]


def _write_a_forum_at_0008():
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (id, username, username_key, username_skeleton, email, email_key, password_hash, created_at) "
            "VALUES (1, 'ruth', 'ruth', 'ruth', 'ruth@example.org', 'ruth@example.org', 'x', '2026-11-30 10:00:00')"))
        category = conn.execute(text("SELECT min(id) FROM categories")).scalar()
        for thread_id, title, members_only in ((1, "Heat or ice for sciatica?", False), (2, "Private: bladder worries", True)):
            conn.execute(text(
                "INSERT INTO threads (id, category_id, author_id, title, slug, created_at, last_post_at, members_only, first_post_id) "
                f"VALUES ({thread_id}, {category}, 1, :title, 's', '2026-11-30 10:00:00', '2026-11-30 10:00:00', :mo, :first)"),
                {"title": title, "mo": members_only, "first": thread_id * 10})
        for post_id, thread_id, body, hidden in ((10, 1, "Ice first, then heat.", None), (11, 1, "Heat pads at night.", None),
                                                 (12, 1, "Heat and my phone number.", "2026-11-30 11:00:00"),
                                                 (20, 2, "Bladder trouble since May.", None)):
            conn.execute(text(
                "INSERT INTO posts (id, thread_id, author_id, body, body_html, created_at, hidden_at) "
                "VALUES (:id, :thread, 1, :body, '<p>x</p>', '2026-11-30 10:00:00', :hidden)"),
                {"id": post_id, "thread": thread_id, "body": body, "hidden": hidden})


def test_the_migration_fills_the_index_from_the_posts_already_written(empty_app):  # noqa: F811
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade", "0008"]).exit_code == 0
    _write_a_forum_at_0008()

    result = runner.invoke(args=["db", "upgrade"])

    assert result.exit_code == 0, result.output + repr(result.exception)
    from forum.accounts.models import User

    ruth = db.session.get(User, 1)
    assert sorted(found("heat", ruth)) == [10, 11]
    assert found("sciatica", None) == [10]
    assert found("bladder", ruth) == [20] and found("bladder", None) == []


def test_downgrading_takes_the_index_away(empty_app):  # noqa: F811
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert {name for name in inspect(db.engine).get_table_names() if is_index_table(name)} >= {"search_posts", "search_threads"}

    result = runner.invoke(args=["db", "downgrade", "0008"])

    assert result.exit_code == 0, result.output + repr(result.exception)
    assert [name for name in inspect(db.engine).get_table_names() if name.startswith("search")] == []


def _index_as_it_is():
    if db.engine.dialect.name == "postgresql":
        posts = "SELECT post_id, thread_id, category_id, author_id, created_at, members_only, title, body, story, document::text " \
                "FROM search_posts"
        heads = "SELECT post_id, title_document::text, document::text, related_query::text FROM search_threads"
    else:
        posts = "SELECT rowid, title, body, story, tags FROM search_posts"
        heads = "SELECT rowid, title, story, body, tags, related FROM search_threads"
    return sorted(db.session.execute(text(posts)).all()), sorted(db.session.execute(text(heads)).all())


def test_the_index_kept_by_every_write_is_the_one_a_rebuild_makes(app, moderator):
    """The demo forum written through the services (threads, replies, stories,
    edits, hidden posts, practitioners, backdated times), then more changes:
    whatever was written, the index holds exactly what rebuilding it would."""
    from forum.demo import seed_demo
    from forum.privacy.services import delete_account
    from forum.threads import services as threads
    from forum.threads.models import Post, Thread

    seed_demo()
    some = db.session.scalars(select(Thread.id).order_by(Thread.id)).all()
    first, second, third = (db.session.get(Thread, i) for i in some[:3])
    moderation.move_thread(moderator, first, db.session.get(Thread, some[-1]).category, "Tidying.")
    threads.set_members_only(moderator, second, True)
    moderation.hide_post(moderator, db.session.get(Post, third.last_post_id), "Details.")
    leaving = db.session.get(Post, third.first_post_id).author
    leaving.password_hash = factories.make_member().password_hash
    db.session.commit()
    delete_account(leaving, leaving, False, factories.PASSWORD)
    kept = _index_as_it_is()
    assert len(kept[0]) > 50 and len(kept[1]) > 20
    db.session.commit()

    assert app.test_cli_runner().invoke(args=["search", "reindex"]).exit_code == 0

    assert _index_as_it_is() == kept
