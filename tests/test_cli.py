"""The commands the people running the forum type."""
import pytest
from sqlalchemy import func, select

from forum.accounts.models import User
from forum.auth.queries import authenticate
from forum.extensions import db
from forum.threads.models import Post, Thread
from tests import factories

STRONG = "correct horse battery staple"


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def count(model):
    return db.session.scalar(select(func.count(model.id)))


def test_create_admin_asks_for_details_and_makes_an_administrator(app):
    result = run(app, "create-admin", input=f"Kim_Keeper\nkim@example.org\n{STRONG}\n{STRONG}\n")

    assert result.exit_code == 0, result.output
    assert "Administrator Kim_Keeper created." in result.output
    assert STRONG not in result.output  # the password is never echoed
    admin = db.session.scalars(select(User)).one()
    assert (admin.username, admin.email, admin.role) == ("Kim_Keeper", "kim@example.org", "admin")
    assert authenticate("kim_keeper", STRONG).id == admin.id


def test_create_admin_takes_options_without_prompting(app):
    result = run(app, "create-admin", "--username", "lee", "--email", "lee@example.org", "--password", STRONG)
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role).where(User.username == "lee")) == "admin"


@pytest.mark.parametrize("password, message", [
    ("short1", "Use at least 10 characters."),
    ("password123", "one of the most common ones"),
    ("aaaaaaaaaaaaaa", "one of the most common ones"),
])
def test_create_admin_refuses_a_weak_password(app, password, message):
    result = run(app, "create-admin", input=f"kim_keeper\nkim@example.org\n{password}\n{password}\n")

    assert result.exit_code != 0
    assert message in result.output
    assert count(User) == 0


def test_create_admin_refuses_a_taken_username(app, member):
    result = run(app, "create-admin", "--username", member.username.upper(), "--email", "x@example.org", "--password", STRONG)
    assert result.exit_code != 0
    assert "That username is taken" in result.output
    assert db.session.scalars(select(User.role)).all() == ["member"]


def test_create_admin_asks_again_when_the_passwords_differ(app):
    result = run(app, "create-admin", input=f"kim_keeper\nkim@example.org\n{STRONG}\ntypo {STRONG}\n{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert count(User) == 1


def test_seed_demo_loads_content_once(app):
    first = run(app, "seed-demo")
    assert first.exit_code == 0, f"{first.output} {first.exception!r}"

    members, threads, posts = count(User), count(Thread), count(Post)
    assert members > 0 and threads > 0 and posts > threads
    assert f"{members} members, {threads} threads, {posts} posts added" in first.output

    second = run(app, "seed-demo")
    assert second.exit_code == 0, second.output
    assert "0 members, 0 threads, 0 posts added" in second.output
    assert (count(User), count(Thread), count(Post)) == (members, threads, posts)


def test_the_demo_shows_moderators_a_flagged_possible_emergency(app):
    from forum.moderation.models import ReportCase

    factories.safety_rows()
    run(app, "seed-demo")

    flagged = db.session.scalars(select(ReportCase).where(ReportCase.signal.is_not(None))).all()
    assert [(case.signal, case.urgent, case.status) for case in flagged] == [("red_flag", 1, "open")]
    assert "can't empty my bladder" in flagged[0].post.body
    # The moderator's answer, which names the same symptoms, is advice, not a report of them.
    assert db.session.scalar(select(func.count()).select_from(Post).where(Post.signals != "")) == 1


def test_rerender_posts_reports_how_many_texts_it_rendered(app, member):
    factories.make_thread(author=member, replies=2)
    result = run(app, "rerender-posts")
    assert result.exit_code == 0, result.output
    # Three posts and one member's bio.
    assert "Re-rendered 4 texts." in result.output


def test_seed_demo_refuses_to_run_on_a_production_forum(app_with_config):
    # The demo accounts, a moderator among them, share a password anyone can read.
    production = app_with_config(FORUM_ENV="production")
    with production.app_context():
        result = run(production, "seed-demo")
        assert result.exit_code != 0
        assert "never loaded when FORUM_ENV=production" in result.output
        assert count(User) == 0


def test_recount_stories_restores_counts_that_went_wrong(app, member):
    from sqlalchemy import update

    from forum.stories.counting import counts_now
    from forum.stories.models import TreatmentCount

    factories.make_story(author=member, treatments=[("yoga", "helped_a_lot")])
    kept = counts_now()
    assert run(app, "recount-stories").output.strip().endswith("they matched the kept ones.")
    db.session.execute(update(TreatmentCount).values(members=TreatmentCount.members + 5))
    db.session.commit()
    result = run(app, "recount-stories")
    assert "now corrected" in result.output
    assert counts_now() == kept
