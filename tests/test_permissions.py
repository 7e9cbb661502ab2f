"""Who may do what: one matrix over every rule in forum/permissions/."""
import ast
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from flask_login import AnonymousUserMixin

import forum
from forum.accounts.models import User
from forum.accounts.security_models import Passkey
from forum.accounts.security_models import MemberSession
from forum.errors import PermissionDenied
from forum.moderation.models import ReportCase
from forum.practitioners.models import Application
from forum.stories.models import Story
from forum.permissions import RULES, No, can, require, why_not
from forum.threads.models import Category, Post, Thread
from forum.timeutil import utcnow

# Objects built in memory: the rules read attributes only, never the database.
ANA, DESK, MOD, SAM, ADMIN, LEE = 1, 2, 3, 4, 5, 6
SOON = utcnow() + timedelta(days=3)
PEOPLE = {
    "visitor": AnonymousUserMixin(),
    "nobody": None,
    "ana": User(id=ANA, username="ana_runner", role="member"),
    "desk": User(id=DESK, username="desk_sitter", role="member"),
    # ana again, with her account suspended or banned: only that changes.
    "suspended ana": User(id=ANA, username="ana_runner", role="member", suspended_until=SOON),
    "banned ana": User(id=ANA, username="ana_runner", role="member", banned=True),
    "ana, suspension over": User(id=ANA, username="ana_runner", role="member", suspended_until=utcnow() - timedelta(minutes=1)),
    "moderator": User(id=MOD, username="mod_kim", role="moderator"),
    "suspended moderator": User(id=MOD, username="mod_kim", role="moderator", suspended_until=SOON),
    "admin": User(id=ADMIN, username="lee_keeper", role="admin"),
    "suspended admin": User(id=ADMIN, username="lee_keeper", role="admin", banned=True),
}


