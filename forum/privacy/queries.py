"""The read side of privacy: everything the forum holds about a member, as
one document they can download, and what deleting their account touches.

Each table is read once for the whole export, whatever the member wrote, so
a member with ten thousand posts costs the same number of queries as one
with a single post.
"""
import json
from collections import defaultdict

from sqlalchemy import func, select

from ..accounts.queries import former_usernames
from ..extensions import db
from ..following.models import Bookmark, CategoryFollow, ThreadFollow, ThreadRead
from ..moderation.models import Report, ReportCase
from ..notifications.models import Notification
from ..practitioners.models import Application
from ..reactions.models import KINDS, Reaction
from ..stories.models import Story, StoryVersion
from ..threads.models import Category, Post, PostRevision, Thread, TitleRevision
from ..timeutil import utcnow

EXPORT_FORMAT = 1
# Said in the file itself, so whoever reads it knows what is missing and why.
NOT_INCLUDED = (
    "Moderators' private notes about you, the reasons they gave each other for hiding a post, who decided "
    "your practitioner application, and who else reported a post you reported are not included: they are "
    "the moderators' working record, and the other reporters' data. What was decided about you, and every "
    "reason you were told, is included."
)


# The safety checks' findings, as the writer was told them.
SIGNAL_WORDS = {"red_flag": "possible emergency", "crisis": "possible risk of self-harm",
                "personal_details": "personal details"}


def _grouped(query, key, shape):
    """{key: [shape(row), ...]} over one query's rows: a table's rows for
    every post, thread or story at once, never a query per item."""
    groups = defaultdict(list)
    for row in db.session.scalars(query):
        groups[key(row)].append(shape(row))
    return groups


def _time(value):
    """A stored time (naive UTC) or date, as ISO 8601."""
    if value is None:
        return None
    if hasattr(value, "hour"):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _by(member, replaced_by_id):
    return "you" if replaced_by_id == member.id else "a moderator"


def _profile(member):
    return {
        "username": member.username,
        "email": member.email,
        "bio": member.bio,
        "role": member.role,
        "joined_at": _time(member.created_at),
        "post_count": member.post_count,
        "guidelines_accepted_at": _time(member.guidelines_accepted_at),
        "disclaimer_accepted_at": _time(member.disclaimer_accepted_at),
        "disclaimer_version_accepted": member.disclaimer_version_id,
        "username_changed_at": _time(member.username_changed_at),
        "former_usernames": [{"username": name, "given_up_at": _time(at)} for name, at in former_usernames(member)],
        "suspended_until": _time(member.suspended_until),
        "banned": member.banned,
        "suspension_reason": member.suspension_reason,
    }


def _posts(member):
    revisions = _grouped(
        select(PostRevision).join(Post, Post.id == PostRevision.post_id)
        .where(Post.author_id == member.id).order_by(PostRevision.post_id, PostRevision.id),
        lambda revision: revision.post_id,
        lambda revision: {
            "body": revision.body, "written_at": _time(revision.written_at),
            "replaced_at": _time(revision.replaced_at), "replaced_by": _by(member, revision.replaced_by_id),
        })
    rows = db.session.execute(
        select(Post, Thread.title).join(Thread, Thread.id == Post.thread_id)
        .where(Post.author_id == member.id).order_by(Post.id)
    ).all()
    return [{
        "id": post.id, "thread_id": post.thread_id, "thread_title": title,
        "written_at": _time(post.created_at), "edited_at": _time(post.edited_at), "body": post.body,
        "deleted_at": _time(post.deleted_at), "hidden_by_a_moderator": post.hidden_at is not None,
        "moderator_note": post.moderator_note, "earlier_versions": revisions[post.id],
        # What the safety checks found in it when it was written: it is about them.
        "safety_checks_found": [SIGNAL_WORDS[signal] for signal in post.signals.split(",") if signal],
    } for post, title in rows]


def _threads(member):
    earlier = _grouped(
        select(TitleRevision).join(Thread, Thread.id == TitleRevision.thread_id)
        .where(Thread.author_id == member.id).order_by(TitleRevision.thread_id, TitleRevision.id),
        lambda revision: revision.thread_id,
        lambda revision: {
            "title": revision.title, "replaced_at": _time(revision.replaced_at),
            "replaced_by": _by(member, revision.replaced_by_id),
        })
    rows = db.session.execute(
        select(Thread, Category.name).join(Category, Category.id == Thread.category_id)
        .where(Thread.author_id == member.id).order_by(Thread.id)
    ).all()
    return [{
        "id": thread.id, "title": thread.title, "category": category, "started_at": _time(thread.created_at),
        "members_only": thread.members_only, "earlier_titles": earlier[thread.id],
    } for thread, category in rows]


def _stories(member):
    versions = _grouped(
        select(StoryVersion).join(Story, Story.id == StoryVersion.story_id)
        .where(Story.author_id == member.id).order_by(StoryVersion.story_id, StoryVersion.number),
        lambda version: version.story_id,
        lambda version: {
            "number": version.number, "told_at": _time(version.created_at),
            "account": version.account_data, "changes": version.change_list,
        })
    rows = db.session.execute(
        select(Story, Thread.title).join(Thread, Thread.id == Story.thread_id)
        .where(Story.author_id == member.id).order_by(Story.id)
    ).all()
    return [{
        "id": story.id, "thread_id": story.thread_id, "thread_title": title, "told_at": _time(story.created_at),
        "updated_at": _time(story.updated_at), "withdrawn_at": _time(story.withdrawn_at), "versions": versions[story.id],
    } for story, title in rows]


