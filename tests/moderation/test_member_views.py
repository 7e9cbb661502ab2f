"""Warnings, suspensions and bans as the member lives them: what they see
when they next sign in, what they can still do, and who may act on whom."""
from datetime import timedelta

import pytest

from forum.extensions import db
from forum.moderation.models import MemberNote
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

from .conftest import field_error, text_of
from .factories import suspend
from tests.factories import audit_entries, posts_of, reload


def member_page(member):
    return f"/admin/members/{member.id}"


def act(browser, member, action, **fields):
    prefix = {"warn_member": "warn", "suspend_member": "suspend", "lift_suspension": "lift", "note_member": "note"}[action]
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    return form_post(browser, f"{member_page(member)}/{action}", data, page="/")


def in_days(n):
    return (utcnow() + timedelta(days=n)).date()


def test_a_warned_member_sees_it_on_their_next_page(client_for, member, moderator):
    browser = client_for(member)
    assert "new notification" not in browser.get("/").get_data(as_text=True)

    response = act(client_for(moderator), member, "warn_member", reason="Please keep it kind when people disagree.")

    assert response.status_code == 302
    assert "You have 1 new notification." in text_of(browser.get("/").get_data(as_text=True))
    notifications = text_of(browser.get("/notifications/").get_data(as_text=True))
    assert "Warning" in notifications and "Please keep it kind when people disagree." in notifications
    assert "mod_kim" not in notifications
    assert [e.action for e in audit_entries()] == ["warn_member"]


def test_a_suspended_member_signs_in_to_the_reason_and_end_date(client_for, member, moderator):
    until = in_days(10)
    response = act(client_for(moderator), member, "suspend_member", until=until.isoformat(), reason="Repeated personal attacks.")
    assert response.status_code == 302 and reload(member).is_suspended

    browser = client_for(member)
    page = text_of(browser.get("/").get_data(as_text=True))

    assert f"Your account is suspended until {until.day} {until:%b %Y} (UTC)" in page
    assert "The moderators' reason: Repeated personal attacks." in page


def test_a_suspended_member_reads_but_cannot_post_report_or_edit(client_for, thread, reply, member, moderator):
    suspend(member, by=moderator, reason="Cooling off.")
    own = posts_of(thread)[0]
    browser = client_for(member)

    html = browser.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "I have rolled for two weeks" in html
    assert "Your account is suspended, so you can't reply for now." in text_of(html)
    assert f'action="/threads/{thread.id}/reply"' not in html
    assert "Report</a>" not in html and "Edit</a>" not in html

    replying = form_post(browser, f"/threads/{thread.id}/reply", {"body": "Let me explain."}, page=f"/threads/{thread.id}")
    refusal = text_of(replying.get_data(as_text=True))
    assert replying.status_code == 403
    assert "Your account is suspended, so you can't reply for now." in refusal and "locked" not in refusal
    assert form_post(browser, "/threads/new", {"title": "A new thread", "body": "Hi", "category_id": thread.category_id}).status_code == 403
    assert form_post(browser, f"/moderation/posts/{reply.id}/report", {"reason": "advertising"}).status_code == 403
    assert form_post(browser, f"/threads/posts/{own.id}/edit", {"body": "Changed."}).status_code == 403
    assert reload(thread).reply_count == 1 and reload(own).body == "I have rolled for two weeks. Anyone else?"


def test_a_ban_has_no_end_date(client_for, member, moderator):
    response = act(client_for(moderator), member, "suspend_member", ban="y", reason="Selling fake cures.")
    assert response.status_code == 302

    page = text_of(client_for(member).get("/").get_data(as_text=True))
    assert "Your account is suspended permanently" in page and "Your account is banned." in page
    assert reload(member).banned and member.suspended_until is None


def test_a_date_in_the_past_is_refused_beside_the_field(client_for, member, moderator):
    response = act(client_for(moderator), member, "suspend_member", until=in_days(-1).isoformat(), reason="Too late.")

    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "suspend-until") == "Choose a date in the future, or ban."
    assert not reload(member).is_suspended and audit_entries() == []