def _thing(kind):
    return {
        "category": lambda: Category(id=1, slug="sciatica", name="Sciatica"),
        "open thread": lambda: Thread(id=1, author_id=ANA, locked=False),
        "locked thread": lambda: Thread(id=2, author_id=ANA, locked=True),
        "ana's post": lambda: Post(id=1, author_id=ANA),
        "ana's deleted post": lambda: Post(id=2, author_id=ANA, deleted_at=datetime(2026, 1, 5)),
        "ana's hidden post": lambda: Post(id=3, author_id=ANA, hidden_at=datetime(2026, 1, 6)),
        "desk's post": lambda: Post(id=4, author_id=DESK),
        "moderator's post": lambda: Post(id=5, author_id=MOD),
        "report": lambda: ReportCase(id=1, post_id=1, status="open", post=Post(id=1, author_id=ANA)),
        # Moderators' reach: only an admin acts on an admin's posts and threads,
        # nobody restores their own post another hid or decides a report about it.
        "admin's post": lambda: Post(id=40, author_id=ADMIN, author=PEOPLE["admin"]),
        "another admin's post": lambda: Post(id=41, author_id=LEE, author=_thing("another admin")),
        "another moderator's post": lambda: Post(id=42, author_id=SAM, author=_thing("another moderator")),
        "moderator's post hidden by another": lambda: Post(id=43, author_id=MOD, hidden_at=datetime(2026, 1, 6), hidden_by_id=SAM),
        "moderator's post hidden by themself": lambda: Post(id=44, author_id=MOD, hidden_at=datetime(2026, 1, 6), hidden_by_id=MOD),
        "admin's post hidden by another admin": lambda: Post(id=45, author_id=ADMIN, author=PEOPLE["admin"],
                                                             hidden_at=datetime(2026, 1, 6), hidden_by_id=LEE),
        "another admin's hidden post": lambda: Post(id=46, author_id=LEE, author=_thing("another admin"),
                                                    hidden_at=datetime(2026, 1, 6), hidden_by_id=ADMIN),
        "admin's thread": lambda: Thread(id=8, author_id=ADMIN, author=PEOPLE["admin"], locked=True),
        "another moderator's thread": lambda: Thread(id=9, author_id=SAM, author=_thing("another moderator")),
        "report about the moderator's post": lambda: ReportCase(id=2, post_id=5, status="open", post=_thing("moderator's post")),
        "report about the admin's post": lambda: ReportCase(id=3, post_id=40, status="open", post=_thing("admin's post")),
        "report about another admin's post": lambda: ReportCase(id=4, post_id=41, status="open", post=_thing("another admin's post")),
        # People as the ones acted on.
        "ana": lambda: PEOPLE["ana"],
        "desk": lambda: PEOPLE["desk"],
        "moderator": lambda: PEOPLE["moderator"],
        "another moderator": lambda: User(id=SAM, username="mod_sam", role="moderator"),
        "admin": lambda: PEOPLE["admin"],
        "another admin": lambda: User(id=LEE, username="lou_keeper", role="admin"),
        "ana's deleted account": lambda: User(id=ANA, username="former-member-1", role="member", deleted_at=datetime(2026, 2, 1)),
        "nothing": lambda: None,
        # Signed-in browsers.
        "ana's session": lambda: MemberSession(id=1, member_id=ANA),
        "ana's ended session": lambda: MemberSession(id=2, member_id=ANA, ended_at=datetime(2026, 2, 1)),
        "desk's session": lambda: MemberSession(id=3, member_id=DESK),
        # Practitioner applications.
        "ana's application": lambda: Application(id=1, member_id=ANA, status="pending"),
        "moderator's application": lambda: Application(id=2, member_id=MOD, status="pending"),
        # "This helped me": ana asked; desk and ana replied.
        "ana's thread": lambda: _asked(),
        "desk's reply to ana": lambda: Post(id=11, author_id=DESK, thread=_asked()),
        "desk's hidden reply to ana": lambda: Post(id=12, author_id=DESK, thread=_asked(), hidden_at=datetime(2026, 1, 6)),
        "ana's reply in her thread": lambda: Post(id=13, author_id=ANA, thread=_asked()),
        "ana's question": lambda: Post(id=10, author_id=ANA, thread=_asked()),
        "desk's reply elsewhere": lambda: Post(id=14, author_id=DESK, thread=Thread(id=4, author_id=DESK, first_post_id=20)),
        # Stories: ana's thread tells one; its first post can't be deleted while it does.
        "ana's story thread": lambda: _story_thread(),
        "ana's story": lambda: Story(id=1, author_id=ANA, thread_id=5),
        "ana's withdrawn story": lambda: Story(id=2, author_id=ANA, thread_id=6, withdrawn_at=datetime(2026, 2, 1)),
        "desk's story": lambda: Story(id=3, author_id=DESK, thread_id=7),
        "ana's story's first post": lambda: Post(id=30, author_id=ANA, thread=_story_thread()),
        "ana's reply in her story": lambda: Post(id=31, author_id=ANA, thread=_story_thread()),
        # A thread ana keeps for members: visitors see only its title.
        "ana's members-only thread": lambda: Thread(id=12, author_id=ANA, members_only=True),
        # Reactions and bookmarks: posts with their threads.
        "desk's reply in ana's members-only thread": lambda: Post(id=15, author_id=DESK,
                                                                  thread=Thread(id=12, author_id=ANA, members_only=True)),
        "desk's deleted reply to ana": lambda: Post(id=16, author_id=DESK, thread=_asked(), deleted_at=datetime(2026, 1, 5)),
        # Passkeys.
        "ana's passkey": lambda: Passkey(id=1, member_id=ANA),
        "desk's passkey": lambda: Passkey(id=2, member_id=DESK),
    }[kind]()


def _story_thread():
    return Thread(id=5, author_id=ANA, first_post_id=30, is_story=True)


def _asked():
    return Thread(id=3, author_id=ANA, first_post_id=10)


def rows(action, *cases):
    return [(action, person, thing, allowed) for person, thing, allowed in cases]


# Who may write at all: every suspended or banned person is refused.
WRITERS = [("ana", True), ("ana, suspension over", True), ("suspended ana", False), ("banned ana", False),
           ("moderator", True), ("suspended moderator", False), ("admin", True), ("suspended admin", False)]

