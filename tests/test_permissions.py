"""Who may do what: one matrix over every rule in forum/permissions.py."""
from datetime import datetime

import pytest
from flask_login import AnonymousUserMixin

from forum.auth.models import User
from forum.categories.models import Category
from forum.errors import PermissionDenied
from forum.permissions import RULES, can, require
from forum.threads.models import Post, Thread

# Objects built in memory: the rules read attributes only, never the database.
ANA, DESK, MOD, ADMIN = 1, 2, 3, 4
PEOPLE = {
    "visitor": AnonymousUserMixin(),
    "nobody": None,
    "member": User(id=ANA, username="ana_runner", role="member"),
    "other member": User(id=DESK, username="desk_sitter", role="member"),
    "moderator": User(id=MOD, username="mod_kim", role="moderator"),
    "admin": User(id=ADMIN, username="admin_lee", role="admin"),
}


def _thing(kind):
    if kind == "category":
        return Category(id=1, slug="sciatica", name="Sciatica")
    if kind == "open thread":
        return Thread(id=1, author_id=ANA, locked=False)
    if kind == "locked thread":
        return Thread(id=2, author_id=ANA, locked=True)
    if kind == "ana's post":
        return Post(id=1, author_id=ANA, deleted_at=None)
    if kind == "ana's deleted post":
        return Post(id=2, author_id=ANA, deleted_at=datetime(2026, 1, 5))
    if kind == "ana's profile":
        return PEOPLE["member"]
    if kind == "nothing":
        return None
    raise AssertionError(kind)


# (action, person, thing, allowed)
MATRIX = [
    ("start_thread", "visitor", "category", False),
    ("start_thread", "nobody", "category", False),
    ("start_thread", "member", "category", True),
    ("start_thread", "moderator", "category", True),

    ("reply", "visitor", "open thread", False),
    ("reply", "member", "open thread", True),
    ("reply", "other member", "open thread", True),
    ("reply", "member", "locked thread", False),
    ("reply", "other member", "locked thread", False),
    ("reply", "moderator", "locked thread", True),
    ("reply", "admin", "locked thread", True),
    ("reply", "member", "nothing", False),

    ("quote_post", "visitor", "ana's post", False),
    ("quote_post", "member", "ana's post", True),
    ("quote_post", "other member", "ana's post", True),
    ("quote_post", "other member", "ana's deleted post", False),
    ("quote_post", "member", "nothing", False),

    ("edit_post", "visitor", "ana's post", False),
    ("edit_post", "member", "ana's post", True),
    ("edit_post", "other member", "ana's post", False),
    ("edit_post", "member", "ana's deleted post", False),
    ("edit_post", "moderator", "ana's post", False),
    ("edit_post", "member", "nothing", False),

    ("delete_post", "visitor", "ana's post", False),
    ("delete_post", "member", "ana's post", True),
    ("delete_post", "other member", "ana's post", False),
    ("delete_post", "member", "ana's deleted post", False),
    ("delete_post", "moderator", "ana's post", False),

    ("edit_profile", "visitor", "ana's profile", False),
    ("edit_profile", "member", "ana's profile", True),
    ("edit_profile", "other member", "ana's profile", False),
    ("edit_profile", "moderator", "ana's profile", False),
    ("edit_profile", "member", "nothing", False),
]


@pytest.mark.parametrize("action, person, thing, allowed", MATRIX, ids=[f"{a}:{p}:{t}" for a, p, t, _ in MATRIX])
def test_can(action, person, thing, allowed):
    assert can(PEOPLE[person], action, _thing(thing)) is allowed


@pytest.mark.parametrize("action, person, thing, allowed", MATRIX, ids=[f"{a}:{p}:{t}" for a, p, t, _ in MATRIX])
def test_require_raises_exactly_when_can_refuses(action, person, thing, allowed):
    if allowed:
        require(PEOPLE[person], action, _thing(thing))
    else:
        with pytest.raises(PermissionDenied) as refusal:
            require(PEOPLE[person], action, _thing(thing))
        assert refusal.value.status == 403


def test_every_rule_has_rows_in_the_matrix():
    assert {row[0] for row in MATRIX} == set(RULES)


def test_every_rule_refuses_a_visitor():
    for action in RULES:
        assert can(PEOPLE["visitor"], action, _thing("ana's post")) is False, action


def test_require_carries_the_message_a_person_sees():
    with pytest.raises(PermissionDenied, match="This thread is locked"):
        require(PEOPLE["member"], "reply", _thing("locked thread"), message="This thread is locked: no new replies.")


@pytest.mark.parametrize("action", ["lock_thread_typo", "", "EDIT_POST"])
def test_unknown_action_is_a_programming_error(action):
    with pytest.raises(ValueError, match="Unknown permission action"):
        can(PEOPLE["member"], action, _thing("ana's post"))
    with pytest.raises(ValueError):
        require(PEOPLE["member"], action, _thing("ana's post"))
