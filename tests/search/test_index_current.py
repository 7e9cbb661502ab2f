"""The index is kept current in the transaction of every write: whichever
way a post, a thread, a story or an account changes, the next search sees
it, and a change rolled back never reaches the index."""
import pytest
from sqlalchemy import text, update

from forum.extensions import db
from forum.moderation import services as moderation
from forum.privacy.services import delete_account
from forum.stories import services as stories
from forum.stories import vocabulary_services as vocabulary
from forum.threads import services as threads
from forum.threads.models import Post, Thread
from tests import factories
from tests.search.conftest import found


def test_a_new_thread_and_a_reply_are_found_at_once(member, category):
    thread = threads.start_thread(member, category, "Cycling and sciatica", "Ninety minutes on the bike did it.")
    reply = threads.reply(member, thread, "An update: a shorter ride today.")
    assert found("cycling", member) == [thread.first_post_id]
    assert found("ride", member) == [reply.id]


def test_an_edit_replaces_the_words(thread, member):
    first, _ = factories.posts_of(thread)
    threads.edit_post(member, first, "Now I do yoga instead.")
    assert found("twice", member) == [] and found("yoga", member) == [first.id]


def test_a_moderators_edit_too(thread, member, moderator):
    _, reply = factories.posts_of(thread)
    threads.edit_post(moderator, reply, "Sitting makes it worse.", reason="A detail taken out.")
    assert found("desk", member) == [] and found("sitting", member) == [reply.id]


def test_hiding_takes_a_post_out_and_restoring_puts_it_back(thread, member, moderator):
    _, reply = factories.posts_of(thread)
    moderation.hide_post(moderator, reply, "Personal details.")
    assert found("desk", member) == [] and found("desk", moderator) == []
    moderation.restore_post(moderator, factories.reload(reply), "Details removed by the author.")
    assert found("desk", member) == [reply.id]


def test_hiding_through_a_report_decision(thread, member, other_member, moderator):
    from forum.moderation import report_services
    from tests.moderation.factories import cases_about

    _, reply = factories.posts_of(thread)
    factories.make_report(other_member, reply)
    [case] = cases_about(reply)
    assert found("desk", member) == [reply.id]
    report_services.decide_report(moderator, case, "hide_post", "Unsafe advice.")
    assert found("desk", member) == []


def test_hiding_a_first_post_takes_the_title_out_too(thread, member, moderator):
    first, _ = factories.posts_of(thread)
    assert found("piriformis", member) == [first.id]
    moderation.hide_post(moderator, first, "Spam.")
    assert found("piriformis", member) == [] and found("stretch", member) == []


def test_deleting_takes_a_post_out(thread, member):
    _, reply = factories.posts_of(thread)
    assert found("desk", member) == [reply.id]
    threads.delete_post(member, reply)
    assert found("desk", member) == []


def test_moving_a_thread_moves_every_post(thread, member, moderator, category):
    elsewhere = factories.make_category(name="Elsewhere")
    moderation.move_thread(moderator, thread, elsewhere, "Belongs there.")
    assert found("sitting", member, category_id=category.id) == []
    first, reply = factories.posts_of(thread)
    assert found("sitting", member, category_id=elsewhere.id) == [reply.id]
    assert found("stretch", member, category_id=elsewhere.id) == [first.id]


def test_a_new_title_is_found_and_the_old_one_not(thread, member, moderator):
    moderation.retitle_thread(moderator, thread, "Exercises for a sore buttock", "A clearer title.")
    first, _ = factories.posts_of(thread)
    assert found("piriformis", member) == []
    assert found("exercises", member) == [first.id]


@pytest.mark.parametrize("closed", [True, False])
def test_a_thread_kept_for_members_leaves_visitors_results(thread, member, closed):
    if not closed:
        threads.set_members_only(member, thread, True)
    threads.set_members_only(member, factories.reload(thread), closed)
    first, reply = factories.posts_of(thread)
    assert found("sitting", member) == [reply.id]
    assert found("sitting", None) == ([] if closed else [reply.id])
    assert found("stretch", None) == ([] if closed else [first.id])