MATRIX = [
    *rows("start_thread", ("visitor", "category", False), ("nobody", "category", False),
          *[(p, "category", ok) for p, ok in WRITERS]),

    *rows("reply", ("visitor", "open thread", False), ("nobody", "open thread", False),
          *[(p, "open thread", ok) for p, ok in WRITERS],
          ("ana", "locked thread", False), ("desk", "locked thread", False),
          ("moderator", "locked thread", True), ("admin", "locked thread", True),
          ("suspended moderator", "locked thread", False), ("ana", "nothing", False)),

    *rows("quote_post", ("visitor", "ana's post", False), ("ana", "ana's post", True), ("desk", "ana's post", True),
          ("suspended ana", "desk's post", False), ("banned ana", "desk's post", False),
          ("desk", "ana's deleted post", False), ("desk", "ana's hidden post", False),
          ("moderator", "ana's hidden post", False), ("ana", "nothing", False)),

    *rows("edit_post", ("visitor", "ana's post", False), ("ana", "ana's post", True), ("desk", "ana's post", False),
          ("suspended ana", "ana's post", False), ("banned ana", "ana's post", False),
          ("ana, suspension over", "ana's post", True), ("ana", "ana's deleted post", False),
          ("moderator", "ana's post", True), ("admin", "ana's post", True), ("moderator", "moderator's post", True),
          ("suspended moderator", "ana's post", False), ("moderator", "ana's deleted post", False),
          ("ana", "moderator's post", False), ("ana", "nothing", False)),

    *rows("delete_post", ("visitor", "ana's post", False), ("ana", "ana's post", True), ("desk", "ana's post", False),
          ("suspended ana", "ana's post", False), ("banned ana", "ana's post", False),
          ("ana", "ana's deleted post", False), ("moderator", "ana's post", False), ("admin", "ana's post", False),
          ("ana", "ana's story's first post", False), ("ana", "ana's reply in her story", True)),

    *rows("edit_profile", ("visitor", "ana", False), ("ana", "ana", True), ("desk", "ana", False),
          ("suspended ana", "ana", False), ("moderator", "ana", False), ("admin", "ana", False), ("ana", "nothing", False)),

    # Only the member renames themself; a suspended member keeps their name.
    *rows("change_username", ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True), ("desk", "ana", False),
          ("suspended ana", "ana", False), ("banned ana", "ana", False), ("ana, suspension over", "ana", True),
          ("moderator", "ana", False), ("admin", "ana", False), ("ana", "nothing", False)),

    *rows("report_post", ("visitor", "desk's post", False), ("nobody", "desk's post", False),
          ("ana", "desk's post", True), ("ana", "ana's post", False), ("desk", "ana's post", True),
          ("suspended ana", "desk's post", False), ("banned ana", "desk's post", False),
          ("ana, suspension over", "desk's post", True), ("desk", "ana's deleted post", False),
          ("desk", "ana's hidden post", False), ("moderator", "ana's post", True),
          ("suspended moderator", "ana's post", False), ("ana", "nothing", False)),

    *rows("mark_notifications_read", ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True),
          ("suspended ana", "ana", True), ("banned ana", "ana", True), ("desk", "ana", False),
          ("moderator", "ana", False), ("admin", "ana", False), ("ana", "nothing", False)),
    *rows("change_email_preferences", ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True),
          ("suspended ana", "ana", True), ("banned ana", "ana", True), ("desk", "ana", False),
          ("moderator", "ana", False), ("admin", "ana", False), ("ana", "nothing", False)),
    *rows("change_reading_settings", ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True),
          ("suspended ana", "ana", True), ("banned ana", "ana", True), ("desk", "ana", False),
          ("moderator", "ana", False), ("admin", "ana", False), ("ana", "nothing", False)),
    *rows("follow_thread", ("visitor", "open thread", False), ("nobody", "open thread", False), ("desk", "open thread", True),
          ("desk", "ana's members-only thread", True), ("suspended ana", "open thread", False), ("ana", "nothing", False)),
    *rows("follow_category", ("visitor", "category", False), ("desk", "category", True), ("moderator", "category", True),
          ("suspended ana", "category", False), ("ana", "nothing", False)),
]

