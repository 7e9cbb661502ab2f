"""Moderators editing someone else's post: a reason readers see, and every
earlier version kept for moderators (and the post's author) to read."""
import re
from html import unescape

from tests.conftest import form_post

from .conftest import field_error, post_card, text_of
from tests.factories import audit_entries, reload

ORIGINAL = "Stop all your medication and **roll harder**."


def edit_url(post):
    return f"/threads/posts/{post.id}/edit"


def edit(browser, post, body, reason=None):
    data = {"body": body} if reason is None else {"body": body, "reason": reason}
    return form_post(browser, edit_url(post), data, page=edit_url(post))


def textarea(html, name):
    match = re.search(rf'<textarea[^>]*\bname="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no {name} box on the page"
    return unescape(match.group(1)).strip()


def test_a_moderator_edit_without_a_reason_keeps_the_text_and_says_why(client_for, reply, moderator):
    browser = client_for(moderator)
    assert 'name="reason"' in browser.get(edit_url(reply)).get_data(as_text=True)

    response = edit(browser, reply, "Roll gently, and ask your doctor about medication.", reason="")

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "reason") == "Give a reason for editing someone else's post."
    assert textarea(html, "body") == "Roll gently, and ask your doctor about medication."
    assert reload(reply).body == ORIGINAL and audit_entries() == []


def test_readers_see_who_edited_and_why(client_for, thread, reply, moderator, member):
    response = edit(client_for(moderator), reply, "Roll gently. [Advice to stop medication removed.]", reason="Removed unsafe advice.")
    assert response.status_code == 302

    card = post_card(client_for(member).get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)

    assert "Edited by a moderator: Removed unsafe advice." in text_of(card)
    assert "Advice to stop medication removed." in card and "roll harder" not in card
    [entry] = audit_entries()
    assert (entry.action, entry.actor_id, entry.target_id, entry.reason) == ("edit_post", moderator.id, reply.id, "Removed unsafe advice.")


def test_moderators_read_every_earlier_version_with_what_changed(client_for, thread, reply, moderator, other_member):
    edit(client_for(other_member), reply, "Second version: maybe roll a bit less.")
    browser = client_for(moderator)
    edit(browser, reply, "Third version, tidied by a moderator.", reason="Removed a brand name.")
    history_url = f"/threads/posts/{reply.id}/history"
    assert f'href="{history_url}"' in post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)

    html = browser.get(history_url).get_data(as_text=True)

    assert re.findall(r'<h2 id="version-\d+">(.*?)</h2>', html) == ["Version 3 (current)", "Version 2", "Version 1 (the original)"]
    original = re.search(r'<div class="post-body">(.*?)</div>', html, re.S).group(1)
    assert text_of(original) == "Stop all your medication and roll harder."
    assert "Reason: Removed a brand name." in text_of(html)
    # Moderators are told which moderator edited; members are not.
    assert f"by {moderator.username} Moderator." in text_of(html)


def test_the_old_address_of_the_versions_leads_to_the_new_one(client_for, reply, moderator):
    response = client_for(moderator).get(f"/moderation/posts/{reply.id}/history")
    assert response.status_code == 301 and response.headers["Location"] == f"/threads/posts/{reply.id}/history"


def test_authors_edit_their_own_posts_with_no_reason_and_no_audit(client_for, thread, reply, other_member):
    browser = client_for(other_member)
    assert 'name="reason"' not in browser.get(edit_url(reply)).get_data(as_text=True)

    response = edit(browser, reply, "On second thought: ask your doctor first.")

    assert response.status_code == 302
    card = post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), reply.id)
    assert "Edited by a moderator" not in card and "(edited" in card
    assert audit_entries() == []