def test_a_story_told_updated_and_withdrawn(thread, member):
    first, _ = factories.posts_of(thread)
    story = stories.add_story(member, thread, factories.story_account(treatments=(("acupuncture", "helped_a_lot"),)))
    assert found("acupuncture", member) == [first.id]
    stories.update_story(member, story, factories.story_account(treatments=(("yoga", "helped_a_little"),)))
    assert found("acupuncture", member) == [] and found("yoga", member) == [first.id]
    stories.withdraw_story(member, factories.reload(story))
    assert found("yoga", member) == []
    assert found("stretch", member) == [first.id]


def test_renaming_and_merging_vocabulary_changes_what_stories_say(member, category, moderator):
    story = factories.make_story(author=member, category=category, treatments=(("heat", "helped_a_lot"),))
    first_post = story.thread.first_post_id
    vocabulary.rename_term(moderator, factories.term("treatment", "heat"), "Warmth")
    assert found("warmth", member) == [first_post] and found("heat", member) == []
    vocabulary.merge_terms(moderator, factories.term("treatment", "heat"), factories.term("treatment", "ice"), "Same idea.")
    assert found("warmth", member) == [] and found("ice", member) == [first_post]


@pytest.mark.parametrize("keep_posts", [True, False])
def test_a_deleted_accounts_posts_leave_the_index(thread, member, other_member, keep_posts):
    theirs = factories.make_post(thread, author=other_member, body="Sitting on a wedge cushion helps me.")
    own = factories.make_thread(author=other_member, title="Wedge cushions", body="Which wedge cushion?")
    reply = factories.make_post(own, author=member, body="A wedge from the pharmacy.")
    assert len(found("wedge", member)) == 3

    delete_account(other_member, other_member, keep_posts, factories.PASSWORD)

    assert found("wedge", member) == [reply.id]
    assert theirs.id not in found("sitting", member)


def test_a_bulk_update_of_posts_is_seen(thread, member):
    """However a later change is written, in one statement for many rows."""
    first, reply = factories.posts_of(thread)
    db.session.execute(update(Post).where(Post.thread_id == thread.id).values(body="Replaced by yoga."))
    db.session.execute(update(Thread).where(Thread.id == thread.id).values(title="Yoga"))
    db.session.commit()
    assert found("sitting", member) == [] and sorted(found("yoga", member)) == [first.id, reply.id]


def test_a_change_rolled_back_never_reaches_the_index(thread, member):
    first, _ = factories.posts_of(thread)
    post = db.session.get(Post, first.id)
    post.body = "Acupuncture"
    db.session.flush()
    db.session.rollback()
    threads.reply(member, factories.reload(thread), "Nothing new.")
    assert found("acupuncture", member) == [] and found("stretch", member) == [first.id]


def test_a_write_that_changes_nothing_the_index_holds_writes_nothing_to_it(thread, member, other_member, count_queries):
    answer = factories.make_post(thread, author=other_member, body="Try a cushion.")
    assert found("cushion", member) == [answer.id]
    with count_queries() as queries:
        threads.mark_helpful(member, answer)
    assert not [s for s in queries.statements if "search_" in s]


def test_a_reply_costs_the_index_two_statements(thread, member, count_queries):
    with count_queries() as queries:
        threads.reply(member, thread, "Still sore.")
    touching = [s.split()[0] for s in queries.statements if "search_" in s or "FROM posts p JOIN threads t" in s]
    assert touching == ["SELECT", "INSERT"]


def test_the_index_reads_what_the_database_holds(thread, member):
    """Written by plain SQL outside any session, a change is not seen until
    `flask search reindex`: the index is kept by the forum's own writes."""
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE posts SET body = 'Acupuncture' WHERE id = :id"), {"id": thread.first_post_id})
    assert found("acupuncture", member) == [] and found("lying", member) == [thread.first_post_id]
