"""Builders for test data, with keyword options for what a test cares about."""
import itertools
import re
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from forum.audit.models import AuditEntry
from forum.auth.services import register
from forum.disclaimer.services import publish_disclaimer
from forum.extensions import db
from forum.moderation import report_services
from forum.notifications.models import Notification
from forum.practitioners.review_services import verify_practitioner
from forum.practitioners.services import apply_practitioner
from forum.threads import services as thread_services
from forum.threads.models import Category, Post
from forum.timeutil import utcnow

PASSWORD = "a long enough test password"
_seq = itertools.count(1)


def make_member(username=None, email=None, role="member", password=PASSWORD, confirmed=True):
    """A member whose address is confirmed, unless `confirmed=False`."""
    n = next(_seq)
    username = username or f"member{n}"
    user = register(username, email or f"{username}@example.org", password, accepted_terms=True)
    user.role = role
    if confirmed:
        user.email_confirmed_at = user.created_at
    db.session.commit()
    return user


def make_category(name=None, slug=None):
    n = next(_seq)
    category = Category(slug=slug or f"category-{n}", name=name or f"Category {n}", description="A place to talk.", position=n)
    db.session.add(category)
    db.session.commit()
    return category


def make_thread(author=None, category=None, title=None, body="How did your pain start?", replies=0, locked=False, pinned=False, reply_author=None):
    author = author or make_member()
    category = category or make_category()
    thread = thread_services.start_thread(author, category, title or f"Thread number {next(_seq)}", body)
    for i in range(replies):
        thread_services.reply(reply_author or author, thread, f"Reply {i + 1}: stretching helped a little.")
    if locked or pinned:
        thread.locked = locked
        thread.pinned = pinned
        db.session.commit()
    return thread


def make_post(thread, author=None, body="Same here: sitting makes it worse."):
    return thread_services.reply(author or thread.author, thread, body)


def make_moderator(username=None):
    return make_member(username=username, role="moderator")


def make_admin(username=None):
    return make_member(username=username, role="admin")


def make_suspended(username=None, role="member", banned=False, reason="Repeated personal attacks."):
    """Someone whose suspension (or ban) is in force, set directly so the
    test doesn't depend on the suspension service."""
    person = make_member(username=username, role=role)
    if banned:
        person.banned = True
    else:
        person.suspended_until = utcnow() + timedelta(days=5)
    person.suspension_reason = reason
    db.session.commit()
    return person


def make_report(reporter, post, reason="misinformation", note=""):
    return report_services.report_post(reporter, post, reason, note)


def publish(by, summary="Personal stories here are not medical advice.", body="Nothing here is a diagnosis.", must_accept=False):
    return publish_disclaimer(by, summary, body, must_accept)


# Reading back what the forum recorded. Each request runs in a session of
# its own, so what a test loaded earlier may be stale: these read afresh.

def fresh(query):
    return db.session.scalars(query.execution_options(populate_existing=True)).all()


def reload(obj):
    db.session.refresh(obj)
    return obj


def posts_of(thread):
    return fresh(select(Post).where(Post.thread_id == thread.id).order_by(Post.id))


def audit_entries(action=None):
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return fresh(query)


def notifications_for(member):
    return fresh(select(Notification).where(Notification.member_id == member.id).order_by(Notification.id))


def text_of(html):
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def make_application(member=None, credential="LMT", jurisdiction="US-FL", expires_in_days=400, **details):
    """A pending practitioner application, through the applicant's service."""
    member = member or make_member()
    fields = {"licence_number": "MA60123", "legal_name": "Dana Q. Hands", "agree": True, "bio": "Massage for low back pain."}
    fields.update(details)
    return apply_practitioner(member, credential=credential, jurisdiction=jurisdiction,
                              licence_expires_on=utcnow().date() + timedelta(days=expires_in_days), **fields)


def make_practitioner(username=None, credential="LMT", verified_by=None, checked_days_ago=0, **details):
    """A member whose licence a moderator has verified: their badge shows."""
    member = make_member(username=username)
    application = make_application(member, credential=credential, **details)
    verify_practitioner(verified_by or make_moderator(), application, "the Florida Board of Massage Therapy",
                        utcnow().date() - timedelta(days=checked_days_ago), "https://example.org/licence-search")
    return member


def term(kind, slug):
    """The vocabulary entry `slug` ("massage-therapy"), seeding the starting words first."""
    from forum.stories.models import Term
    from forum.stories.steps import ensure_vocabulary

    ensure_vocabulary()
    db.session.commit()
    return db.session.scalar(select(Term).where(Term.kind == kind, Term.slug == slug))


def story_account(conditions=("sciatica",), causes=("overuse",), treatments=(("stretching", "helped_a_lot"),),
                  side="left", now="improving", started=(2025, 3), other_condition="", other_cause=""):
    """An Account from vocabulary slugs; treatments are (slug, outcome) or (slug, outcome, duration, note)."""
    from datetime import date

    from forum.stories.account import Account, Report

    return Account(
        conditions=[term("condition", s).id for s in conditions], other_condition=other_condition,
        causes=[term("cause", s).id for s in causes], other_cause=other_cause,
        side=side, started_on=date(*started, 1) if started else None, now=now,
        treatments=[Report(term("treatment", t[0]).id, *t[1:]) for t in treatments],
    )


def make_story(author=None, category=None, title=None, body="It started after a long run in March.", **account):
    """A thread telling a story; `account` as for story_account."""
    from forum.stories import services as story_services

    author = author or make_member()
    category = category or make_category()
    return story_services.tell_story(author, category, title or f"My story number {next(_seq)}", body,
                                     story_account(**account))


def safety_rows():
    """The starting safety lists, and the id of one phrase and one crisis resource on them."""
    from forum.safety.models import CrisisResource, SafetyPhrase
    from forum.safety.starting import ensure_lists

    ensure_lists()
    db.session.commit()
    return {"phrase_id": db.session.scalar(select(SafetyPhrase.id).limit(1)),
            "resource_id": db.session.scalar(select(CrisisResource.id).limit(1))}


def make_notification(member, body="Please keep it kind."):
    """A notification for `member`, as a moderator's warning leaves one."""
    from forum.notifications.steps import notify

    notify(member.id, "warning", body)
    db.session.commit()
    return notifications_for(member)[0]


def make_session(member, user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", remember=False, **columns):
    """A browser `member` is signed in on, as the sign-in page records one;
    `columns` overrides (created_at, last_seen_at, ended_at...)."""
    from forum.auth.sessions import open_session

    row, _token, _cookie = open_session(member, remember, user_agent)
    for name, value in columns.items():
        setattr(row, name, value)
    db.session.commit()
    return row