# Reading one post on a page of its own, reacting to it and bookmarking it:
# only a post one may read; never a reaction to one's own; not while suspended.
MATRIX += [
    # (A post in a thread for everyone is read by visitors too: see the test below.)
    *rows("read_post", ("visitor", "desk's reply in ana's members-only thread", False),
          ("ana", "desk's reply in ana's members-only thread", True), ("desk", "desk's reply in ana's members-only thread", True),
          ("suspended ana", "desk's reply in ana's members-only thread", True),
          ("ana", "desk's hidden reply to ana", False), ("moderator", "desk's hidden reply to ana", False),
          ("ana", "desk's deleted reply to ana", False), ("ana", "nothing", False)),
    *rows("react", ("visitor", "desk's reply to ana", False), ("nobody", "desk's reply to ana", False),
          ("ana", "desk's reply to ana", True), ("desk", "ana's question", True), ("desk", "desk's reply to ana", False),
          ("ana", "desk's reply in ana's members-only thread", True), ("suspended ana", "desk's reply to ana", False),
          ("banned ana", "desk's reply to ana", False), ("moderator", "desk's reply to ana", True),
          ("ana", "desk's hidden reply to ana", False), ("ana", "desk's deleted reply to ana", False), ("ana", "nothing", False)),
    *rows("bookmark_post", ("visitor", "desk's reply to ana", False), ("ana", "desk's reply to ana", True),
          ("desk", "desk's reply to ana", True), ("ana", "desk's reply in ana's members-only thread", True),
          ("suspended ana", "desk's reply to ana", False), ("ana", "desk's hidden reply to ana", False),
          ("ana", "desk's deleted reply to ana", False), ("ana", "nothing", False)),
    *rows("unbookmark_post", ("visitor", "desk's reply to ana", False), ("ana", "desk's reply to ana", True),
          ("ana", "desk's hidden reply to ana", True), ("ana", "desk's deleted reply to ana", True),
          ("suspended ana", "desk's reply to ana", False), ("ana", "nothing", False)),
]

MATRIX += [
    *rows("apply_practitioner", ("visitor", "nothing", False), ("nobody", "nothing", False),
          *[(p, "nothing", ok) for p, ok in WRITERS]),
    *rows("view_practitioner_application", ("visitor", "ana's application", False), ("ana", "ana's application", True),
          ("suspended ana", "ana's application", True), ("desk", "ana's application", False),
          ("moderator", "ana's application", True), ("admin", "ana's application", True),
          ("suspended moderator", "ana's application", False)),
    *rows("mark_helpful", ("visitor", "desk's reply to ana", False), ("ana", "desk's reply to ana", True),
          ("suspended ana", "desk's reply to ana", False), ("desk", "desk's reply to ana", False),
          ("moderator", "desk's reply to ana", False), ("ana", "ana's reply in her thread", False),
          ("ana", "ana's question", False), ("ana", "desk's hidden reply to ana", False),
          ("ana", "desk's reply elsewhere", False), ("ana", "nothing", False)),
    *rows("unmark_helpful", ("visitor", "ana's thread", False), ("ana", "ana's thread", True),
          ("suspended ana", "ana's thread", False), ("desk", "ana's thread", False),
          ("moderator", "ana's thread", False), ("ana", "nothing", False)),
]
# Members-only threads: anyone signed in reads one, suspended or not (a
# thread for everyone is read by visitors too: see the test below); its
# author or a moderator switches it.
MATRIX += [
    *rows("read_thread", ("visitor", "ana's members-only thread", False), ("nobody", "ana's members-only thread", False),
          *[(p, "ana's members-only thread", True) for p in ("ana", "desk", "suspended ana", "banned ana", "moderator",
                                                             "suspended moderator", "admin")],
          ("desk", "nothing", False)),
]
for _thing_kind in ("ana's members-only thread", "open thread"):
    MATRIX += rows("set_members_only", ("visitor", _thing_kind, False), ("nobody", _thing_kind, False),
                   *[(p, _thing_kind, ok) for p, ok in WRITERS], ("desk", _thing_kind, False))
MATRIX += rows("set_members_only", ("ana", "nothing", False), ("moderator", "nothing", False))
MATRIX += [
    *rows("tell_story", ("visitor", "category", False), ("nobody", "category", False),
          *[(p, "category", ok) for p, ok in WRITERS]),
    *rows("add_story", ("visitor", "ana's thread", False), ("ana", "ana's thread", True),
          ("suspended ana", "ana's thread", False), ("desk", "ana's thread", False),
          ("moderator", "ana's thread", False), ("ana", "ana's story thread", False), ("ana", "nothing", False)),
]
# The storyteller's own steps.
for _action in ("update_story", "withdraw_story"):
    MATRIX += rows(_action, ("visitor", "ana's story", False), ("ana", "ana's story", True),
                   ("suspended ana", "ana's story", False), ("banned ana", "ana's story", False),
                   ("desk", "ana's story", False), ("moderator", "ana's story", False),
                   ("ana", "ana's withdrawn story", False), ("ana", "desk's story", False), ("ana", "nothing", False))