def _reports(member):
    """The reports the member sent: their own words and the outcome they
    were told, never who else reported the post or which moderator decided."""
    rows = db.session.execute(
        select(Report, ReportCase.outcome, ReportCase.post_id, Post.thread_id)
        .join(ReportCase, ReportCase.id == Report.case_id).join(Post, Post.id == ReportCase.post_id)
        .where(Report.reporter_id == member.id).order_by(Report.id)
    ).all()
    return [{
        "post_id": post_id, "thread_id": thread_id,
        "reason": report.reason_label, "note": report.note, "sent_at": _time(report.created_at),
        "outcome": outcome or "open",
    } for report, outcome, post_id, thread_id in rows]


def _notifications(member):
    return [{
        "kind": n.kind_label, "message": n.body, "sent_at": _time(n.created_at), "read_at": _time(n.read_at),
    } for n in db.session.scalars(select(Notification).where(Notification.member_id == member.id).order_by(Notification.id))]


def _applications(member):
    return [{
        "id": a.id, "status": a.status_label, "sent_at": _time(a.created_at), "credential": a.credential,
        "licence_number": a.licence_number, "issued_by": a.place, "legal_name": a.legal_name,
        "licence_expires_on": _time(a.licence_expires_on), "practice_name": a.practice_name, "city": a.city,
        "npi": a.npi, "bio": a.bio, "moderators_question": a.info_request, "your_answer": a.info_answer,
        "checked_with": a.source_checked, "checked_on": _time(a.checked_on), "badge_lapses_at": _time(a.lapses_at),
        "decided_at": _time(a.decided_at), "reason_given": a.decision_reason,
    } for a in db.session.scalars(select(Application).where(Application.member_id == member.id).order_by(Application.id))]


def _following(member):
    """The threads and categories the member follows, and how far they have
    read each thread: their own choices, never who else follows. A query each."""
    threads = db.session.execute(
        select(ThreadFollow, Thread.title).join(Thread, Thread.id == ThreadFollow.thread_id)
        .where(ThreadFollow.member_id == member.id).order_by(ThreadFollow.created_at, ThreadFollow.thread_id)).all()
    categories = db.session.execute(
        select(CategoryFollow, Category.name).join(Category, Category.id == CategoryFollow.category_id)
        .where(CategoryFollow.member_id == member.id).order_by(CategoryFollow.created_at, CategoryFollow.category_id)).all()
    reads = db.session.execute(
        select(ThreadRead, Thread.title).join(Thread, Thread.id == ThreadRead.thread_id)
        .where(ThreadRead.member_id == member.id).order_by(ThreadRead.thread_id)).all()
    return {
        # `following` false: they stopped, and replying there again does not follow it back.
        "threads_followed": [{"thread_id": f.thread_id, "thread_title": title, "since": _time(f.created_at),
                              "following": f.following} for f, title in threads],
        "categories_followed": [{"category": name, "since": _time(f.created_at)} for f, name in categories],
        "threads_read": [{"thread_id": r.thread_id, "thread_title": title, "posts_read": r.read_count,
                          "last_read_post_id": r.last_read_post_id, "read_at": _time(r.read_at)} for r, title in reads],
    }


def _marks(member):
    """The posts the member bookmarked and reacted to, by id and thread:
    their own marks, never who else reacted. A query each."""
    def on_posts(model):
        return db.session.execute(
            select(model, Post.thread_id, Thread.title).join(Post, Post.id == model.post_id).join(Thread, Thread.id == Post.thread_id)
            .where(model.member_id == member.id).order_by(model.created_at, model.post_id)).all()

    return {
        "bookmarks": [{"post_id": b.post_id, "thread_id": thread_id, "thread_title": title, "bookmarked_at": _time(b.created_at)}
                      for b, thread_id, title in on_posts(Bookmark)],
        "reactions_given": [{"post_id": r.post_id, "thread_id": thread_id, "thread_title": title,
                             "reaction": KINDS[r.kind][1], "given_at": _time(r.created_at)}
                            for r, thread_id, title in on_posts(Reaction)],
    }


def export_for(member):
    """Everything the forum holds about `member` that is theirs to have, as
    plain data ready for JSON."""
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _time(utcnow()),
        "not_included": NOT_INCLUDED,
        "profile": _profile(member),
        "posts": _posts(member),
        "threads_started": _threads(member),
        "stories": _stories(member),
        "reports_sent": _reports(member),
        "notifications": _notifications(member),
        "practitioner_applications": _applications(member),
        **_following(member),
        **_marks(member),
    }


def export_json(member):
    return json.dumps(export_for(member), ensure_ascii=False, indent=2)


def what_goes(member):
    """How much of the member's writing deleting the account touches: posts
    still shown or hidden, threads started, stories told."""
    return {
        "posts": db.session.scalar(select(func.count(Post.id)).where(Post.author_id == member.id, Post.deleted_at.is_(None))),
        "threads": db.session.scalar(select(func.count(Thread.id)).where(Thread.author_id == member.id)),
        "stories": db.session.scalar(select(func.count(Story.id)).where(Story.author_id == member.id)),
    }
