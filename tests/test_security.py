"""What someone probing the forum finds: pages for the signed-in stay out of
shared caches, private details never reach a page, and extra form fields
change nothing they shouldn't."""
import re

import pytest
from sqlalchemy import select

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation import member_services, report_services, services as moderation
from forum.threads import services as thread_services
from forum.threads.models import Post, Thread
from tests import factories
from tests.conftest import form_post, sign_in


# Cached pages

def test_pages_for_someone_signed_in_are_not_kept_in_the_browser_cache(client_for, member, moderator, category):
    thread = factories.make_thread(author=member, category=category)
    pages = {
        client_for(member): ["/", "/notifications/", f"/threads/{thread.id}", f"/members/{member.username}/edit"],
        client_for(moderator): ["/admin/", "/admin/members", "/admin/audit", f"/admin/members/{member.id}"],
    }
    for browser, urls in pages.items():
        for url in urls:
            response = browser.get(url)
            assert response.status_code == 200, url
            assert response.headers.get("Cache-Control") == "no-store", url


def test_public_pages_for_visitors_may_still_be_cached(client, member, category):
    thread = factories.make_thread(author=member, category=category)
    for url in ["/", f"/categories/{category.slug}", f"/threads/{thread.id}", f"/members/{member.username}"]:
        assert "no-store" not in client.get(url).headers.get("Cache-Control", ""), url


# Private details

def test_staff_pages_never_show_a_members_email_or_password_hash(client_for, moderator, admin, category):
    quiet = factories.make_member(username="quiet_walker", email="Quiet.Walker@private-mail.example")
    reporter = factories.make_member(username="worried_one", email="worried@private-mail.example")
    thread = factories.make_thread(author=quiet, category=category, replies=1)
    post = db.session.get(Post, thread.last_post_id)
    case = report_services.report_post(reporter, post, "other", "Odd advice.")
    thread_services.edit_post(moderator, post, "Edited for safety.", reason="Dosage removed.")
    member_services.note_member(moderator, quiet, "Talked to them kindly.")
    member_services.warn_member(moderator, quiet, "Please keep to your own experience.")
    member_services.suspend_member(admin, quiet, "Repeated dosing advice.", ban=True)
    moderation.hide_post(moderator, post, "Dosing advice.")
    hashes = [u.password_hash for u in db.session.scalars(select(User))]

    browser = client_for(admin)
    # Each page, and a name it shows, so we know it was really rendered.
    urls = {"/admin/": "Moderation overview", "/admin/reports": "Reports queue", f"/admin/reports/{case.id}": "worried_one",
            "/admin/members": "quiet_walker", "/admin/members?q=quiet": "quiet_walker", f"/admin/members/{quiet.id}": "quiet_walker",
            f"/admin/members/{reporter.id}": "worried_one", "/admin/audit": "quiet_walker",
            f"/threads/posts/{post.id}/history": "quiet_walker", f"/threads/{thread.id}": "quiet_walker"}
    for url, shown in urls.items():
        response = browser.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert shown in html, url
        assert "private-mail" not in html.lower(), url
        for hashed in hashes:
            assert hashed.split("$")[-1] not in html, url
    audit = browser.get("/admin/audit").get_data(as_text=True)
    assert len(re.findall(r'<pre class="snapshot">', audit)) == 5


# Extra fields in a form

def test_joining_with_a_role_field_still_makes_an_ordinary_member(client):
    form_post(client, "/auth/register", {
        "username": "sneaky_one", "email": "sneaky@example.org", "password": "tennis ball under the glute",
        "accept": "y", "role": "admin", "banned": "0", "post_count": "999",
    }, page="/auth/register")
    joined = db.session.scalar(select(User).where(User.username_key == "sneaky_one"))
    assert (joined.role, joined.post_count) == ("member", 0)
    assert "/admin/" not in client.get("/").get_data(as_text=True)