# The applicant's own steps.
for _action in ("answer_practitioner_info", "withdraw_practitioner"):
    MATRIX += rows(_action, ("visitor", "ana's application", False), ("ana", "ana's application", True),
                   ("suspended ana", "ana's application", False), ("desk", "ana's application", False),
                   ("moderator", "ana's application", False), ("ana", "nothing", False))
# Deciding an application: moderators and admins, never their own.
for _action in ("verify_practitioner", "request_practitioner_info", "reject_practitioner", "revoke_practitioner"):
    MATRIX += rows(_action, ("visitor", "ana's application", False), ("ana", "ana's application", False),
                   ("desk", "ana's application", False), ("moderator", "ana's application", True),
                   ("admin", "ana's application", True), ("suspended moderator", "ana's application", False),
                   ("moderator", "moderator's application", False), ("admin", "moderator's application", True),
                   ("moderator", "nothing", False))

# Staff-only actions on posts and threads: the same answer for every role.
STAFF_ONLY = [("visitor", False), ("nobody", False), ("ana", False), ("suspended ana", False),
              ("moderator", True), ("suspended moderator", False), ("admin", True), ("suspended admin", False)]
for _action, _thing_kind in [
    ("view_hidden_post", "ana's hidden post"),
    ("lock_thread", "open thread"), ("unlock_thread", "locked thread"), ("pin_thread", "open thread"),
    ("unpin_thread", "open thread"), ("move_thread", "open thread"), ("view_admin", "nothing"),
    ("retitle_thread", "open thread"), ("view_title_history", "admin's thread"),
    ("dismiss_report", "report"), ("decide_report", "report"), ("publish_disclaimer", "nothing"), ("view_name_collisions", "nothing"),
    ("add_term", "nothing"), ("rename_term", "nothing"), ("merge_terms", "nothing"),
    ("add_safety_phrase", "nothing"), ("remove_safety_phrase", "nothing"), ("add_crisis_resource", "nothing"),
    ("change_crisis_resource", "nothing"), ("remove_crisis_resource", "nothing"),
    ("hide_post", "ana's post"), ("restore_post", "ana's hidden post"), ("note_post", "ana's post"),
]:
    MATRIX += rows(_action, *[(p, _thing_kind, ok) for p, ok in STAFF_ONLY])

# A post's earlier versions: its author's to read, suspended or not and
# hidden or not, until they delete it; any post's for moderators.
MATRIX += rows("view_post_history", ("visitor", "ana's post", False), ("nobody", "ana's post", False),
               ("ana", "ana's post", True), ("suspended ana", "ana's post", True), ("ana", "ana's hidden post", True),
               ("ana", "ana's deleted post", False), ("desk", "ana's post", False), ("desk", "ana's hidden post", False),
               ("moderator", "ana's post", True), ("moderator", "ana's deleted post", True), ("admin", "ana's hidden post", True),
               ("moderator", "admin's post", True), ("suspended moderator", "ana's post", False), ("ana", "nothing", False))

# Moderators act on members' and each other's posts and threads; only an
# admin acts on an admin's, and admins act on everyone's.
for _action in ("edit_post", "hide_post", "note_post"):
    MATRIX += rows(_action, ("moderator", "admin's post", False), ("moderator", "another admin's post", False),
                   ("moderator", "another moderator's post", True), ("admin", "another admin's post", True),
                   ("admin", "another moderator's post", True), ("suspended admin", "another admin's post", False))
for _action in ("lock_thread", "unlock_thread", "pin_thread", "unpin_thread", "move_thread", "retitle_thread"):
    MATRIX += rows(_action, ("moderator", "admin's thread", False), ("admin", "admin's thread", True),
                   ("moderator", "another moderator's thread", True), ("admin", "another moderator's thread", True),
                   ("moderator", "nothing", False))
# Nobody restores their own post that someone else hid.
MATRIX += rows("restore_post", ("moderator", "moderator's post hidden by another", False),
               ("admin", "moderator's post hidden by another", True), ("moderator", "moderator's post hidden by themself", True),
               ("admin", "admin's post hidden by another admin", False), ("moderator", "admin's post hidden by another admin", False),
               ("admin", "another admin's hidden post", True), ("moderator", "another admin's hidden post", False))
