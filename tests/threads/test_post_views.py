"""Changing one's own posts through the pages: editing and deleting."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.threads.models import Post, PostRevision
from tests import factories
from tests.conftest import form_post, sign_in

from .conftest import post_card, reload, textarea


def first_post(thread):
    return db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).first()


def edit(client, post, body, **extra):
    url = f"/threads/posts/{post.id}/edit"
    return form_post(client, url, {"body": body, **extra}, page=url)


def delete(client, post):
    # The confirmation page hands out the token, as it would to a person.
    return form_post(client, f"/threads/posts/{post.id}/delete", {}, page=f"/threads/posts/{post.id}/delete")


def thread_page(client, thread):
    return client.get(f"/threads/{thread.id}").get_data(as_text=True)


# Editing

def test_a_member_edits_their_post_and_readers_see_it_was_edited(member_client, thread):
    post = first_post(thread)
    assert textarea(member_client.get(f"/threads/posts/{post.id}/edit").get_data(as_text=True)) == "It started **last winter**."
    assert "(edited" not in post_card(thread_page(member_client, thread), post.id)

    response = edit(member_client, post, "It started last winter, after a *fall*.")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/threads/posts/{post.id}"
    card = post_card(thread_page(member_client, thread), post.id)
    assert "<p>It started last winter, after a <em>fall</em>.</p>" in card
    assert "(edited <time" in card


def test_every_earlier_version_is_kept_in_order(member_client, thread):
    post = first_post(thread)
    edit(member_client, post, "Second version.")
    edit(member_client, post, "Third version.")

    revisions = db.session.scalars(select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id)).all()
    assert [r.body for r in revisions] == ["It started **last winter**.", "Second version."]
    assert reload(post).body == "Third version."


def test_previewing_an_edit_changes_nothing(member_client, thread):
    post = first_post(thread)

    response = edit(member_client, post, "Maybe **not** ice after all.", preview="Preview")

    html = response.get_data(as_text=True)
    assert '<div class="post-body"><p>Maybe <strong>not</strong> ice after all.</p></div>' in html
    assert textarea(html) == "Maybe **not** ice after all."
    assert reload(post).body == "It started **last winter**." and post.edited_at is None


def test_another_member_may_not_edit_a_post(client, thread, other_member):
    post = first_post(thread)
    sign_in(client, other_member)

    assert client.get(f"/threads/posts/{post.id}/edit").status_code == 403
    response = form_post(client, f"/threads/posts/{post.id}/edit", {"body": "Hijacked"}, page=f"/threads/{thread.id}")
    assert response.status_code == 403
    assert reload(post).body == "It started **last winter**."
    assert "Edit</a>" not in post_card(thread_page(client, thread), post.id)


def test_a_deleted_post_cannot_be_edited(member_client, thread):
    post = first_post(thread)
    delete(member_client, post)

    assert member_client.get(f"/threads/posts/{post.id}/edit").status_code == 403
    response = form_post(member_client, f"/threads/posts/{post.id}/edit", {"body": "Back again"}, page=f"/threads/{thread.id}")
    assert response.status_code == 403
    assert reload(post).is_deleted and post.body == "It started **last winter**."


def test_visitors_are_sent_to_sign_in_to_edit(client, thread):
    response = client.get(f"/threads/posts/{first_post(thread).id}/edit")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


# Deleting

def test_a_member_deletes_their_post_after_confirming(member_client, member, thread, other_member):
    mine = factories.make_post(thread, author=member, body="Ask my physio's name privately.")
    factories.make_post(thread, author=other_member, body="Thanks!")
    assert member.post_count == 2

    confirm = member_client.get(f"/threads/posts/{mine.id}/delete")
    assert confirm.status_code == 200 and "Delete your post?" in confirm.get_data(as_text=True)
    assert not reload(mine).is_deleted, "looking at the confirmation deletes nothing"

    response = delete(member_client, mine)

    assert response.status_code == 302
    card = post_card(thread_page(member_client, thread), mine.id)
    assert "This post was deleted by its author." in card
    assert "physio" not in card and "Edit</a>" not in card and "Quote</a>" not in card
    assert reload(mine).is_deleted
    assert reload(member).post_count == 1
    assert reload(thread).reply_count == 2


def test_a_thread_whose_first_post_is_deleted_keeps_its_title_and_replies(member_client, thread, other_member):
    factories.make_post(thread, author=other_member, body="Ice did nothing for me either.")

    delete(member_client, first_post(thread))

    html = thread_page(member_client, thread)
    assert "Fell on ice, buttock pain since" in html
    assert "last winter" not in html
    assert "Ice did nothing for me either." in html


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_another_member_may_not_delete_a_post(client, thread, other_member, method):
    post = first_post(thread)
    sign_in(client, other_member)
    if method == "GET":
        response = client.get(f"/threads/posts/{post.id}/delete")
    else:
        response = form_post(client, f"/threads/posts/{post.id}/delete", {}, page=f"/threads/{thread.id}")
    assert response.status_code == 403
    assert not reload(post).is_deleted
    assert reload(thread.author).post_count == 1


# What a post may contain

def test_markdown_is_made_safe_before_it_is_stored(member_client, thread):
    body = (
        "<script>alert('hi')</script>\n\n"
        "[my clinic](javascript:alert(1)) and <a href=\"javascript:alert(2)\">raw</a>\n\n"
        "![my MRI](https://example.org/mri.png)"
    )
    form_post(member_client, f"/threads/{thread.id}/reply", {"body": body}, page=f"/threads/{thread.id}")

    post = db.session.scalars(select(Post).order_by(Post.id.desc())).first()
    assert post.body == body
    assert "<script" not in post.body_html and 'href="javascript:' not in post.body_html
    html = thread_page(member_client, thread)
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "<img" not in html
    assert '<a href="https://example.org/mri.png" rel="nofollow ugc noopener">my MRI</a>' in post_card(html, post.id)
