"""A member changes their username: once a month, their old name kept for them for 90 days."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.accounts.models import RetiredUsername
from forum.accounts.names import skeleton
from forum.auth.queries import authenticate
from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.members.services import change_username
from forum.timeutil import utcnow
from tests.conftest import form_post, sign_in
from tests.factories import PASSWORD, make_member, make_suspended, reload
from tests.members.test_views import field_error


def retired_names(member=None):
    query = select(RetiredUsername).order_by(RetiredUsername.id)
    if member is not None:
        query = query.where(RetiredUsername.member_id == member.id)
    return db.session.scalars(query.execution_options(populate_existing=True)).all()


def refusal(actor, member, new_username):
    """Try a rename and return the refusal, checking nothing changed."""
    before = (member.username, member.username_changed_at, len(retired_names()))
    with pytest.raises(Refused) as caught:
        change_username(actor, member, new_username)
    db.session.rollback()
    reload(member)
    assert (member.username, member.username_changed_at, len(retired_names())) == before
    assert caught.value.field == "username"
    return caught.value.message


def months_pass(member, days=31):
    """As if the member's last rename was `days` ago."""
    member.username_changed_at = utcnow() - timedelta(days=days)
    db.session.commit()


def reservations_end(member):
    """As if the member's names were given up over 90 days ago."""
    for retired in retired_names(member):
        retired.retired_at -= timedelta(days=91)
        retired.reserved_until -= timedelta(days=91)
    db.session.commit()


# The service

def test_a_member_changes_their_name_and_signs_in_with_the_new_one(member):
    before = utcnow()
    change_username(member, member, "  ana_walks  ")
    reload(member)
    assert (member.username, member.username_key, member.username_skeleton) == ("ana_walks", "ana_walks", skeleton("ana_walks"))
    assert before - timedelta(seconds=1) <= member.username_changed_at <= utcnow()
    [old] = retired_names(member)
    assert (old.username, old.skeleton) == ("ana_runner", skeleton("ana_runner"))
    assert old.reserved_until - old.retired_at == timedelta(days=90)
    assert authenticate("ana_walks", PASSWORD) == member
    assert authenticate("ana_runner", PASSWORD) is None


def test_only_the_member_renames_themself(member, other_member, moderator):
    with pytest.raises(PermissionDenied):
        change_username(other_member, member, "ana_walks")
    with pytest.raises(PermissionDenied):
        change_username(moderator, member, "ana_walks")
    assert reload(member).username == "ana_runner"


def test_a_suspended_member_keeps_their_name():
    paused = make_suspended(username="paused_pat")
    with pytest.raises(PermissionDenied):
        change_username(paused, paused, "pat_again")
    assert reload(paused).username == "paused_pat"


def test_the_same_name_is_not_a_change(member):
    assert refusal(member, member, " ana_runner ") == "That is already your username. Type the new one you'd like."


def test_a_second_change_within_30_days_is_refused_saying_when(member):
    change_username(member, member, "ana_walks")
    due = reload(member).username_changed_at + timedelta(days=30)
    message = refusal(member, member, "ana_strolls")
    assert message == f"A username can change once every 30 days. You can change yours again from {due:%-d %b %Y, %H:%M} UTC."


def test_after_30_days_the_name_can_change_again(member):
    change_username(member, member, "ana_walks")
    months_pass(member, days=29)
    refusal(member, member, "ana_strolls")
    months_pass(member, days=31)
    change_username(member, member, "ana_strolls")
    assert reload(member).username == "ana_strolls"
    assert [r.username for r in retired_names(member)] == ["ana_runner", "ana_walks"]


@pytest.mark.parametrize("new_name, says", [
    ("PT_ana", "“PT” reads as a professional title"),
    ("ana_admin", "“admin” would make the name look like the forum's staff"),
    ("аna_walks", "Cyrillic"),
    ("ana✓", "Check marks and symbols can't be part of a name"),
    ("desk_sitter", "That username is taken. Try another."),
    ("desk-s1tter", "That name is too close to an existing member's name (desk_sitter). Try another."),
    ("a", "Use 3 to 30 characters."),
])
def test_a_new_name_meets_the_same_rules_as_at_registration(member, other_member, new_name, says):
    assert says in refusal(member, member, new_name)