# Nobody decides a report about their own post; one about an admin's is an admin's to decide.
for _action in ("decide_report", "dismiss_report"):
    MATRIX += rows(_action, ("moderator", "report about the moderator's post", False),
                   ("admin", "report about the moderator's post", True), ("moderator", "report about the admin's post", False),
                   ("admin", "report about the admin's post", False), ("admin", "report about another admin's post", True),
                   ("moderator", "report about another admin's post", False), ("moderator", "nothing", False))

# Hiding, restoring and noting need a post that still exists.
for _action in ("hide_post", "restore_post", "note_post"):
    MATRIX += rows(_action, ("moderator", "ana's deleted post", False), ("moderator", "nothing", False),
                   ("moderator", "moderator's post", True), ("ana", "ana's post", False))

# Acting on members: moderators act on members; admins on moderators too;
# nobody acts on themself or on an admin.
for _action in ("warn_member", "suspend_member", "lift_suspension", "note_member", "view_member_notes", "reach_out"):
    MATRIX += rows(
        _action,
        ("visitor", "ana", False), ("nobody", "ana", False), ("desk", "ana", False), ("suspended ana", "desk", False),
        ("moderator", "ana", True), ("suspended moderator", "ana", False), ("admin", "ana", True),
        ("moderator", "another moderator", False), ("moderator", "admin", False),
        ("admin", "moderator", True), ("admin", "another admin", False), ("suspended admin", "moderator", False),
        ("moderator", "moderator", False), ("admin", "admin", False), ("ana", "ana", False),
        ("moderator", "nothing", False),
    )

# A member's own data: downloading it and deleting the account stay theirs
# while suspended; an admin's account isn't deleted here.
for _action, _admin_leaves in (("download_data", True), ("delete_account", False)):
    MATRIX += rows(_action, ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True),
                   ("suspended ana", "ana", True), ("banned ana", "ana", True), ("desk", "ana", False),
                   ("moderator", "ana", False), ("admin", "ana", False), ("moderator", "moderator", True),
                   ("suspended moderator", "moderator", True), ("admin", "admin", _admin_leaves),
                   ("ana", "ana's deleted account", False), ("ana", "nothing", False))

# Passkeys: one's own, whatever one's role, suspended or not (a suspension
# stops writing, not looking after one's account); never another's.
MATRIX += rows("add_passkey", ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True),
               ("suspended ana", "ana", True), ("banned ana", "ana", True), ("desk", "ana", False),
               ("moderator", "ana", False), ("admin", "ana", False), ("admin", "admin", True),
               ("ana", "ana's deleted account", False), ("ana", "nothing", False))
MATRIX += rows("remove_passkey", ("visitor", "ana's passkey", False), ("nobody", "ana's passkey", False),
               ("ana", "ana's passkey", True), ("suspended ana", "ana's passkey", True), ("banned ana", "ana's passkey", True),
               ("ana", "desk's passkey", False), ("moderator", "ana's passkey", False), ("admin", "ana's passkey", False),
               ("ana", "nothing", False))

MATRIX += rows("appoint_moderator", ("visitor", "ana", False), ("ana", "desk", False), ("moderator", "ana", False),
               ("admin", "ana", True), ("suspended admin", "ana", False), ("admin", "moderator", False),
               ("admin", "another admin", False), ("admin", "admin", False), ("admin", "nothing", False))
MATRIX += rows("remove_moderator", ("visitor", "moderator", False), ("ana", "moderator", False),
               ("moderator", "another moderator", False), ("moderator", "moderator", False),
               ("admin", "moderator", True), ("suspended admin", "moderator", False), ("admin", "ana", False),
               ("admin", "another admin", False), ("admin", "admin", False), ("admin", "nothing", False))

# Signed-in browsers: each member ends their own, suspended or not; nobody
# ends another's, moderators included.
MATRIX += rows("end_session", ("visitor", "ana's session", False), ("nobody", "ana's session", False),
               ("ana", "ana's session", True), ("suspended ana", "ana's session", True),
               ("ana", "ana's ended session", False), ("desk", "ana's session", False),
               ("moderator", "ana's session", False), ("admin", "ana's session", False),
               ("ana", "desk's session", False), ("ana", "nothing", False))
MATRIX += rows("end_sessions", ("visitor", "ana", False), ("nobody", "ana", False), ("ana", "ana", True),
               ("banned ana", "ana", True), ("desk", "ana", False), ("moderator", "ana", False),
               ("admin", "ana", False), ("ana", "nothing", False))

IDS = [f"{a}:{p}:{t}" for a, p, t, _ in MATRIX]


