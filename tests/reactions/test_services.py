"""Reacting to a post: one of each kind per member, counted on the post in
the same transaction, the author told in one grouped notification."""
import threading

import pytest
from sqlalchemy import func, select

from forum.errors import NotFound, PermissionDenied
from forum.extensions import db
from forum.moderation import steps as moderation_steps
from forum.notifications.models import Notification
from forum.reactions import services
from forum.reactions.models import Reaction
from forum.threads import services as thread_services
from forum.threads.models import Post
from tests import factories
from tests.factories import notifications_for, reload


def reactions_on(post):
    return db.session.execute(select(Reaction.member_id, Reaction.kind).where(Reaction.post_id == post.id)
                              .order_by(Reaction.member_id, Reaction.kind)).all()


def counts(post):
    post = reload(post)
    return post.helpful_count, post.me_too_count


def test_a_reaction_is_counted_and_the_author_told(member, other_member, desks_reply):
    assert services.react(member, desks_reply, "helpful") is True

    assert counts(desks_reply) == (1, 0)
    assert reactions_on(desks_reply) == [(member.id, "helpful")]
    [told] = notifications_for(other_member)
    assert (told.kind, told.post_id, told.thread_id, told.actor_id) == ("reaction_helpful", desks_reply.id, desks_reply.thread_id, member.id)
    assert told.body == "ana_runner found your reply in “Sitting makes it worse” helpful."
    assert reload(other_member).unread_notifications == 1


def test_each_kind_is_its_own(member, other_member, desks_reply):
    services.react(member, desks_reply, "helpful")
    services.react(member, desks_reply, "me_too")

    assert counts(desks_reply) == (1, 1)
    assert [n.kind for n in notifications_for(other_member)] == ["reaction_helpful", "reaction_me_too"]
    assert notifications_for(other_member)[1].body == "ana_runner said “me too” to your reply in “Sitting makes it worse”."


def test_the_first_post_is_called_a_post(member, other_member, question):
    services.react(other_member, question, "me_too")
    [told] = [n for n in notifications_for(member) if n.kind == "reaction_me_too"]
    assert told.body == "desk_sitter said “me too” to your post in “Sitting makes it worse”."


def test_reacting_twice_counts_once_and_tells_once(member, other_member, desks_reply):
    assert services.react(member, desks_reply, "helpful") is True
    assert services.react(member, desks_reply, "helpful") is False

    assert counts(desks_reply) == (1, 0)
    assert len(reactions_on(desks_reply)) == 1
    assert len(notifications_for(other_member)) == 1 and reload(other_member).unread_notifications == 1


def test_taking_back_uncounts_and_tells_nobody(member, other_member, desks_reply):
    services.react(member, desks_reply, "me_too")
    assert services.unreact(member, desks_reply, "me_too") is True

    assert counts(desks_reply) == (0, 0)
    assert reactions_on(desks_reply) == []
    # The notification already sent stays; taking back sends none.
    assert len(notifications_for(other_member)) == 1

    assert services.unreact(member, desks_reply, "me_too") is False
    assert counts(desks_reply) == (0, 0)


def test_three_people_make_one_notification(member, other_member, desks_reply):
    for person in (member, factories.make_member(username="hip_hurts"), factories.make_member(username="foam_roller")):
        services.react(person, desks_reply, "helpful")

    [told] = notifications_for(other_member)
    assert told.count == 3 and told.actor_id is not None
    assert told.body == "3 people found your reply in “Sitting makes it worse” helpful."
    assert reload(other_member).unread_notifications == 1
    assert counts(desks_reply) == (3, 0)


def test_after_reading_a_new_reaction_is_a_new_notification(member, other_member, desks_reply):
    services.react(member, desks_reply, "helpful")
    db.session.execute(Notification.__table__.update().values(read_at=func.now()))
    db.session.commit()

    services.react(factories.make_member(username="hip_hurts"), desks_reply, "helpful")

    first, second = notifications_for(other_member)
    assert second.read_at is None and second.count == 1
    assert second.body == "2 people found your reply in “Sitting makes it worse” helpful."


def test_a_deleted_account_is_told_nothing(member, other_member, desks_reply):
    from forum.privacy import services as privacy_services

    privacy_services.delete_account(other_member, other_member, True, factories.PASSWORD)
    services.react(member, reload(desks_reply), "helpful")
    assert notifications_for(other_member) == []
    assert counts(desks_reply) == (1, 0)


@pytest.mark.parametrize("kind", ["helpful", "me_too"])
def test_not_on_ones_own_post(other_member, desks_reply, kind):
    with pytest.raises(PermissionDenied, match="You can't react to your own post."):
        services.react(other_member, desks_reply, kind)
    assert counts(desks_reply) == (0, 0) and reactions_on(desks_reply) == []


def test_not_while_suspended(desks_reply):
    suspended = factories.make_suspended(username="paused_pat")
    with pytest.raises(PermissionDenied, match="suspended"):
        services.react(suspended, desks_reply, "helpful")
    with pytest.raises(PermissionDenied, match="suspended"):
        services.unreact(suspended, desks_reply, "helpful")
    assert counts(desks_reply) == (0, 0)


def test_not_on_a_hidden_or_deleted_post(member, other_member, moderator, thread, desks_reply):
    moderation_steps.hide_post(moderator, desks_reply, "Selling supplements.")
    db.session.commit()
    with pytest.raises(PermissionDenied, match="hidden"):
        services.react(member, desks_reply, "helpful")

    mine = factories.make_post(thread, author=other_member, body="Heat helps.")
    thread_services.delete_post(other_member, mine)
    with pytest.raises(PermissionDenied, match="deleted"):
        services.react(member, mine, "helpful")
    assert db.session.scalar(select(func.count()).select_from(Reaction)) == 0


def test_an_unknown_kind_is_refused(member, desks_reply):
    with pytest.raises(NotFound):
        services.react(member, desks_reply, "angry")
    assert reactions_on(desks_reply) == []


def test_two_requests_at_once_count_once(app, member, other_member, desks_reply):
    """Two tabs (or a double click) send the same reaction at the same
    moment, each in its own session and transaction."""
    from forum.accounts.models import User

    member_id, post_id = member.id, desks_reply.id
    start, errors, answers = threading.Barrier(4), [], []

    def press():
        with app.app_context():
            try:
                actor, post = db.session.get(User, member_id), db.session.get(Post, post_id)
                post.thread  # noqa: B018 (loaded before the race, as a view would)
                start.wait(timeout=10)
                answers.append(services.react(actor, post, "helpful"))
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    workers = [threading.Thread(target=press) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    assert sorted(answers) == [False, False, False, True]
    assert counts(desks_reply) == (1, 0)
    assert len(reactions_on(desks_reply)) == 1
    assert len(notifications_for(other_member)) == 1
