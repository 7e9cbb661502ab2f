"""Delete my account: the member chooses what happens to their posts and
confirms with their password; everything private goes at once, in one
transaction, and every session of the account ends."""
import json

import pytest
from sqlalchemy import func, select

from forum.accounts.models import RetiredUsername, User
from forum.audit.models import AuditEntry
from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.following.models import Bookmark, CategoryFollow, ThreadFollow, ThreadRead
from forum.members import services as member_services
from forum.moderation import member_services as moderation
from forum.moderation.models import MemberNote, Report
from forum.notifications.models import Notification
from forum.practitioners.models import Application
from forum.privacy import services, steps
from forum.reactions import services as reactions
from forum.reactions.models import Reaction
from forum.stories.models import Story, StoryVersion
from forum.stories.services import recount_stories
from forum.threads.models import Category, Post, PostRevision, Thread
from tests import factories
from tests.conftest import form_post, sign_in
from tests.factories import PASSWORD, audit_entries, fresh, reload, text_of

from .history import EDITED_BODY, FIRST_BODY, LICENCE, MEMBER_NOTE, REPLY_BODY, REPORT_NOTE, keep_up


def delete_through_pages(browser, posts, password=PASSWORD, username="ana_runner"):
    """Choose on the first page, confirm with the password on the second."""
    return form_post(browser, f"/privacy/{username}/delete", {"posts": posts, "password": password},
                     page=f"/privacy/{username}/delete?posts={posts}")


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def account(member):
    return db.session.scalars(select(User).where(User.id == member.id).execution_options(populate_existing=True)).one()


# The pages

def test_the_settings_page_leads_to_deleting(member_client):
    html = member_client.get("/members/ana_runner/edit").get_data(as_text=True)
    assert 'href="/privacy/ana_runner/delete"' in html


def test_first_the_choice_then_the_password(member_client):
    choose = member_client.get("/privacy/ana_runner/delete")
    html = choose.get_data(as_text=True)
    assert choose.status_code == 200 and 'name="posts" type="radio" value="keep"' in html and 'value="remove"' in html
    assert 'name="password"' not in html

    confirm = member_client.get("/privacy/ana_runner/delete?posts=remove").get_data(as_text=True)
    assert 'name="password"' in confirm and 'name="posts" type="hidden" value="remove"' in confirm
    assert "Remove my posts" in text_of(confirm)


def test_continuing_without_a_choice_asks_for_one(member_client):
    # A radio group with nothing chosen sends nothing: only the form's own marker.
    response = member_client.get("/privacy/ana_runner/delete?sent=1")
    assert response.status_code == 422
    assert "Choose what happens to your posts." in text_of(response.get_data(as_text=True))


def test_a_wrong_password_comes_back_beside_the_field_with_the_choice_kept(member_client, member):
    response = delete_through_pages(member_client, "remove", password="not my password at all")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="password-error"' in html and "That isn't your password." in text_of(html)
    assert 'name="posts" type="hidden" value="remove"' in html and "You chose: Remove my posts" in text_of(html)
    assert account(member).deleted_at is None and account(member).email == "ana_runner@example.org"


# Keeping the posts

def test_keeping_posts_erases_everything_private(member_client, member, history):
    response = delete_through_pages(member_client, "keep")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    gone = account(member)
    assert gone.deleted_at is not None
    assert (gone.username, gone.username_key) == (f"former-member-{member.id}", f"former-member-{member.id}")
    assert (gone.email, gone.email_key, gone.bio) == ("", f"deleted-{member.id}", "")
    assert gone.password_hash == steps.UNUSABLE_PASSWORD and gone.unread_notifications == 0
    assert count(Notification, Notification.member_id == member.id) == 0
    assert count(PostRevision) == 0
    assert fresh(select(Report.note).where(Report.reporter_id == member.id)) == [""]
    application = reload(history.application)
    assert (application.licence_number, application.legal_name, application.city, application.status) == ("", "", "", "withdrawn")


def test_deleting_erases_sessions_passkeys_email_choices_and_emails(member_client, member, history):
    from forum.accounts.security_models import MemberSession, Passkey
    from forum.mail.models import OutgoingEmail
    from forum.notifications.models import EmailPreference

    db.session.add_all([
        Passkey(member_id=member.id, credential_id="cred-of-ana", public_key=b"key", name="Phone"),
        EmailPreference(member_id=member.id, topic="mentions", choice="daily"),
        OutgoingEmail(member_id=member.id, to_address=member.email, kind="notification", subject="S",
                      text_body="private", html_body="private"),
    ])
    db.session.commit()
    assert count(MemberSession, MemberSession.member_id == member.id) >= 1
    assert delete_through_pages(member_client, "keep").status_code == 302
    for model in (MemberSession, Passkey, EmailPreference, OutgoingEmail):
        assert count(model, model.member_id == member.id) == 0, model.__name__