@pytest.mark.parametrize("action, person, thing, allowed", MATRIX, ids=IDS)
def test_can(action, person, thing, allowed):
    assert can(PEOPLE[person], action, _thing(thing)) is allowed


@pytest.mark.parametrize("action, person, thing, allowed", MATRIX, ids=IDS)
def test_require_raises_exactly_when_can_refuses(action, person, thing, allowed):
    if allowed:
        require(PEOPLE[person], action, _thing(thing))
    else:
        with pytest.raises(PermissionDenied) as refusal:
            require(PEOPLE[person], action, _thing(thing))
        assert refusal.value.status == 403


def test_the_matrix_has_no_contradictions():
    answers = {}
    for action, person, thing, allowed in MATRIX:
        assert answers.setdefault((action, person, thing), allowed) is allowed, (action, person, thing)


def test_every_rule_has_rows_in_the_matrix_saying_yes_and_no():
    assert {row[0] for row in MATRIX} == set(RULES)
    for action in RULES:
        answers = {allowed for a, _, _, allowed in MATRIX if a == action}
        assert answers == {True, False}, action


def _things_for(action):
    """The kinds of thing the matrix asks `action` about."""
    return {t for a, _, t, _ in MATRIX if a == action}


def test_every_rule_refuses_a_visitor():
    for action in RULES:
        for thing in _things_for(action):
            assert can(PEOPLE["visitor"], action, _thing(thing)) is False, (action, thing)


@pytest.mark.parametrize("person", ["suspended ana", "banned ana", "suspended moderator", "suspended admin"])
def test_a_suspended_or_banned_person_may_only_mark_their_own_notifications_read_and_see_their_application(person):
    for action in RULES:
        for thing in _things_for(action):
            # Reading is for anyone signed in: suspension stops writing only.
            if action not in ("read_thread", "read_post") and can(PEOPLE[person], action, _thing(thing)):
                target = _thing(thing)
                if action == "view_post_history":
                    # Nor reading the earlier versions of their own post.
                    assert target.author_id == PEOPLE[person].id, (action, thing)
                    continue
                # Nor does it take away their own data: downloading it, deleting the account.
                # Nor looking after their own signed-in browsers and passkeys.
                about_them = ("mark_notifications_read", "change_email_preferences", "change_reading_settings", "download_data", "delete_account",
                              "end_sessions", "add_passkey")
                own = target.id == PEOPLE[person].id if action in about_them else target.member_id == PEOPLE[person].id
                assert action in (*about_them, "view_practitioner_application", "end_session", "remove_passkey") and own, (action, thing)


@pytest.mark.parametrize("action, person, thing, allowed", MATRIX, ids=IDS)
def test_every_refusal_carries_its_reason_and_require_says_it(action, person, thing, allowed):
    refusal = why_not(PEOPLE[person], action, _thing(thing))
    if allowed:
        assert refusal is None
        return
    # A rule refuses with a No of its own, never a bare False.
    assert isinstance(RULES[action](PEOPLE[person], _thing(thing)), No), (action, person, thing)
    assert refusal.reason.strip()
    with pytest.raises(PermissionDenied) as raised:
        require(PEOPLE[person], action, _thing(thing))
    assert raised.value.message == refusal.reason


