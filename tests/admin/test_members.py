"""The members list and a member's page: who accepted which disclaimer,
warnings, suspensions, private notes, and (for admins) appointing moderators."""
import re
from datetime import timedelta

import pytest

from forum.disclaimer.services import accept_disclaimer
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post

from tests.factories import audit_entries, make_moderator, make_suspended, notifications_for, publish, reload, text_of


def member_row(html, username):
    """The text of the members table row for `username`, after the name."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0] == username:
            return " ".join(cells[1:])
    raise AssertionError(f"{username} is not listed")


def act(browser, person, action, **fields):
    page = f"/admin/members/{person.id}"
    return form_post(browser, f"{page}/{action}", fields, page=page)


# Appointing and removing moderators: admins only.

def test_an_admin_appoints_a_moderator_who_can_then_open_the_back_office(admin_client, admin, member, client_for):
    their_browser = client_for(member)
    assert their_browser.get("/admin/").status_code == 403

    response = act(admin_client, member, "appoint_moderator", **{"role-reason": "Kind and steady in the sciatica threads."})

    assert response.status_code == 302
    assert reload(member).role == "moderator"
    assert [(e.action, e.actor_id, e.subject_id, e.reason) for e in audit_entries()] == [
        ("appoint_moderator", admin.id, member.id, "Kind and steady in the sciatica threads.")]
    # The same browser, already signed in, now gets in.
    assert their_browser.get("/admin/").status_code == 200
    assert their_browser.get("/admin/reports").status_code == 200


def test_an_admin_removes_a_moderator_who_then_is_kept_out(admin_client, admin, client_for):
    former = make_moderator(username="mod_sam")
    their_browser = client_for(former)
    assert their_browser.get("/admin/").status_code == 200

    assert act(admin_client, former, "remove_moderator", **{"role-reason": "Stepped down."}).status_code == 302

    assert reload(former).role == "member"
    assert [(e.action, e.actor_id, e.subject_id) for e in audit_entries()] == [("remove_moderator", admin.id, former.id)]
    assert their_browser.get("/admin/").status_code == 403


def test_a_moderator_can_neither_appoint_nor_remove_moderators(moderator_client, member):
    colleague = make_moderator(username="mod_sam")

    assert act(moderator_client, member, "appoint_moderator").status_code == 403
    assert act(moderator_client, colleague, "remove_moderator").status_code == 403

    assert (reload(member).role, reload(colleague).role) == ("member", "moderator")
    assert audit_entries() == []
    assert "Make moderator" not in moderator_client.get(f"/admin/members/{member.id}").get_data(as_text=True)


def test_an_admin_cannot_change_their_own_role_or_another_admins(admin_client, admin):
    other_admin = factories.make_member(username="keeper_two", role="admin")
    assert act(admin_client, admin, "remove_moderator").status_code == 403
    assert act(admin_client, other_admin, "appoint_moderator").status_code == 403
    assert (reload(admin).role, reload(other_admin).role) == ("admin", "admin")
    assert audit_entries() == []


def test_the_member_page_offers_the_role_change_that_fits(admin_client, member):
    colleague = make_moderator(username="mod_sam")
    assert "Make moderator" in admin_client.get(f"/admin/members/{member.id}").get_data(as_text=True)
    assert "Remove as moderator" in admin_client.get(f"/admin/members/{colleague.id}").get_data(as_text=True)


# Which disclaimer each member last accepted.

def test_the_list_shows_which_disclaimer_version_each_member_accepted_and_when(admin_client, admin, member):
    # ana_runner joined before any version was published.
    first = publish(admin, body="Version one.")
    joiner = factories.make_member(username="joined_later")  # accepts the current version on joining
    second = publish(admin, body="Version two.", must_accept=True)
    accept_disclaimer(member, second)

    html = admin_client.get("/admin/members").get_data(as_text=True)

    joined = reload(joiner)
    assert joined.disclaimer_version_id == first.id
    assert member_row(html, "joined_later").endswith(f"version {first.id}, just now")
    accepted = reload(member)
    assert member_row(html, "ana_runner").endswith(f"version {second.id}, just now")
    assert f'<time datetime="{accepted.disclaimer_accepted_at:%Y-%m-%dT%H:%M:%SZ}"' in html
    assert member_row(html, "lee_keeper").endswith("none yet")
    member_page = text_of(admin_client.get(f"/admin/members/{member.id}").get_data(as_text=True))
    assert f"Disclaimer: accepted version {second.id}, just now ." in member_page


def test_the_list_finds_members_by_the_start_of_their_name(moderator_client, member, other_member):
    factories.make_member(username="ana_rower")
    html = moderator_client.get("/admin/members?q=ANA_").get_data(as_text=True)
    assert member_row(html, "ana_runner") and member_row(html, "ana_rower")
    assert "desk_sitter" not in html
    assert f'href="/admin/members/{member.id}"' in html  # each name opens their page


def test_the_list_shows_who_is_suspended_or_banned(moderator_client):
    make_suspended(username="paused_pat")
    make_suspended(username="banned_bo", banned=True)
    html = moderator_client.get("/admin/members").get_data(as_text=True)
    assert member_row(html, "paused_pat").startswith("member suspended until")
    assert member_row(html, "banned_bo").startswith("member banned")


# Acting on a member from their page.

def test_a_warning_reaches_the_member_and_the_audit_log(moderator_client, moderator, member):
    response = act(moderator_client, member, "warn_member", **{"warn-reason": "Please keep replies kind."})
    assert response.status_code == 302
    assert [(n.kind, n.body) for n in notifications_for(member)] == [("warning", "Please keep replies kind.")]
    assert [(e.action, e.subject_id) for e in audit_entries()] == [("warn_member", member.id)]


def test_a_suspension_until_a_date_then_lifted(moderator_client, moderator, member):
    until = (utcnow() + timedelta(days=10)).date()
    assert act(moderator_client, member, "suspend_member",
               **{"suspend-until": until.isoformat(), "suspend-reason": "Three warnings ignored."}).status_code == 302
    suspended = reload(member)
    assert suspended.is_suspended and suspended.suspended_until.date() == until
    page = text_of(moderator_client.get(f"/admin/members/{member.id}").get_data(as_text=True))
    assert "Three warnings ignored." in page and "Lift the suspension" in page

    assert act(moderator_client, member, "lift_suspension", **{"lift-reason": "Apologised."}).status_code == 302
    assert not reload(member).is_suspended
    assert [e.action for e in audit_entries()] == ["suspend_member", "lift_suspension"]


def test_a_ban_has_no_end_date(moderator_client, member):
    assert act(moderator_client, member, "suspend_member", **{"suspend-ban": "y", "suspend-reason": "Selling pills."}).status_code == 302
    banned = reload(member)
    assert (banned.banned, banned.suspended_until, banned.suspension_reason) == (True, None, "Selling pills.")


@pytest.mark.parametrize("fields, error", [
    ({"suspend-reason": "Spam."}, "Choose an end date, or tick “Ban instead”."),
    ({"suspend-until": (utcnow() + timedelta(days=3)).date().isoformat()}, "Give a reason."),
], ids=["no date", "no reason"])
def test_a_suspension_without_a_date_or_reason_is_refused(moderator_client, member, fields, error):
    response = act(moderator_client, member, "suspend_member", **fields)
    assert response.status_code == 422
    assert error in text_of(response.get_data(as_text=True))
    assert not reload(member).is_suspended
    assert audit_entries() == []


def test_a_moderator_cannot_suspend_another_moderator(moderator_client):
    colleague = make_moderator(username="mod_sam")
    until = (utcnow() + timedelta(days=3)).date().isoformat()
    assert act(moderator_client, colleague, "suspend_member", **{"suspend-until": until, "suspend-reason": "x"}).status_code == 403
    assert not reload(colleague).is_suspended


def test_a_private_note_is_seen_by_moderators_only(moderator_client, member, client_for):
    assert act(moderator_client, member, "note_member", **{"note-body": "Talked by email; going through a rough patch."}).status_code == 302
    assert "going through a rough patch" in moderator_client.get(f"/admin/members/{member.id}").get_data(as_text=True)
    assert "going through a rough patch" not in client_for(member).get(f"/members/{member.username}").get_data(as_text=True)
    assert "going through a rough patch" not in client_for().get(f"/members/{member.username}").get_data(as_text=True)


def test_an_unknown_member_is_404(moderator_client):
    assert moderator_client.get("/admin/members/99999").status_code == 404


def test_a_moderator_is_offered_only_the_actions_they_may_take(moderator_client, moderator, member):
    other = make_moderator(username="mod_other")
    about_a_member = moderator_client.get(f"/admin/members/{member.id}").get_data(as_text=True)
    about_a_moderator = moderator_client.get(f"/admin/members/{other.id}").get_data(as_text=True)
    about_themself = moderator_client.get(f"/admin/members/{moderator.id}").get_data(as_text=True)
    for action in ("warn_member", "suspend_member", "note_member"):
        assert f"/admin/members/{member.id}/{action}" in about_a_member
        assert f"/admin/members/{other.id}/{action}" not in about_a_moderator
        assert f"/admin/members/{moderator.id}/{action}" not in about_themself
