"""Moderators, reports and disclaimer versions for the admin's browser tests.

Everything goes through the forum's own services, so the data is what the
pages would have made. The per-test cleanup empties every table, the
disclaimer's first version included, so each test publishes its own.
"""
import re
from datetime import timedelta

from sqlalchemy import select

from forum.disclaimer.services import publish_disclaimer
from forum.extensions import db
from forum.moderation import member_services, report_services, services
from forum.moderation.models import ReportCase
from forum.threads.models import Post
from forum.timeutil import utcnow
from tests import factories

FIRST_SUMMARY = "Members share their own experience here. Nothing on this forum is medical advice."
FIRST_BODY = """This forum is a place to compare notes, not a clinic.

Posts describe what happened to one person. They are not a diagnosis and not a treatment plan.

Practitioners who answer give general information, not care for you.
"""

# The admin pages checked in the browser, with moderation_scene's data.
# name: (address, the page's main heading)
ADMIN_PAGES = {
    "dashboard": (lambda s: "/admin/", "Moderation overview"),
    "reports-queue": (lambda s: "/admin/reports", "Reports queue"),
    "report-item": (lambda s: f"/admin/reports/{s['case'].id}", "Report about a post by night_owl"),
    "audit-log": (lambda s: "/admin/audit", "Audit log"),
    "members": (lambda s: "/admin/members", "Members"),
    "member": (lambda s: f"/admin/members/{s['suspended'].id}", "grumpy_gus"),
    "disclaimer-editor": (lambda s: "/admin/disclaimer", "Medical disclaimer"),
    "disclaimer-compare": (
        lambda s: "/admin/disclaimer/compare?old={}&new={}".format(*(v.id for v in s["versions"])),
        re.compile(r"^Version \d+ compared with version \d+$"),
    ),
}


def make_moderator(username="mod_mia"):
    return factories.make_member(username=username, role="moderator")


def publish_first_disclaimer(moderator, must_accept=False):
    return publish_disclaimer(moderator, FIRST_SUMMARY, FIRST_BODY, must_accept)


def posts_of(thread):
    return db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).all()


def report(reporter, post, reason="misinformation", note=""):
    return report_services.report_post(reporter, post, reason, note)


def hide(moderator, post, reason="Dangerous dosing advice."):
    services.hide_post(moderator, post, reason)


def suspend(moderator, member, until, reason="Repeated unkind replies after a warning."):
    member_services.suspend_member(moderator, member, reason, until=until)


def _spread_over_past_days(posts):
    """Date posts back over the last fortnight so the dashboard's chart has
    bars of different heights, not one bar for today."""
    days_ago = (0, 0, 0, 1, 2, 2, 4, 6, 6, 6, 9, 13)
    for i, post in enumerate(posts):
        post.created_at = utcnow() - timedelta(days=days_ago[i % len(days_ago)])
    db.session.commit()


def build_scene():
    """A forum with work waiting for the moderators: an urgent report and an
    ordinary one, a hidden post with a moderator note, a suspended member,
    two disclaimer versions, and audit entries for all of it."""
    admin = factories.make_member(username="ada_keeper", role="admin")
    moderator = make_moderator("mod_mia")
    first = publish_first_disclaimer(admin)
    changed = FIRST_BODY.replace("not care for you.", "not care for you.\n\nNever change a medicine because of a post here.")
    second = publish_disclaimer(moderator, FIRST_SUMMARY, changed, False)
    member = factories.make_member(username="ana_runner")
    rude = factories.make_member(username="grumpy_gus")
    worried = factories.make_member(username="night_owl")
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    thread = factories.make_thread(author=member, category=category, title="What caused yours?", replies=6, reply_author=worried)
    advice = factories.make_post(thread, author=rude, body="Just take double the dose, doctors are too careful.")
    unkind = factories.make_post(thread, author=rude, body="If stretching hasn't fixed it you're doing it wrong.")
    factories.make_post(thread, author=worried, body="Some days I can't see the point any more.")
    posts = posts_of(thread)
    _spread_over_past_days(posts)

    report(member, posts[-1], reason="self_harm", note="Please check on them tonight.")
    report(member, unkind, reason="harassment", note="Third unkind reply this week.")
    report(worried, unkind, reason="harassment")
    report(member, advice)
    hide(moderator, advice)
    services.note_post(moderator, unkind, "Everyone's recovery is different; please be kind.")
    member_services.warn_member(moderator, rude, "Please keep replies kind.")
    member_services.note_member(moderator, rude, "Warned once already in March about tone.")
    suspend(moderator, rude, (utcnow() + timedelta(days=7)).date())
    open_case = db.session.scalar(select(ReportCase).where(ReportCase.status == "open").order_by(ReportCase.urgent.desc()))
    return {
        "admin": admin, "moderator": moderator, "member": member, "suspended": rude,
        "thread": thread, "case": open_case, "post": posts[1], "versions": (first, second),
    }