@pytest.mark.parametrize("action, person, thing, reason, sign_in", [
    ("reply", "ana", "locked thread", "This thread is locked. No new replies can be added.", False),
    ("reply", "visitor", "locked thread", "This thread is locked. No new replies can be added.", False),
    ("reply", "suspended ana", "open thread", "Your account is suspended, so you can't reply for now.", False),
    ("reply", "visitor", "open thread", "Please sign in first.", True),
    ("read_thread", "visitor", "ana's members-only thread", "This thread is for members only. Sign in or register to read it.", True),
    ("set_members_only", "desk", "ana's members-only thread", "Only the thread's author or a moderator can change who may read it.", False),
    ("start_thread", "banned ana", "category", "Your account is suspended, so you can't start a thread for now.", False),
    ("edit_post", "desk", "ana's post", "You can only change your own posts.", False),
    ("report_post", "ana", "ana's post", "You can't report your own post.", False),
    ("react", "desk", "desk's reply to ana", "You can't react to your own post.", False),
    ("react", "suspended ana", "desk's reply to ana", "Your account is suspended, so you can't post, report or edit for now.", False),
    ("read_post", "visitor", "desk's reply in ana's members-only thread",
     "This thread is for members only. Sign in or register to read it.", True),
    ("quote_post", "desk", "ana's hidden post", "That post was hidden by a moderator.", False),
    ("view_post_history", "desk", "ana's post", "Only the post's author and the moderators can read its earlier versions.", False),
    ("view_post_history", "ana", "ana's deleted post",
     "You deleted this post, so its earlier versions are kept for the moderators only.", False),
    ("hide_post", "ana", "desk's post", "Only moderators can do that.", False),
    ("warn_member", "moderator", "admin", "You can't act on that member.", False),
    ("hide_post", "moderator", "admin's post", "Only an administrator can act on an administrator's posts.", False),
    ("edit_post", "moderator", "admin's post", "Only an administrator can act on an administrator's posts.", False),
    ("lock_thread", "moderator", "admin's thread", "Only an administrator can act on an administrator's threads.", False),
    ("restore_post", "moderator", "moderator's post hidden by another",
     "Someone else hid your post, so someone else decides whether it comes back.", False),
    ("decide_report", "moderator", "report about the moderator's post",
     "This report is about your own post, so another moderator decides it.", False),
    ("decide_report", "moderator", "report about another admin's post",
     "Only an administrator can act on an administrator's posts.", False),
    ("appoint_moderator", "moderator", "ana", "Only administrators can do that.", False),
])
def test_the_reason_is_the_one_that_applies(action, person, thing, reason, sign_in):
    refusal = why_not(PEOPLE[person], action, _thing(thing))
    assert (refusal.reason, refusal.sign_in) == (reason, sign_in)


@pytest.mark.parametrize("person", ["visitor", "nobody", "ana", "desk", "suspended ana"])
def test_a_thread_for_everyone_is_read_by_everyone(person):
    assert can(PEOPLE[person], "read_thread", _thing("open thread")) is True


@pytest.mark.parametrize("person", ["visitor", "nobody", "ana", "desk", "suspended ana"])
def test_a_shown_post_in_a_thread_for_everyone_is_read_by_everyone(person):
    assert can(PEOPLE[person], "read_post", _thing("desk's reply to ana")) is True


@pytest.mark.parametrize("action", ["lock_thread_typo", "", "EDIT_POST"])
def test_unknown_action_is_a_programming_error(action):
    with pytest.raises(ValueError, match="Unknown permission action"):
        can(PEOPLE["ana"], action, _thing("ana's post"))
    with pytest.raises(ValueError):
        require(PEOPLE["ana"], action, _thing("ana's post"))


# Rules live here only: nothing else may decide by comparing roles.

FORUM = Path(forum.__file__).parent
TEMPLATES = FORUM.parent / "templates"
TEMPLATE_ROLE_TEST = re.compile(r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)|(==|!=)\s*[\w.]*\.role\b|\bis_staff\b")


def _role_comparisons(source):
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "role" or isinstance(s, ast.Name) and s.id == "role"
                   for s in sides):
                found.append(node.lineno)
        elif isinstance(node, ast.Attribute) and node.attr == "is_staff":
            found.append(node.lineno)
    return found


def test_no_role_is_compared_outside_permissions():
    for path in sorted(FORUM.rglob("*.py")):
        if path.parent == FORUM / "permissions":
            continue
        assert _role_comparisons(path.read_text()) == [], path
    for path in sorted(TEMPLATES.rglob("*.html")):
        assert not TEMPLATE_ROLE_TEST.search(path.read_text()), path


@pytest.mark.parametrize("source", [
    "if user.role == 'admin': pass", "ok = member.role in ('moderator', 'admin')", "x = 'member' != role",
    "if current_user.is_staff: pass",
])
def test_the_role_check_finds_a_comparison_in_python(source):
    assert _role_comparisons(source)


@pytest.mark.parametrize("source", [
    "{% if member.role == 'member' %}", "{% if current_user.role in ('moderator', 'admin') %}",
    "{% if 'admin' != user.role %}", "{% if current_user.is_staff %}",
])
def test_the_role_check_finds_a_comparison_in_a_template(source):
    assert TEMPLATE_ROLE_TEST.search(source)


def test_showing_a_role_is_not_deciding_by_it():
    assert not _role_comparisons("label = member.role.title()")
    assert not TEMPLATE_ROLE_TEST.search("<td>{{ m.role }}</td>")
