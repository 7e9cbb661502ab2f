"""“This helped me”: the asker marks one reply, which is shown under their question."""
import re

from forum.extensions import db
from forum.notifications.models import Notification
from tests import factories
from tests.conftest import form_post

from .conftest import post_card, reload


def helped_box(html):
    match = re.search(r'<aside class="helped".*?</aside>', html, re.S)
    return match.group(0) if match else None


def mark(client, thread, post):
    return form_post(client, f"/threads/posts/{post.id}/helpful", {}, page=f"/threads/{thread.id}")


def test_the_asker_marks_a_reply_and_it_shows_under_the_question(member_client, member, other_member, thread):
    reply = factories.make_post(thread, author=other_member, body="Sitting on a *folded towel* helped me.")
    page = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "This helped me" in post_card(page, reply.id)

    response = mark(member_client, thread, reply)

    assert response.status_code == 302
    html = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    box = helped_box(html)
    assert "What helped ana_runner" in box and "<em>folded towel</em>" in box
    assert f'href="/threads/posts/{reply.id}"' in box
    # The box sits between the question and the first reply.
    assert html.index(f'id="post-{thread.first_post_id}"') < html.index('class="helped"') < html.index(f'id="post-{reply.id}"')
    assert "Helped ana_runner" in post_card(html, reply.id)
    told = db.session.scalars(db.select(Notification.body).where(Notification.member_id == other_member.id)).all()
    assert told == [f"ana_runner marked your reply in “{thread.title}” as what helped them."]


def test_the_asker_changes_their_mind_or_removes_the_mark(member_client, member, other_member, thread):
    first = factories.make_post(thread, author=other_member, body="Heat.")
    second = factories.make_post(thread, author=factories.make_member(), body="Walking every day.")
    mark(member_client, thread, first)
    mark(member_client, thread, second)
    assert reload(thread).helpful_post_id == second.id
    assert "Walking every day." in helped_box(member_client.get(f"/threads/{thread.id}").get_data(as_text=True))

    form_post(member_client, f"/threads/{thread.id}/helpful/remove", {}, page=f"/threads/{thread.id}")

    assert reload(thread).helpful_post_id is None
    assert helped_box(member_client.get(f"/threads/{thread.id}").get_data(as_text=True)) is None


def test_only_the_asker_marks_and_never_their_own_post(client_for, member, other_member, thread):
    reply = factories.make_post(thread, author=other_member)
    own = factories.make_post(thread, author=member)
    replier = client_for(other_member)
    assert "This helped me" not in replier.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert mark(replier, thread, reply).status_code == 403
    asker = client_for(member)
    assert mark(asker, thread, own).status_code == 403
    first = db.session.get(type(reply), thread.first_post_id)
    assert mark(asker, thread, first).status_code == 403
    assert form_post(replier, f"/threads/{thread.id}/helpful/remove", {}, page=f"/threads/{thread.id}").status_code == 403
    assert reload(thread).helpful_post_id is None


def test_a_marked_reply_that_is_later_hidden_leaves_the_box(member_client, member, other_member, moderator, thread):
    from forum.moderation import services as moderation

    reply = factories.make_post(thread, author=other_member, body="Buy my supplement.")
    mark(member_client, thread, reply)
    moderation.hide_post(moderator, reply, "Advertising.")
    assert helped_box(member_client.get(f"/threads/{thread.id}").get_data(as_text=True)) is None


def test_the_box_costs_no_query_of_its_own(member_client, member, other_member, thread, page_queries):
    replies = [factories.make_post(thread, author=factories.make_member()) for _ in range(3)]
    # The first visit also marks read the author's notifications of the replies.
    page_queries(f"/threads/{thread.id}")
    _, before = page_queries(f"/threads/{thread.id}")
    mark(member_client, thread, replies[2])
    response, after = page_queries(f"/threads/{thread.id}")
    assert helped_box(response.get_data(as_text=True)) is not None
    assert len(after) == len(before)