def test_keeping_posts_leaves_them_under_former_member(client, member_client, member, history):
    delete_through_pages(member_client, "keep")
    posts = fresh(select(Post).where(Post.author_id == member.id).order_by(Post.id))
    assert [p.body for p in posts] == [EDITED_BODY, REPLY_BODY, "It started after a long run in March."]
    assert all(p.deleted_at is None for p in posts)
    assert reload(history.story).listed and count(StoryVersion) == 1
    html = client.get(f"/threads/{history.thread.id}").get_data(as_text=True)
    assert EDITED_BODY in html and "Former member" in text_of(html)
    assert "ana_runner" not in html and "/members/former-member" not in html


def test_what_others_wrote_stays_as_they_wrote_it(member_client, other_member, history):
    quote = factories.make_post(history.thread, author=other_member, body="> ana_runner wrote: heat helps\n\nAgreed.")
    delete_through_pages(member_client, "keep")
    assert reload(quote).body == "> ana_runner wrote: heat helps\n\nAgreed."


# Removing the posts

def test_removing_posts_empties_them_and_marks_them_deleted(client, member_client, member, history):
    delete_through_pages(member_client, "remove")
    posts = fresh(select(Post).where(Post.author_id == member.id))
    assert posts and all(p.deleted_at is not None and p.body == "" and p.body_html == "" for p in posts)
    assert count(PostRevision) == 0
    html = client.get(f"/threads/{history.thread.id}").get_data(as_text=True)
    assert "This post was deleted by its author." in html and FIRST_BODY not in html and EDITED_BODY not in html
    # The replies others wrote keep their place.
    assert "Same here: sitting makes it worse." in html


def test_removing_posts_retitles_her_threads_and_removes_her_stories(client, member_client, member, history):
    story_thread = history.story.thread
    delete_through_pages(member_client, "remove")
    titles = fresh(select(Thread.title).where(Thread.author_id == member.id))
    assert titles == [steps.REMOVED_TITLE, steps.REMOVED_TITLE]
    assert count(Story) == 0 and count(StoryVersion) == 0
    assert not reload(story_thread).is_story
    assert "My piriformis story" not in client.get("/stories/").get_data(as_text=True)


def test_removing_posts_keeps_every_count_right(member_client, member, history):
    delete_through_pages(member_client, "remove")
    # The kept story counts equal a rebuild from the stories themselves.
    assert recount_stories() is True
    category = reload(history.category)
    live = count(Post, Post.deleted_at.is_(None), Post.thread_id.in_(select(Thread.id).where(Thread.category_id == category.id)))
    assert category.post_count == live
    assert account(member).post_count == 0
    # Her reply no longer shows as what helped in desk's thread.
    assert reload(history.asked).helpful_post_id is None


# Following, bookmarks and reactions

@pytest.mark.parametrize("posts", ["keep", "remove"])
def test_what_she_followed_bookmarked_and_read_goes_and_her_reactions_are_uncounted(member_client, member, other_member, history, posts):
    keep_up(member, other_member, history)
    reactions.react(factories.make_member(username="hip_hurts"), history.desks_reply, "helpful")
    assert (reload(history.desks_reply).helpful_count, reload(history.desks_reply).me_too_count) == (2, 1)

    delete_through_pages(member_client, posts)

    for model in (ThreadFollow, CategoryFollow, ThreadRead, Bookmark, Reaction):
        assert count(model, model.member_id == member.id) == 0, model.__name__
    # Hers are taken off the counts; others' stay, on her posts as on desk's.
    assert (reload(history.desks_reply).helpful_count, reload(history.desks_reply).me_too_count) == (1, 0)
    assert count(Reaction, Reaction.member_id == other_member.id) == 1 and reload(history.first).me_too_count == 1
    assert count(Bookmark, Bookmark.member_id == other_member.id) == 1


