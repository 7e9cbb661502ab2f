"""Moderating from the thread pages: hiding and restoring posts, notes under
posts, locking, pinning and moving threads. Moderators see the buttons;
members don't, and their POSTs are refused."""
import re

import pytest

from forum.threads.models import Category
from forum.extensions import db
from tests import factories
from tests.conftest import form_post

from .conftest import field_error, flashes, post_card, text_of
from .factories import snapshot_of
from tests.factories import audit_entries, reload

UNSAFE = "Stop all your medication"


def thread_url(thread):
    return f"/threads/{thread.id}"


def hide(browser, post, reason="Tells people to stop their medication."):
    url = f"/moderation/posts/{post.id}/hide_post"
    return form_post(browser, url, {"reason": reason}, page=url)


# Hiding and restoring

def test_a_moderator_hides_a_post_from_the_thread_page(client_for, thread, reply, moderator):
    browser = client_for(moderator)
    card = post_card(browser.get(thread_url(thread)).get_data(as_text=True), reply.id)
    assert f'href="/moderation/posts/{reply.id}/hide_post"' in card

    confirm = browser.get(f"/moderation/posts/{reply.id}/hide_post").get_data(as_text=True)
    assert UNSAFE in confirm and 'name="reason"' in confirm
    response = hide(browser, reply)

    assert response.status_code == 302 and response.headers["Location"] == f"/threads/posts/{reply.id}"
    assert reload(reply).is_hidden
    [entry] = audit_entries()
    assert (entry.actor_id, entry.action, entry.target_id, entry.reason) == (
        moderator.id, "hide_post", reply.id, "Tells people to stop their medication.")
    assert snapshot_of(entry)["body"].startswith(UNSAFE)


@pytest.mark.parametrize("who", ["member", "the author", "visitor"])
def test_readers_see_a_placeholder_not_the_hidden_text(client_for, thread, reply, moderator, member, other_member, who):
    hide(client_for(moderator), reply)
    browser = client_for({"member": member, "the author": other_member, "visitor": None}[who])

    html = browser.get(thread_url(thread)).get_data(as_text=True)

    card = post_card(html, reply.id)
    assert "This post was hidden by a moderator." in card
    assert UNSAFE not in html and "roll harder" not in html
    assert "Tells people to stop their medication." not in html
    assert "Quote" not in card and "Report" not in card


def test_a_hidden_posts_text_cannot_be_quoted_or_read_on_the_report_page(client_for, thread, reply, moderator, member):
    hide(client_for(moderator), reply)
    browser = client_for(member)

    quoting = browser.get(f"/threads/{thread.id}/reply?quote={reply.id}").get_data(as_text=True)
    assert UNSAFE not in quoting
    assert browser.get(f"/moderation/posts/{reply.id}/report").status_code == 403


def test_moderators_still_read_a_hidden_post_marked_hidden(client_for, thread, reply, moderator, other_moderator):
    hide(client_for(moderator), reply)

    card = post_card(client_for(other_moderator).get(thread_url(thread)).get_data(as_text=True), reply.id)

    assert "Hidden" in card and UNSAFE in card
    assert "Reason: Tells people to stop their medication." in text_of(card)
    assert f'href="/moderation/posts/{reply.id}/restore_post"' in card


def test_hiding_without_a_reason_shows_the_error_and_changes_nothing(client_for, reply, moderator):
    response = hide(client_for(moderator), reply, reason="  ")

    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "reason") == "Give a reason."
    assert not reload(reply).is_hidden and audit_entries() == []


def test_a_moderator_restores_a_post(client_for, thread, reply, moderator, member):
    browser = client_for(moderator)
    hide(browser, reply)
    url = f"/moderation/posts/{reply.id}/restore_post"

    response = form_post(browser, url, {"reason": "It was sarcasm, on review."}, page=url, follow_redirects=True)

    assert "The post is visible again." in flashes(response.get_data(as_text=True))
    assert UNSAFE in client_for(member).get(thread_url(thread)).get_data(as_text=True)
    assert [e.action for e in audit_entries()] == ["hide_post", "restore_post"]