def test_extra_fields_cannot_post_as_someone_else_or_elsewhere(client, member, other_member, category):
    thread = factories.make_thread(author=other_member, category=category)
    elsewhere = factories.make_thread(author=other_member, category=category)
    sign_in(client, member)
    form_post(client, f"/threads/{thread.id}/reply", {
        "body": "Heat helped me.", "author_id": other_member.id, "thread_id": elsewhere.id,
    }, page=f"/threads/{thread.id}")
    newest = db.session.scalars(select(Post).order_by(Post.id.desc()).limit(1)).one()
    assert (newest.body, newest.author_id, newest.thread_id) == ("Heat helped me.", member.id, thread.id)

    form_post(client, "/threads/new", {
        "category_id": category.id, "title": "Pinned by me?", "body": "Hello", "pinned": "y", "locked": "y",
        "author_id": other_member.id,
    }, page="/threads/new")
    started = db.session.scalar(select(Thread).where(Thread.title == "Pinned by me?"))
    assert (started.author_id, started.pinned, started.locked) == (member.id, False, False)


@pytest.mark.parametrize("field, value", [("role", "admin"), ("username", "someone_else"), ("email", "x@example.org")])
def test_editing_a_bio_changes_nothing_else(member_client, member, field, value):
    form_post(member_client, f"/members/{member.username}/edit", {"bio": "Runner.", field: value},
              page=f"/members/{member.username}/edit")
    db.session.expire_all()
    me = db.session.get(User, member.id)
    assert (me.bio, me.role, me.username, me.email) == ("Runner.", "member", "ana_runner", "ana_runner@example.org")


# Text people type, shown back as text

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_hostile_text_in_every_plain_text_field_stays_text(client_for, member, other_member, moderator, admin, category):
    thread = factories.make_thread(author=member, category=category, title="Help " + HOSTILE, body="Body " + HOSTILE, replies=1,
                                   reply_author=other_member)
    reply = db.session.get(Post, thread.last_post_id)
    case = report_services.report_post(member, reply, "other", "Note " + HOSTILE)
    thread_services.edit_post(moderator, reply, "Edited body.", reason="Edit " + HOSTILE)
    member_services.note_member(moderator, other_member, "Private " + HOSTILE)
    member_services.warn_member(moderator, other_member, "Warning " + HOSTILE)
    moderation.hide_post(moderator, reply, "Hidden " + HOSTILE)
    member_services.suspend_member(admin, other_member, "Banned " + HOSTILE, ban=True)
    factories.publish(moderator, summary="Summary " + HOSTILE, body="Full text.")

    seen = {}
    for person, urls in {
        None: ["/", f"/categories/{category.slug}", f"/threads/{thread.id}", f"/members/{member.username}"],
        member: [f"/threads/{thread.id}", "/notifications/"],
        other_member: ["/", "/notifications/"],
        moderator: [f"/threads/{thread.id}", f"/admin/reports/{case.id}", "/admin/reports", f"/admin/members/{other_member.id}",
                    "/admin/audit", "/admin/disclaimer", f"/threads/posts/{reply.id}/history"],
    }.items():
        browser = client_for(person)
        for url in urls:
            html = browser.get(url).get_data(as_text=True)
            assert "<script>alert" not in html and "<img src=x" not in html, (person, url)
            seen[(person, url)] = html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    # The words did reach the pages, as text.
    assert escaped in seen[(None, f"/threads/{thread.id}")]                     # the title
    assert "Summary &#34;&gt;" + escaped in seen[(None, "/")]                     # the footer's short form
    assert "Warning &#34;&gt;" + escaped in seen[(other_member, "/notifications/")]   # the warning
    assert "Banned &#34;&gt;" + escaped in seen[(other_member, "/")]             # the suspension banner
    report_page = seen[(moderator, f"/admin/reports/{case.id}")]
    assert "Note &#34;&gt;" + escaped in report_page
    member_page = seen[(moderator, f"/admin/members/{other_member.id}")]
    assert "Private &#34;&gt;" + escaped in member_page
    assert "Hidden &#34;&gt;" + escaped in seen[(moderator, f"/threads/{thread.id}")]
