"""Every moderation state change is a POST that needs the form's CSRF token:
without it the answer is 400 and nothing changes."""
import pytest

from forum.extensions import db
from forum.moderation import member_services
from forum.moderation.models import MemberNote, Report
from forum.notifications.models import Notification
from tests import factories
from tests.conftest import form_post

from .factories import cases_about
from tests.factories import audit_entries, make_report, notifications_for, reload


def state(thread, reply, member):
    """Everything these actions could change, read fresh from the database."""
    db.session.expire_all()
    return {
        "thread": (thread.locked, thread.pinned, thread.category_id, thread.reply_count),
        "post": (reply.body, reply.hidden_at, reply.moderator_note),
        "member": (member.suspended_until, member.banned, member.unread_notifications),
        "cases": [(c.status, c.reporter_count) for c in cases_about(reply)],
        "rows": (len(audit_entries()), db.session.query(Notification).count(), db.session.query(MemberNote).count(),
                 db.session.query(Report).count()),
    }


MODERATOR_POSTS = [
    ("/moderation/posts/{reply}/hide_post", {"reason": "Unsafe."}),
    ("/moderation/posts/{reply}/restore_post", {"reason": "Fine after all."}),
    ("/moderation/posts/{reply}/note_post", {"note": "Ask your doctor."}),
    ("/threads/posts/{reply}/edit", {"body": "Rewritten.", "reason": "Tidied."}),
    ("/moderation/threads/{thread}/lock_thread", {}),
    ("/moderation/threads/{thread}/unlock_thread", {}),
    ("/moderation/threads/{thread}/pin_thread", {}),
    ("/moderation/threads/{thread}/unpin_thread", {}),
    ("/moderation/threads/{thread}/move_thread", {"category_id": "{elsewhere}"}),
    ("/admin/reports/{case}/hide_post", {"reason": "Unsafe."}),
    ("/admin/reports/{case}/dismiss_report", {"reason": "Fine."}),
    ("/admin/reports/{case}/warn_member", {"reason": "Be careful."}),
    ("/admin/reports/{case}/suspend_member", {"reason": "Again.", "ban": "y"}),
    ("/admin/members/{author}/warn_member", {"warn-reason": "Be kind."}),
    ("/admin/members/{author}/suspend_member", {"suspend-reason": "Again.", "suspend-ban": "y"}),
    ("/admin/members/{author}/lift_suspension", {}),
    ("/admin/members/{author}/note_member", {"note-body": "Watch this."}),
]


@pytest.fixture
def scene(thread, reply, member, other_member, moderator):
    """ana has reported desk_sitter's reply; ids to fill into the addresses."""
    return {"thread": thread.id, "reply": reply.id, "author": other_member.id,
            "elsewhere": factories.make_category().id, "case": make_report(member, reply).id}


@pytest.mark.parametrize("url, data", MODERATOR_POSTS, ids=[u for u, _ in MODERATOR_POSTS])
def test_a_moderator_post_without_a_token_is_refused(client_for, scene, thread, reply, other_member, moderator, url, data):
    browser = client_for(moderator)
    before = state(thread, reply, other_member)

    response = browser.post(url.format(**scene), data={k: v.format(**scene) for k, v in data.items()})

    assert response.status_code == 400
    assert state(thread, reply, other_member) == before


def test_the_same_post_with_a_token_does_change_things(client_for, thread, moderator):
    """The control for the tests above: the token is all that was missing."""
    response = form_post(client_for(moderator), f"/moderation/threads/{thread.id}/lock_thread", {}, page=f"/threads/{thread.id}")
    assert response.status_code == 302 and reload(thread).locked


@pytest.mark.parametrize("url, data", [
    ("/moderation/posts/{reply}/report", {"reason": "harassment"}),
    ("/notifications/read", {}),
], ids=["report", "notifications read"])
def test_a_member_post_without_a_token_is_refused(client_for, scene, thread, reply, other_member, moderator, url, data):
    reporter = factories.make_member()
    member_services.warn_member(moderator, reporter, "Please be kind.")
    browser = client_for(reporter)
    before = state(thread, reply, other_member)

    response = browser.post(url.format(**scene), data=data)

    assert response.status_code == 400
    assert state(thread, reply, other_member) == before
    assert reload(reporter).unread_notifications == 1 and notifications_for(reporter)[0].read_at is None