def test_a_failure_after_taking_back_her_reactions_leaves_the_counts(member_client, member, other_member, history, monkeypatch):
    keep_up(member, other_member, history)

    def broken(member, now):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(steps, "anonymise_account", broken)
    assert delete_through_pages(member_client, "keep").status_code == 500
    assert (reload(history.desks_reply).helpful_count, reload(history.desks_reply).me_too_count) == (1, 1)
    assert count(Reaction, Reaction.member_id == member.id) == 2 and count(Bookmark, Bookmark.member_id == member.id) == 1


# Sessions

def test_every_session_ends_at_once(app, member_client, member):
    elsewhere = sign_in(app.test_client(), member)
    remembered = app.test_client()
    form_post(remembered, "/auth/login", {"login": member.username, "password": PASSWORD, "remember": "y"})
    remembered.delete_cookie("session")
    assert elsewhere.get("/notifications/").status_code == 200
    assert remembered.get("/notifications/").status_code == 200

    delete_through_pages(member_client, "keep")

    for browser in (member_client, elsewhere, remembered):
        response = browser.get("/notifications/")
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_old_name_and_password_no_longer_sign_in_the_email_is_free_and_the_name_kept_aside(
        client, member_client, member):
    delete_through_pages(member_client, "keep")
    for login in ("ana_runner", "ana_runner@example.org", f"former-member-{member.id}"):
        response = form_post(client, "/auth/login", {"login": login, "password": PASSWORD})
        assert response.status_code == 422, login
    again = factories.make_member(username="ana_again", email="ana_runner@example.org")
    assert again.id != member.id
    # Others' posts still say "@ana_runner": nobody new takes the name while they do.
    with pytest.raises(Refused, match="kept aside"):
        factories.make_member(username="ana_runner")


def test_a_deleted_account_has_no_profile(client, member_client, member):
    delete_through_pages(member_client, "keep")
    assert client.get("/members/ana_runner").status_code == 404
    assert client.get(f"/members/former-member-{member.id}").status_code == 404


def test_a_name_given_up_earlier_no_longer_leads_anywhere(client, member):
    member_services.change_username(member, member, "ana_walks")
    browser = sign_in(client, member)
    delete_through_pages(browser, "keep", username="ana_walks")
    # Both names stay reserved (never shown) until their time runs out; neither leads to a profile.
    assert sorted(fresh(select(RetiredUsername.username))) == ["ana_runner", "ana_walks"]
    assert client.get("/members/ana_runner").status_code == 404
    assert client.get("/members/ana_walks").status_code == 404


# One transaction

def test_a_failure_halfway_leaves_the_account_exactly_as_it_was(app, member_client, member, history, monkeypatch):
    elsewhere = sign_in(app.test_client(), member)
    before = {"revisions": count(PostRevision), "notifications": count(Notification), "stories": count(Story),
              "audit": count(AuditEntry)}

    def broken(member):
        raise RuntimeError("the database went away")

    # Posts, revisions, notifications and stories have all been changed by then.
    monkeypatch.setattr(steps, "erase_applications", broken)
    response = delete_through_pages(member_client, "remove")
    assert response.status_code == 500

    kept = account(member)
    assert (kept.username, kept.email, kept.deleted_at) == ("ana_runner", "ana_runner@example.org", None)
    assert reload(history.first).body == EDITED_BODY and reload(history.first).deleted_at is None
    assert reload(history.thread).title == "Fell on ice, now sciatica"
    assert {"revisions": count(PostRevision), "notifications": count(Notification), "stories": count(Story),
            "audit": count(AuditEntry)} == before
    assert reload(history.application).licence_number == LICENCE
    assert recount_stories() is True
    assert elsewhere.get("/notifications/").status_code == 200
    assert member_client.get("/notifications/").status_code == 200


# Practitioners, moderators and the audit log

def test_a_practitioners_details_and_badge_go(client, moderator):
    practitioner = factories.make_practitioner(username="dana_hands", npi="1234567893", practice_name="Hands On", city="Tampa")
    delete_through_pages(sign_in(client, practitioner), "keep", username="dana_hands")
    [application] = fresh(select(Application).where(Application.member_id == practitioner.id))
    assert application.status == "withdrawn" and application.npi is None
    assert (application.licence_number, application.legal_name, application.practice_name, application.city,
            application.bio) == ("", "", "", "", "")
    assert "dana_hands" not in client.get("/practitioners/").get_data(as_text=True)