def test_the_old_name_is_kept_from_everyone_else_for_90_days(member, other_member):
    change_username(member, member, "ana_walks")
    months_pass(other_member)
    for lookalike in ("ana_runner", "Ana-Runner", "ana.runner"):
        assert "in use until recently" in refusal(other_member, other_member, lookalike)
    with pytest.raises(Refused):
        make_member(username="ana_runner")


def test_after_90_days_the_old_name_is_free_for_anyone(member, other_member):
    change_username(member, member, "ana_walks")
    reservations_end(member)
    change_username(other_member, other_member, "ana_runner")
    assert reload(other_member).username == "ana_runner"


def test_the_member_may_take_their_own_old_name_back(member):
    change_username(member, member, "ana_walks")
    months_pass(member)
    change_username(member, member, "Ana-Runner")
    assert reload(member).username == "Ana-Runner"


# The settings page

def rename(client, username, new_name, page=None):
    return form_post(client, f"/members/{username}/username", {"rename-username": new_name}, page=page or f"/members/{username}/edit")


def test_the_settings_page_offers_the_change(member_client):
    html = member_client.get("/members/ana_runner/edit").get_data(as_text=True)
    assert "Change your username" in html
    assert 'action="/members/ana_runner/username"' in html and 'name="rename-username"' in html
    assert 'name="bio"' in html


def test_a_rename_from_the_settings_page_leads_to_the_new_profile(member_client, member):
    response = rename(member_client, "ana_runner", "ana_walks")
    assert response.status_code == 302
    assert response.headers["Location"] == "/members/ana_walks"
    html = member_client.get("/members/ana_walks").get_data(as_text=True)
    assert "Your username is now ana_walks." in html


def test_a_refused_name_comes_back_typed_in_with_the_reason_beside_it(member_client, member, other_member):
    response = rename(member_client, "ana_runner", "desk_s1tter")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "rename-username") == "That name is too close to an existing member's name (desk_sitter). Try another."
    assert 'value="desk_s1tter"' in html
    assert reload(member).username == "ana_runner"


def test_the_page_says_when_the_next_change_may_be(member_client, member):
    rename(member_client, "ana_runner", "ana_walks")
    html = member_client.get("/members/ana_walks/edit").get_data(as_text=True)
    assert "You can change it again from" in html
    response = rename(member_client, "ana_walks", "ana_strolls")
    assert response.status_code == 422
    assert "A username can change once every 30 days." in field_error(response.get_data(as_text=True), "rename-username")


def test_nobody_else_may_rename_a_member(client, member, other_member):
    sign_in(client, other_member)
    response = rename(client, "ana_runner", "ana_walks", page="/members/desk_sitter/edit")
    assert response.status_code == 403
    assert reload(member).username == "ana_runner"


def test_a_visitor_is_sent_to_sign_in(client, member):
    response = form_post(client, "/members/ana_runner/username", {"rename-username": "ana_walks"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert reload(member).username == "ana_runner"


def test_renaming_is_a_post(member_client):
    assert member_client.get("/members/ana_runner/username").status_code == 405


# Old links

def test_an_old_profile_link_moves_permanently_to_the_new_name(client, member):
    change_username(member, member, "ana_walks")
    for old in ("/members/ana_runner", "/members/ANA_Runner"):
        response = client.get(old)
        assert response.status_code == 301
        assert response.headers["Location"] == "/members/ana_walks"
        assert response.headers["Cache-Control"] == "no-store"


def test_once_the_reservation_ends_the_old_link_leads_nowhere(client, member):
    change_username(member, member, "ana_walks")
    reservations_end(member)
    assert client.get("/members/ana_runner").status_code == 404


def test_a_look_alike_of_an_old_name_is_not_moved(client, member):
    change_username(member, member, "ana_walks")
    assert client.get("/members/ana-runner").status_code == 404


def test_the_public_profile_says_nothing_of_a_former_name(client, member):
    change_username(member, member, "ana_walks")
    html = client.get("/members/ana_walks").get_data(as_text=True)
    assert "ana_runner" not in html and "formerly" not in html.lower()


def test_moderators_see_former_names_on_the_members_admin_page(client_for, moderator, member):
    change_username(member, member, "ana_walks")
    html = client_for(moderator).get(f"/admin/members/{member.id}").get_data(as_text=True)
    assert "Formerly “ana_runner”" in html