@pytest.mark.parametrize("action", ["hide_post", "restore_post", "note_post"])
def test_members_get_no_moderator_pages_for_posts(client_for, thread, reply, member, action):
    browser = client_for(member)
    url = f"/moderation/posts/{reply.id}/{action}"

    assert browser.get(url).status_code == 403
    assert form_post(browser, url, {"reason": "Mine now.", "note": "Official."}, page=thread_url(thread)).status_code == 403
    assert not reload(reply).is_hidden and reply.moderator_note is None and audit_entries() == []
    card = post_card(browser.get(thread_url(thread)).get_data(as_text=True), reply.id)
    assert "hide_post" not in card and "note_post" not in card


def test_visitors_are_sent_to_sign_in(client, reply):
    response = client.get(f"/moderation/posts/{reply.id}/hide_post")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


# The moderator note under a post

def note(browser, post, text):
    url = f"/moderation/posts/{post.id}/note_post"
    return form_post(browser, url, {"note": text}, page=url)


def test_everyone_sees_the_moderator_note_under_the_post(client_for, thread, reply, moderator):
    note(client_for(moderator), reply, "One member's experience. **Ask your doctor** before stopping any medicine.")

    card = post_card(client_for(None).get(thread_url(thread)).get_data(as_text=True), reply.id)

    assert "Moderator note:" in card and "<strong>Ask your doctor</strong>" in card
    assert [e.action for e in audit_entries()] == ["note_post"]


def test_the_note_page_starts_with_the_current_note_and_empty_text_removes_it(client_for, thread, reply, moderator):
    browser = client_for(moderator)
    note(browser, reply, "Please see a clinician.")
    assert "Please see a clinician.</textarea>" in browser.get(f"/moderation/posts/{reply.id}/note_post").get_data(as_text=True)

    note(browser, reply, "")

    assert 'class="moderator-note"' not in post_card(browser.get(thread_url(thread)).get_data(as_text=True), reply.id)
    assert reload(reply).moderator_note is None


def test_a_note_cannot_carry_a_script(client_for, thread, reply, moderator):
    note(client_for(moderator), reply, "Careful <script>alert('x')</script> <img src=x onerror=alert(1)>")

    card = post_card(client_for(None).get(thread_url(thread)).get_data(as_text=True), reply.id)

    assert "Moderator note:" in card and "&lt;script&gt;" in card
    assert "<script" not in card and "<img" not in card


# Locking, pinning, moving: inline from the thread page

def thread_action(browser, thread, action):
    return form_post(browser, f"/moderation/threads/{thread.id}/{action}", {}, page=thread_url(thread))


def test_moderators_see_the_thread_buttons_and_members_do_not(client_for, thread, moderator, member):
    buttons = ("Lock thread", "Pin thread", "Move thread")
    moderators_page = client_for(moderator).get(thread_url(thread)).get_data(as_text=True)
    members_page = client_for(member).get(thread_url(thread)).get_data(as_text=True)
    for label in buttons:
        assert label in moderators_page and label not in members_page


def test_moderators_reach_a_post_authors_admin_page_from_the_thread(client_for, thread, reply, moderator, member, other_member):
    link = f'href="/admin/members/{other_member.id}"'
    assert link in client_for(moderator).get(thread_url(thread)).get_data(as_text=True)
    assert link not in client_for(member).get(thread_url(thread)).get_data(as_text=True)


def test_a_locked_thread_has_no_reply_form_for_members(client_for, thread, moderator, other_member):
    response = thread_action(client_for(moderator), thread, "lock_thread")
    assert response.status_code == 302 and reload(thread).locked

    browser = client_for(other_member)
    html = browser.get(thread_url(thread)).get_data(as_text=True)
    assert "This thread is locked" in html and f'action="/threads/{thread.id}/reply"' not in html
    refused = form_post(browser, f"/threads/{thread.id}/reply", {"body": "Can I still add this?"}, page=thread_url(thread))
    assert refused.status_code == 403 and "locked" in refused.get_data(as_text=True)
    assert reload(thread).reply_count == 0


