"""Writing through the pages: starting a thread, replying, quoting, previewing."""
from html import unescape

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.threads.models import Post, Thread
from tests import factories
from tests.conftest import csrf_token_from, form_post, sign_in

from .conftest import field_error, post_card, reload, textarea


def count(model):
    return db.session.scalar(select(func.count(model.id)))


def start(client, category, title, body, **extra):
    data = {"category_id": category.id, "title": title, "body": body, **extra}
    return form_post(client, "/threads/new", data, page=f"/threads/new?category={category.slug}")


def reply(client, thread, body, **extra):
    return form_post(client, f"/threads/{thread.id}/reply", {"body": body, **extra}, page=f"/threads/{thread.id}")


# Starting a thread

def test_a_member_starts_a_thread_from_its_category(member_client, category):
    html = member_client.get(f"/threads/new?category={category.slug}").get_data(as_text=True)
    assert f'<option selected value="{category.id}">{category.name}</option>' in html

    response = start(member_client, category, "Fell on ice, buttock pain since", "It started **last winter**.")

    thread = db.session.scalars(select(Thread)).one()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/threads/{thread.id}/fell-on-ice-buttock-pain-since"
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fell on ice, buttock pain since" in page
    assert "<strong>last winter</strong>" in page
    assert "Fell on ice, buttock pain since" in member_client.get(f"/categories/{category.slug}").get_data(as_text=True)


@pytest.mark.parametrize("title, accepted", [
    ("Hips", False), ("Hip!!", True), ("x" * 150, True), ("x" * 151, False), ("   Hips   ", False),
])
def test_a_title_needs_5_to_150_characters(member_client, category, title, accepted):
    response = start(member_client, category, title, "My **whole** story, typed with care.")

    assert (response.status_code == 302) is accepted
    assert count(Thread) == (1 if accepted else 0)
    if not accepted:
        html = response.get_data(as_text=True)
        assert response.status_code == 422
        assert field_error(html, "title") == "Use 5 to 150 characters for the title."
        assert textarea(html) == "My **whole** story, typed with care."


def test_a_thread_needs_a_body(member_client, category):
    response = start(member_client, category, "Botox injection next week", "   ")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "body") == "Write something before sending."
    assert 'value="Botox injection next week"' in html
    assert count(Thread) == 0


def test_visitors_are_sent_to_sign_in_before_starting_a_thread(client, category):
    response = client.get(f"/threads/new?category={category.slug}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=/threads/new")

    posted = form_post(client, "/threads/new", {"category_id": category.id, "title": "A visitor's question", "body": "Hello?"})
    assert 'name="password"' in posted.get_data(as_text=True)
    assert count(Thread) == 0


def test_a_suspended_member_is_refused_the_new_thread_form_and_its_preview(client_for, category):
    suspended = factories.make_suspended(username="cross_words")
    browser = client_for(suspended)

    page = browser.get(f"/threads/new?category={category.slug}")
    assert page.status_code == 403
    assert "Your account is suspended, so you can't start a thread for now." in unescape(page.get_data(as_text=True))
    preview = browser.post("/threads/new", data={
        "csrf_token": csrf_token_from(browser.get("/").get_data(as_text=True)), "category_id": category.id,
        "title": "Just a preview", "body": "*looks* like this", "preview": "Preview",
    })
    assert preview.status_code == 403
    assert "<em>looks</em>" not in preview.get_data(as_text=True)
    assert 'href="/threads/new"' not in browser.get("/").get_data(as_text=True)
    assert count(Thread) == 0


def test_previewing_a_new_thread_saves_nothing(member_client, category):
    response = start(member_client, category, "Graston scraping", "Did *anyone* try it?", preview="Preview")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<div class="post-body"><p>Did <em>anyone</em> try it?</p></div>' in html
    assert textarea(html) == "Did *anyone* try it?" and 'value="Graston scraping"' in html
    assert count(Thread) == 0 and count(Post) == 0


# Replying

def test_replies_from_several_members_update_every_count(client, thread, member, other_member, category):
    physio = factories.make_member(username="jordan_glides")
    for person, body in [(other_member, "Same after a fall."), (physio, "Try gentle glides."), (other_member, "Will do.")]:
        sign_in(client, person)
        assert reply(client, thread, body, submit="Post reply").status_code == 302

    assert reload(thread).reply_count == 3
    assert (reload(category).thread_count, category.post_count) == (1, 4)
    assert [reload(person).post_count for person in (member, other_member, physio)] == [1, 2, 1]
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "3 replies" in html
    assert "1 thread · 4 posts" in client.get("/").get_data(as_text=True)


