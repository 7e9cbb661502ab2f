"""Following threads and categories, and the setting, through the pages."""
from sqlalchemy import select

from forum.extensions import db
from forum.following.models import CategoryFollow, ThreadFollow
from tests import factories
from tests.conftest import form_post
from tests.factories import notifications_for, reload, text_of


def follows(member):
    return {(f.thread_id, f.following) for f in db.session.scalars(select(ThreadFollow).where(ThreadFollow.member_id == member.id))}


def test_a_member_follows_and_stops_following_a_thread_from_its_page(client_for, member, other_member):
    thread = factories.make_thread(author=other_member)
    browser = client_for(member)
    page = f"/threads/{thread.id}"
    assert "Follow this thread" in browser.get(page).get_data(as_text=True)

    response = form_post(browser, f"/threads/{thread.id}/follow/on", {}, page=page)
    assert response.status_code == 302 and follows(member) == {(thread.id, True)}
    html = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "You're following this thread" in text_of(html) and "Stop following" in html

    factories.make_post(thread, author=other_member)
    assert [n.kind for n in notifications_for(member)] == ["reply"]

    form_post(browser, f"/threads/{thread.id}/follow/off", {}, page=page)
    assert follows(member) == {(thread.id, False)}


def test_visitors_are_not_offered_following_and_cannot_post_it(client, other_member):
    thread = factories.make_thread(author=other_member)
    assert "Follow this thread" not in client.get(f"/threads/{thread.id}").get_data(as_text=True)
    response = client.post(f"/threads/{thread.id}/follow/on")
    assert response.status_code in (302, 400)
    assert set(db.session.scalars(select(ThreadFollow.member_id))) == {other_member.id}


def test_a_suspended_member_cannot_follow(client_for, other_member):
    thread = factories.make_thread(author=other_member)
    suspended = factories.make_suspended(username="quiet_oak")
    browser = client_for(suspended)
    assert form_post(browser, f"/threads/{thread.id}/follow/on", {}, page="/").status_code == 403
    assert follows(suspended) == set()


def test_following_a_category_from_its_page(client_for, member, other_member, category):
    browser = client_for(member)
    page = f"/categories/{category.slug}"
    assert "Follow this category" in browser.get(page).get_data(as_text=True)
    response = form_post(browser, f"/categories/{category.slug}/follow/on", {}, page=page)
    assert response.status_code == 302
    assert db.session.scalar(select(CategoryFollow.member_id)) == member.id
    assert "Stop following this category" in browser.get(page).get_data(as_text=True)

    factories.make_thread(author=other_member, category=category)
    assert [n.kind for n in notifications_for(member)] == ["new_thread"]

    form_post(browser, f"/categories/{category.slug}/follow/off", {}, page=page)
    assert db.session.scalar(select(CategoryFollow)) is None


def test_turning_off_following_ones_own_threads_in_settings(client_for, member, other_member):
    browser = client_for(member)
    settings = f"/members/{member.username}/edit"
    assert "Follow the threads I start or reply to" in browser.get(settings).get_data(as_text=True)

    response = form_post(browser, "/following/settings", {}, page=settings)  # the box left unticked

    assert response.status_code == 302 and reload(member).follow_own_threads is False
    thread = factories.make_thread(author=member)
    factories.make_post(thread, author=other_member)
    assert notifications_for(member) == [] and follows(member) == set()

    form_post(browser, "/following/settings", {"follow_own_threads": "y"}, page=settings)
    assert reload(member).follow_own_threads is True