def test_moderators_still_reply_to_a_locked_thread(client_for, thread, moderator):
    browser = client_for(moderator)
    thread_action(browser, thread, "lock_thread")
    html = browser.get(thread_url(thread)).get_data(as_text=True)
    assert "Unlock thread" in html and f'action="/threads/{thread.id}/reply"' in html

    response = form_post(browser, f"/threads/{thread.id}/reply", {"body": "Locked: continue in the new thread."}, page=thread_url(thread))

    assert response.status_code == 302 and reload(thread).reply_count == 1


def test_unlocking_opens_replies_again(client_for, thread, moderator, other_member):
    browser = client_for(moderator)
    thread_action(browser, thread, "lock_thread")
    thread_action(browser, thread, "unlock_thread")

    html = client_for(other_member).get(thread_url(thread)).get_data(as_text=True)
    assert f'action="/threads/{thread.id}/reply"' in html and not reload(thread).locked
    assert [e.action for e in audit_entries()] == ["lock_thread", "unlock_thread"]


def listing_titles(browser, category):
    html = browser.get(f"/categories/{category.slug}").get_data(as_text=True)
    return [text_of(t) for t in re.findall(r'<h2 class="thread-title">.*?<a [^>]*>(.*?)</a>', html, re.S)]


def test_a_pinned_thread_comes_first_in_its_category(client_for, thread, category, moderator, member):
    newer = factories.make_thread(category=category, title="Sitting at work all day")
    assert listing_titles(client_for(None), category) == ["Sitting at work all day", "Does foam rolling help piriformis pain?"]

    thread_action(client_for(moderator), thread, "pin_thread")

    assert listing_titles(client_for(None), category) == ["Does foam rolling help piriformis pain?", "Sitting at work all day"]
    thread_action(client_for(moderator), thread, "unpin_thread")
    assert listing_titles(client_for(None), category)[0] == newer.title


def test_a_moderator_moves_a_thread(client_for, thread, reply, category, moderator):
    elsewhere = factories.make_category(name="Exercises and stretches", slug="exercises")
    browser = client_for(moderator)
    url = f"/moderation/threads/{thread.id}/move_thread"
    assert f'<option selected value="{category.id}">' in browser.get(url).get_data(as_text=True)

    response = form_post(browser, url, {"category_id": elsewhere.id, "reason": "About an exercise."}, page=url)

    assert response.status_code == 302
    assert "Does foam rolling help piriformis pain?" in listing_titles(client_for(None), elsewhere)
    assert listing_titles(client_for(None), category) == []
    db.session.expire_all()
    both = (db.session.get(Category, category.id), db.session.get(Category, elsewhere.id))
    assert [(c.thread_count, c.post_count) for c in both] == [(0, 0), (1, 2)]
    assert "Exercises and stretches" in client_for(None).get(thread_url(thread)).get_data(as_text=True)


def test_moving_to_the_same_category_shows_the_error(client_for, thread, category, moderator):
    url = f"/moderation/threads/{thread.id}/move_thread"
    response = form_post(client_for(moderator), url, {"category_id": category.id}, page=url)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "category_id") == "The thread is already in that category."


@pytest.mark.parametrize("action", ["lock_thread", "unlock_thread", "pin_thread", "unpin_thread", "move_thread"])
def test_members_cannot_lock_pin_or_move(client_for, thread, category, member, action):
    browser = client_for(member)
    elsewhere = factories.make_category()

    response = form_post(browser, f"/moderation/threads/{thread.id}/{action}", {"category_id": elsewhere.id}, page=thread_url(thread))

    assert response.status_code == 403
    thread = reload(thread)
    assert (thread.locked, thread.pinned, thread.category_id) == (False, False, category.id)
    assert audit_entries() == []


def test_the_thread_buttons_are_forms_not_links(client_for, thread, moderator):
    browser = client_for(moderator)
    assert browser.get(f"/moderation/threads/{thread.id}/lock_thread").status_code == 405
    assert not reload(thread).locked
