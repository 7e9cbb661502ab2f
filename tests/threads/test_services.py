"""The rules for threads and posts, called directly: each verb and each refusal."""
import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import func, select, text

from forum.errors import PermissionDenied
from forum.extensions import db
from forum.threads import services
from forum.threads.models import Post, PostRevision, Thread
from tests import factories

VISITOR = AnonymousUserMixin()


def posts_in(thread):
    return db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id))


def first_post(thread):
    return db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).first()


# Starting a thread

def test_starting_a_thread_writes_its_first_post_and_counts_it(member, category):
    thread = services.start_thread(member, category, "  Sitting at work makes it worse  ", "Any **tips**?")

    post = first_post(thread)
    assert thread.title == "Sitting at work makes it worse"
    assert thread.slug == "sitting-at-work-makes-it-worse"
    assert (post.author_id, post.body) == (member.id, "Any **tips**?")
    assert post.body_html == "<p>Any <strong>tips</strong>?</p>"
    assert thread.reply_count == 0
    assert (thread.last_post_id, thread.last_post_author_id) == (post.id, member.id)
    assert (category.thread_count, category.post_count, member.post_count) == (1, 1, 1)


def test_a_visitor_cannot_start_a_thread(category):
    with pytest.raises(PermissionDenied):
        services.start_thread(VISITOR, category, "A visitor's question", "Hello?")
    assert db.session.scalar(select(func.count(Thread.id))) == 0
    assert category.thread_count == 0


# Replying

def test_replies_by_several_members_are_counted_everywhere(member, other_member, category):
    thread = factories.make_thread(author=member, category=category)
    physio = factories.make_member(username="jordan_glides")

    services.reply(other_member, thread, "Same for me after a fall.")
    services.reply(physio, thread, "Try the figure-four stretch, gently.")
    last = services.reply(other_member, thread, "Thanks, I'll try it.")

    assert thread.reply_count == 3
    assert (thread.last_post_id, thread.last_post_author_id) == (last.id, other_member.id)
    assert thread.last_post_at == last.created_at
    assert (category.thread_count, category.post_count) == (1, 4)
    assert (member.post_count, other_member.post_count, physio.post_count) == (1, 2, 1)


def test_reply_counters_are_added_in_the_database_not_copied_from_memory(member, other_member, category):
    thread = factories.make_thread(author=member, category=category)
    assert (thread.reply_count, category.post_count, other_member.post_count) == (0, 1, 0)
    # Another worker's reply lands after this one loaded the rows it holds.
    with db.engine.connect() as elsewhere:
        elsewhere.execute(text("UPDATE threads SET reply_count = reply_count + 1 WHERE id = :id"), {"id": thread.id})
        elsewhere.execute(text("UPDATE categories SET post_count = post_count + 1 WHERE id = :id"), {"id": category.id})
        elsewhere.execute(text("UPDATE users SET post_count = post_count + 1 WHERE id = :id"), {"id": other_member.id})
        elsewhere.commit()

    services.reply(other_member, thread, "Me too.")

    assert (thread.reply_count, category.post_count, other_member.post_count) == (2, 3, 2)


def test_a_locked_thread_takes_no_replies(member, other_member):
    thread = factories.make_thread(author=member, locked=True)
    with pytest.raises(PermissionDenied, match="locked"):
        services.reply(other_member, thread, "Can I still add something?")
    assert posts_in(thread) == 1
    assert (thread.reply_count, other_member.post_count) == (0, 0)


def test_a_visitor_cannot_reply(thread):
    with pytest.raises(PermissionDenied):
        services.reply(VISITOR, thread, "Drive-by comment")
    assert posts_in(thread) == 1


def test_posts_are_stored_with_sanitised_html(thread, other_member):
    post = services.reply(
        other_member, thread,
        "<script>alert(1)</script> [click](javascript:alert(2)) ![x-ray](https://example.org/xray.png)",
    )
    assert "<script" not in post.body_html
    assert 'href="javascript:' not in post.body_html
    assert "<img" not in post.body_html
    assert '<a href="https://example.org/xray.png" rel="nofollow ugc noopener">x-ray</a>' in post.body_html
    assert post.body.startswith("<script>"), "the source is kept as written"


# Editing

def test_editing_keeps_every_earlier_version_in_order(thread, member):
    post = first_post(thread)
    written = post.created_at

    services.edit_post(member, post, "It started last winter, after a fall on ice.")
    first_edit = post.edited_at
    services.edit_post(member, post, "It started last winter, after a fall on ice. Better now.")

    revisions = db.session.scalars(select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id)).all()
    assert [r.body for r in revisions] == ["It started **last winter**.", "It started last winter, after a fall on ice."]
    assert revisions[0].body_html == "<p>It started <strong>last winter</strong>.</p>"
    assert [r.written_at for r in revisions] == [written, first_edit]
    assert all(r.replaced_by_id == member.id for r in revisions)
    assert post.body == "It started last winter, after a fall on ice. Better now."
    assert post.body_html == "<p>It started last winter, after a fall on ice. Better now.</p>"
    assert post.edited_at is not None and post.edited_by_id == member.id


def test_saving_an_unchanged_post_records_nothing(thread, member):
    post = first_post(thread)
    services.edit_post(member, post, post.body)
    assert post.edited_at is None
    assert db.session.scalar(select(func.count(PostRevision.id))) == 0


def test_only_the_author_may_edit_a_post(thread, other_member):
    post = first_post(thread)
    with pytest.raises(PermissionDenied):
        services.edit_post(other_member, post, "Rewritten by someone else")
    assert post.body == "It started **last winter**."
    assert db.session.scalar(select(func.count(PostRevision.id))) == 0


def test_a_deleted_post_cannot_be_edited(thread, member):
    post = first_post(thread)
    services.delete_post(member, post)
    with pytest.raises(PermissionDenied):
        services.edit_post(member, post, "Bringing it back")
    assert post.body == "It started **last winter**."


# Deleting

def test_deleting_a_post_keeps_its_place_and_uncounts_it(member, other_member, category):
    thread = factories.make_thread(author=member, category=category)
    mine = services.reply(other_member, thread, "Wrong thread, sorry.")
    services.reply(member, thread, "No worries.")

    services.delete_post(other_member, mine)

    assert mine.is_deleted
    assert posts_in(thread) == 3, "the post stays so page numbers don't shift"
    assert thread.reply_count == 2
    assert other_member.post_count == 0
    assert category.post_count == 2
    assert member.post_count == 2


def test_only_the_author_may_delete_a_post(thread, other_member, member):
    post = first_post(thread)
    with pytest.raises(PermissionDenied):
        services.delete_post(other_member, post)
    assert not post.is_deleted
    assert member.post_count == 1


def test_a_post_cannot_be_deleted_twice(thread, member):
    post = first_post(thread)
    services.delete_post(member, post)
    with pytest.raises(PermissionDenied):
        services.delete_post(member, post)
    assert member.post_count == 0
