"""The names page: names from before the name rules that look alike or break them, listed, never renamed."""
import itertools

import pytest

from forum.accounts.models import User, username_key
from forum.accounts.names import skeleton
from forum.extensions import db
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import sign_in
from tests.factories import reload, text_of

_n = itertools.count(1)

# Who is signed in (with their badge), the look-alike groups, every name
# read for the rules, the members found, and the footer's disclaimer.
NAMES_PAGE_QUERIES = 6


def stored_directly(username):
    """A member whose name was chosen before the rules: stored as the
    migration left it, without going through registration."""
    n = next(_n)
    user = User(username=username, username_key=username_key(username), username_skeleton=skeleton(username),
                email=f"old{n}@example.org", email_key=f"old{n}@example.org", password_hash="x", created_at=utcnow())
    db.session.add(user)
    db.session.commit()
    return user


def shown(member):
    """A name as the member_name macro draws it in the admin."""
    return f'<span class="member"><a href="/admin/members/{member.id}">{member.username}</a>'


def test_names_that_look_alike_are_listed_together(moderator_client, moderator):
    rosa, lookalike, third = stored_directly("mod_rosa"), stored_directly("mod_r0sa"), stored_directly("rnod-rosa")
    ana, ana_too = stored_directly("ana_runner"), stored_directly("ana.runner")
    alone = stored_directly("quiet_oak")

    html = moderator_client.get("/admin/names").get_data(as_text=True)

    alike = html[html.index('id="alike-h"'):html.index('id="rules-h"')]
    groups = alike.split("<li>")[1:]
    assert len(groups) == 2
    assert any(all(shown(m) in group for m in (rosa, lookalike, third)) for group in groups)
    assert any(shown(ana) in group and shown(ana_too) in group for group in groups)
    assert shown(alone) not in html
    # Listed, not renamed.
    assert (reload(lookalike).username, reload(ana_too).username) == ("mod_r0sa", "ana.runner")


def test_names_against_the_rules_are_listed_with_the_reason(moderator_client):
    admin_like, physio, marked = stored_directly("admin_jo"), stored_directly("PT_sam"), stored_directly("rosa✓")
    fine = stored_directly("ruth_on_ice")

    html = moderator_client.get("/admin/names").get_data(as_text=True)

    rules = html[html.index('id="rules-h"'):]
    for member in (admin_like, physio, marked):
        assert shown(member) in rules
    assert shown(fine) not in html
    text = text_of(rules)
    assert "“admin” would make the name look like the forum's staff" in text
    assert "“PT” reads as a professional title" in text
    assert "Check marks and symbols can't be part of a name" in text


def test_a_forum_whose_names_keep_the_rules_says_so(moderator_client):
    text = text_of(moderator_client.get("/admin/names").get_data(as_text=True))
    assert "No two names look alike." in text and "Every name keeps to the rules." in text


def test_the_page_is_in_the_admins_navigation(moderator_client):
    html = moderator_client.get("/admin/").get_data(as_text=True)
    assert '<a href="/admin/names">Names</a>' in html


@pytest.mark.parametrize("person", ["member", "suspended moderator"])
def test_people_without_staff_rights_are_refused(client_for, person):
    who = factories.make_member(username="plain_pat") if person == "member" else \
        factories.make_suspended(username="paused_mod", role="moderator")
    assert client_for(who).get("/admin/names").status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/names")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_the_page_costs_the_same_however_many_names_it_lists(client, moderator, page_queries):
    sign_in(client, moderator)
    stored_directly("mod_rosa"), stored_directly("mod_r0sa")
    _, few = page_queries("/admin/names")
    for n in range(8):
        stored_directly(f"walker_{n}a"), stored_directly(f"walker-{n}a")
        stored_directly(f"admin_{n}x"), stored_directly(f"dr_{n}x")
    response, many = page_queries("/admin/names")
    assert response.get_data(as_text=True).count('href="/admin/members/') >= 34
    assert len(few) == len(many) == NAMES_PAGE_QUERIES