def test_lifting_a_suspension_lets_them_post_again(client_for, thread, member, moderator):
    suspend(member, by=moderator)

    response = act(client_for(moderator), member, "lift_suspension", reason="Apologised.")

    assert response.status_code == 302
    browser = client_for(member)
    assert "suspended" not in text_of(browser.get(f"/threads/{thread.id}").get_data(as_text=True))
    posted = form_post(browser, f"/threads/{thread.id}/reply", {"body": "Thanks, and sorry."}, page=f"/threads/{thread.id}")
    assert posted.status_code == 302 and reload(thread).reply_count == 1


@pytest.mark.parametrize("target_role", ["moderator", "admin"])
def test_moderators_cannot_suspend_other_staff(client_for, moderator, target_role):
    target = factories.make_member(role=target_role)
    response = act(client_for(moderator), target, "suspend_member", ban="y", reason="Power grab.")
    assert response.status_code == 403 and not reload(target).is_suspended


def test_admins_can_suspend_moderators(client_for, admin, moderator):
    response = act(client_for(admin), moderator, "suspend_member", until=in_days(2).isoformat(), reason="Hid posts without reasons.")
    assert response.status_code == 302 and reload(moderator).is_suspended


@pytest.mark.parametrize("role", ["moderator", "admin"])
@pytest.mark.parametrize("action, fields", [
    ("warn_member", {"reason": "Note to self."}), ("suspend_member", {"ban": "y", "reason": "Break."}), ("note_member", {"body": "Me."}),
])
def test_nobody_acts_on_themself(client_for, role, action, fields):
    person = factories.make_member(role=role)
    assert act(client_for(person), person, action, **fields).status_code == 403
    assert audit_entries() == [] and not reload(person).is_suspended


# Private notes about a member

def test_private_notes_are_for_staff_only(client_for, member, other_member, moderator, other_moderator):
    act(client_for(moderator), member, "note_member", body="Says they are a physio; not verified.")

    staff_view = text_of(client_for(other_moderator).get(member_page(member)).get_data(as_text=True))
    assert "Says they are a physio; not verified." in staff_view and "mod_kim" in staff_view
    for person in (member, other_member):
        browser = client_for(person)
        refused = browser.get(member_page(member))
        assert refused.status_code == 403 and "physio" not in refused.get_data(as_text=True)
        profile = browser.get(f"/members/{member.username}")
        assert profile.status_code == 200 and "physio" not in profile.get_data(as_text=True)
    visitor = client_for(None).get(member_page(member))
    assert visitor.status_code == 302 and visitor.headers["Location"].startswith("/auth/login")


def test_notes_about_a_moderator_are_hidden_from_them_and_from_other_moderators(client_for, moderator, other_moderator, admin):
    words = "Thinking of asking Kim to step back for a while."
    assert act(client_for(admin), moderator, "note_member", body=words).status_code == 302

    for person in (moderator, other_moderator):
        browser = client_for(person)
        page = browser.get(member_page(moderator))
        assert page.status_code == 200 and "mod_kim" in page.get_data(as_text=True)
        assert "step back" not in page.get_data(as_text=True)
        log = browser.get("/admin/audit?action=note_member").get_data(as_text=True)
        assert "note member" in text_of(log) and "step back" not in log
    assert words in text_of(client_for(admin).get(member_page(moderator)).get_data(as_text=True))


def test_members_cannot_warn_suspend_or_note(client_for, member, other_member):
    browser = client_for(other_member)
    for action, fields in (("warn_member", {"reason": "x"}), ("suspend_member", {"ban": "y", "reason": "x"}), ("note_member", {"body": "x"})):
        assert act(browser, member, action, **fields).status_code == 403
    assert not reload(member).is_suspended and member.unread_notifications == 0
    assert db.session.query(MemberNote).count() == 0 and audit_entries() == []