def test_a_reply_opens_on_the_page_where_it_landed(member_client, member):
    thread = factories.make_thread(author=member, replies=19)

    response = reply(member_client, thread, "Twenty-first post.")

    post = db.session.scalars(select(Post).order_by(Post.id.desc())).first()
    assert response.headers["Location"] == f"/threads/{thread.id}/{thread.slug}?page=2#post-{post.id}"
    assert "Twenty-first post." in post_card(member_client.get(response.headers["Location"]).get_data(as_text=True), post.id)


def test_an_empty_reply_is_refused(member_client, thread):
    response = reply(member_client, thread, "")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "body") == "Write something before sending."
    assert reload(thread).reply_count == 0 and count(Post) == 1


def test_a_visitor_cannot_reply(client, thread):
    response = form_post(client, f"/threads/{thread.id}/reply", {"body": "Drive-by"})
    assert 'name="password"' in response.get_data(as_text=True)
    assert count(Post) == 1


def test_previewing_a_reply_saves_nothing(member_client, thread):
    response = reply(member_client, thread, "Heat helped, **ice** didn't.", preview="Preview")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<div class="post-body"><p>Heat helped, <strong>ice</strong> didn\'t.</p></div>' in html
    assert textarea(html) == "Heat helped, **ice** didn't."
    assert count(Post) == 1 and reload(thread).reply_count == 0


def test_a_locked_thread_refuses_a_reply(member_client, member):
    locked = factories.make_thread(author=member, locked=True)

    response = form_post(member_client, f"/threads/{locked.id}/reply", {"body": "One more thing"}, page=f"/threads/{locked.id}")

    assert response.status_code == 403
    assert "This thread is locked" in response.get_data(as_text=True)
    assert member_client.get(f"/threads/{locked.id}/reply").status_code == 403
    assert count(Post) == 1


# Quoting

def test_quoting_a_post_starts_the_reply_with_it(member_client, thread, other_member):
    quoted = factories.make_post(thread, author=other_member, body="Mine eased after\nsix weeks of PT.")

    html = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f'href="/threads/{thread.id}/reply?quote={quoted.id}#body" data-quote=' in post_card(html, quoted.id)

    box = textarea(member_client.get(f"/threads/{thread.id}/reply?quote={quoted.id}").get_data(as_text=True))
    assert box == f"> **desk_sitter** [wrote](/threads/posts/{quoted.id}):\n>\n> Mine eased after\n> six weeks of PT.\n\n"


def test_only_a_live_post_of_the_same_thread_is_quoted(member_client, member, thread, other_member):
    elsewhere = factories.make_post(factories.make_thread(author=other_member), body="Another thread's words")
    deleted = factories.make_post(thread, author=member, body="Words I took back")
    assert form_post(member_client, f"/threads/posts/{deleted.id}/delete", {}, page=f"/threads/posts/{deleted.id}/delete").status_code == 302

    for quote in [elsewhere.id, deleted.id, 999999, "abc", "%C2%B2", "99999999999999999999"]:
        response = member_client.get(f"/threads/{thread.id}/reply?quote={quote}")
        assert response.status_code == 200, quote
        assert textarea(response.get_data(as_text=True)) == "", quote


def test_replying_too_fast_is_slowed_down_and_the_text_comes_back(app_with_config, member, other_member, category):
    thread = factories.make_thread(author=other_member, category=category)
    limited = app_with_config(RATELIMIT_ENABLED=True)
    browser = sign_in(limited.test_client(), member)
    page = f"/threads/{thread.id}"
    statuses = []
    for n in range(12):
        response = form_post(browser, f"/threads/{thread.id}/reply", {"body": f"Quick reply number {n}"}, page=page)
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[:10] == [302] * 10
    assert statuses[-1] == 429
    html = response.get_data(as_text=True)
    assert "nothing was sent" in html and f"Quick reply number {len(statuses) - 1}" in html
    # The limit is per account: someone else at the same address can still post.
    neighbour = sign_in(limited.test_client(), other_member)
    assert form_post(neighbour, f"/threads/{thread.id}/reply", {"body": "Hello from next door"}, page=page).status_code == 302
