"""Counts stay right when members tell and update stories at the same time:
each change adds its own difference in SQL, and on PostgreSQL a member's
changes wait for each other, so the kept counts equal a rebuild."""
import threading

from forum.extensions import db
from forum.stories import counting, services
from forum.stories.models import Story
from tests.factories import make_category, make_member, make_story, story_account

OUTCOMES = ["helped_a_lot", "no_change", "worse", "helped_a_little"]


def _in_own_session(app, work, errors):
    def run():
        with app.app_context():
            try:
                work()
            except Exception as error:  # reported to the test below
                errors.append(error)
            finally:
                db.session.remove()
    return threading.Thread(target=run)


def test_stories_told_and_updated_at_once_count_as_a_rebuild_does(app):
    category = make_category()
    members = [make_member() for _ in range(4)]
    twice = make_member()
    first, second = (make_story(author=twice, category=category, treatments=[("heat", "no_change")]) for _ in range(2))
    member_ids, story_ids = [m.id for m in members], (first.id, second.id)
    category_id = category.id

    def tell(n):
        def work():
            from forum.accounts.models import User
            from forum.threads.models import Category

            author, place = db.session.get(User, member_ids[n]), db.session.get(Category, category_id)
            services.tell_story(author, place, f"Told at once {n}", "Same day, same pain.",
                                story_account(treatments=[("heat", OUTCOMES[n]), ("yoga", OUTCOMES[-n - 1])]))
        return work

    def update(story_id, outcome):
        def work():
            story = db.session.get(Story, story_id)
            services.update_story(story.author, story, story_account(treatments=[("heat", outcome)]))
        return work

    errors = []
    workers = [_in_own_session(app, tell(n), errors) for n in range(4)]
    workers += [_in_own_session(app, update(story_ids[0], "helped_a_lot"), errors),
                _in_own_session(app, update(story_ids[1], "worse"), errors)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    db.session.expire_all()
    kept = counting.counts_now()
    counting.rebuild()
    db.session.commit()
    assert counting.counts_now() == kept
    # Five members report heat: four new tellers and the one with two stories.
    heat = sum(n for (c, k, t, o), n in kept[1].items() if (c, k) == (0, 0) and t == story_account(
        treatments=[("heat", "no_change")]).treatments[0].term_id)
    assert heat == 5
