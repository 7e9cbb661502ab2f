"""Publishing versions of the medical disclaimer, and members accepting them."""
import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.audit.models import AuditEntry
from forum.auth.services import register
from forum.disclaimer import queries
from forum.disclaimer.models import DisclaimerVersion
from forum.disclaimer.services import accept_disclaimer, publish_disclaimer
from forum.disclaimer.steps import DisclaimerNotAccepted, check_accepted
from forum.errors import PermissionDenied, Refused
from forum.extensions import db
from forum.threads import services as thread_services
from forum.threads.models import Post, Thread
from forum.timeutil import utcnow
from tests import factories
from tests.factories import make_suspended

BODY = "Stories here are **personal experience**.\n\nNothing here is a diagnosis."


def version_count():
    return db.session.scalar(select(func.count(DisclaimerVersion.id)))


def test_a_moderator_publishes_a_version_with_its_markdown_rendered_safely(moderator):
    version = publish_disclaimer(moderator, "  Not medical advice.  ", BODY + "\n\n<script>alert(1)</script>", must_accept=True)

    assert version.summary == "Not medical advice."
    assert "<strong>personal experience</strong>" in version.body_html
    assert "<script>" not in version.body_html
    assert (version.published_by_id, version.must_accept) == (moderator.id, True)
    assert utcnow() - version.published_at < timedelta(minutes=1)
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.target_id) == ("publish_disclaimer", moderator.id, version.id)
    assert json.loads(entry.snapshot)["must_accept"] is True


@pytest.mark.parametrize("make_person", [
    lambda: factories.make_member(username="plain_pat"),
    lambda: make_suspended(username="paused_mod", role="moderator"),
], ids=["member", "suspended moderator"])
def test_only_active_staff_publish(make_person):
    with pytest.raises(PermissionDenied):
        publish_disclaimer(make_person(), "Not medical advice.", BODY, must_accept=False)
    assert version_count() == 0


@pytest.mark.parametrize("summary, body, field", [("   ", BODY, "summary"), ("Not medical advice.", "  \n ", "body")])
def test_both_the_short_form_and_the_full_text_are_needed(moderator, summary, body, field):
    with pytest.raises(Refused) as refusal:
        publish_disclaimer(moderator, summary, body, must_accept=False)
    assert refusal.value.field == field
    db.session.rollback()
    assert version_count() == 0
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


def test_every_version_is_kept_and_the_newest_is_current(moderator):
    first = publish_disclaimer(moderator, "One.", "First text.", must_accept=False)
    second = publish_disclaimer(moderator, "Two.", "Second text.", must_accept=True)
    third = publish_disclaimer(moderator, "Three.", "Third text.", must_accept=False)

    assert [(v.id, v.body) for v in queries.all_versions()] == [
        (third.id, "Third text."), (second.id, "Second text."), (first.id, "First text.")]
    assert queries.current_version().id == third.id
    assert queries.required_version_id() == second.id


def test_compare_shows_the_lines_added_and_removed(moderator):
    old = publish_disclaimer(moderator, "One.", "Keep this line.\nDrop this line.\nKeep the end.", must_accept=False)
    new = publish_disclaimer(moderator, "Two.", "Keep this line.\nKeep the end.\nA new last line.", must_accept=False)

    changes = queries.compare(old, new)

    hidden = r'<span class="visually-hidden">[^<]*</span>'
    assert changes.changed
    assert re.sub(hidden, "", changes.html) == "Keep this line.\n<del>Drop this line.\n</del>Keep the end.\n<ins>A new last line.</ins>"


def test_registering_records_the_current_version():
    assert register("before_any", "b@example.org", factories.PASSWORD, accepted_terms=True).disclaimer_version_id is None
    version = publish_disclaimer(factories.make_member(username="mod_kim", role="moderator"), "S.", BODY, must_accept=False)

    joined = register("new_joiner", "n@example.org", factories.PASSWORD, accepted_terms=True)

    assert joined.disclaimer_version_id == version.id
    assert utcnow() - joined.disclaimer_accepted_at < timedelta(minutes=1)


def test_accepting_records_the_version_and_the_time(moderator, member):
    version = publish_disclaimer(moderator, "S.", BODY, must_accept=True)
    accept_disclaimer(member, version)
    db.session.refresh(member)
    assert member.disclaimer_version_id == version.id
    assert utcnow() - member.disclaimer_accepted_at < timedelta(minutes=1)


def test_a_version_members_must_accept_blocks_those_who_have_not(moderator, member, thread):
    publish_disclaimer(moderator, "S.", BODY, must_accept=True)

    with pytest.raises(DisclaimerNotAccepted) as refusal:
        check_accepted(member)
    assert refusal.value.status == 409
    with pytest.raises(DisclaimerNotAccepted):
        thread_services.reply(member, thread, "Ice helped me more than heat.")
    db.session.rollback()
    with pytest.raises(DisclaimerNotAccepted):
        thread_services.start_thread(member, thread.category, "Night pain", "Anyone else wake at 3am?")
    db.session.rollback()
    assert db.session.scalar(select(func.count(Post.id))) == 1
    assert db.session.scalar(select(func.count(Thread.id))) == 1


def test_a_version_without_must_accept_blocks_nobody(moderator, member, thread):
    publish_disclaimer(moderator, "S.", BODY, must_accept=False)
    check_accepted(member)
    assert thread_services.reply(member, thread, "Ice helped me more than heat.").body == "Ice helped me more than heat."


def test_having_accepted_a_required_version_is_enough_until_a_newer_one_is_required(moderator, member):
    required = publish_disclaimer(moderator, "S.", BODY, must_accept=True)
    accept_disclaimer(member, required)
    check_accepted(member)

    publish_disclaimer(moderator, "Typo fixed.", BODY + " Typo fixed.", must_accept=False)
    check_accepted(member)  # a small fix doesn't ask everyone again

    publish_disclaimer(moderator, "Rewritten.", "Rewritten from scratch.", must_accept=True)
    with pytest.raises(DisclaimerNotAccepted):
        check_accepted(member)