def test_moderators_records_stay_and_no_longer_name_her(client_for, member_client, member, admin, history):
    entries_before = [(e.id, e.action, e.snapshot) for e in audit_entries()]
    delete_through_pages(member_client, "keep")

    log = audit_entries()
    assert [(e.id, e.action, e.snapshot) for e in log[:-1]] == entries_before
    entry = log[-1]
    assert (entry.action, entry.actor_id, entry.subject_id, entry.reason) == ("delete_account", member.id, member.id, "")
    assert json.loads(entry.snapshot) == {"member_id": member.id, "role": "member", "kept_posts": True,
                                          "posts": 3, "threads": 2, "stories": 1}
    assert not any("ana_runner@example.org" in e.snapshot for e in log)
    assert fresh(select(MemberNote.body).where(MemberNote.member_id == member.id)) == [MEMBER_NOTE]
    audit_page = text_of(client_for(admin).get("/admin/audit").get_data(as_text=True))
    assert "Former member" in audit_page


def test_the_audit_entry_of_a_deletion_holds_no_personal_data(member_client, member, history):
    delete_through_pages(member_client, "remove")
    snapshot = audit_entries("delete_account")[0].snapshot
    for personal in ("ana_runner", "example.org", LICENCE, REPORT_NOTE, FIRST_BODY):
        assert personal not in snapshot


def test_a_moderator_may_leave_and_their_role_ends_with_the_account(client, moderator, member):
    factories.make_thread(author=member)
    moderation.warn_member(moderator, member, "Please keep it kind.")
    delete_through_pages(sign_in(client, moderator), "keep", username="mod_kim")
    gone = account(moderator)
    assert gone.role == "member" and gone.deleted_at is not None
    # Their decisions stay in the log, by a former member.
    assert [e.actor_id for e in audit_entries("warn_member")] == [moderator.id]


# Refusals

def test_a_visitor_is_sent_to_sign_in(client, member):
    response = client.get("/privacy/ana_runner/delete")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    sent = form_post(client, "/privacy/ana_runner/delete", {"posts": "remove", "password": PASSWORD})
    assert sent.status_code == 302 and "/auth/login" in sent.headers["Location"]
    assert account(member).deleted_at is None


@pytest.mark.parametrize("who", ["other member", "moderator"])
def test_nobody_deletes_another_members_account(client_for, member, other_member, moderator, who):
    browser = client_for({"other member": other_member, "moderator": moderator}[who])
    assert browser.get("/privacy/ana_runner/delete").status_code == 403
    response = form_post(browser, "/privacy/ana_runner/delete", {"posts": "remove", "password": PASSWORD}, page="/")
    assert response.status_code == 403
    assert account(member).deleted_at is None


def test_an_admin_is_told_why_their_account_isnt_deleted_here(client_for, admin):
    browser = client_for(admin)
    settings = text_of(browser.get("/members/lee_keeper/edit").get_data(as_text=True))
    assert "An administrator's account can't be deleted here" in settings
    assert 'href="/privacy/lee_keeper/delete"' not in browser.get("/members/lee_keeper/edit").get_data(as_text=True)
    assert browser.get("/privacy/lee_keeper/delete").status_code == 403
    response = form_post(browser, "/privacy/lee_keeper/delete", {"posts": "keep", "password": PASSWORD}, page="/")
    assert response.status_code == 403 and account(admin).deleted_at is None


def test_a_suspended_member_may_still_delete_their_account(client):
    suspended = factories.make_suspended(username="cross_words")
    delete_through_pages(sign_in(client, suspended), "keep", username="cross_words")
    assert account(suspended).deleted_at is not None


def test_the_service_refuses_someone_else_a_wrong_password_and_a_second_time(member, other_member):
    with pytest.raises(PermissionDenied):
        services.delete_account(other_member, member, keep_posts=True, password=PASSWORD)
    with pytest.raises(Refused) as wrong:
        services.delete_account(member, member, keep_posts=True, password="guess guess guess")
    assert wrong.value.field == "password"
    db.session.rollback()
    services.delete_account(member, member, keep_posts=False, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        services.delete_account(member, member, keep_posts=False, password=PASSWORD)


def test_the_anonymous_name_stays_unique_when_someone_took_it(member):
    squatter = factories.make_member(username=f"former-member-{member.id}")
    services.delete_account(member, member, keep_posts=True, password=PASSWORD)
    assert account(member).username == f"former-member-{member.id}-2" and squatter.username != account(member).username


def test_counts_in_the_category_stay_right_with_posts_kept(member_client, history):
    before = reload(history.category).post_count
    delete_through_pages(member_client, "keep")
    assert db.session.get(Category, history.category.id).post_count == before
