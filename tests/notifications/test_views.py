"""Reading one's notifications through the pages."""
import re

from forum.moderation import member_services
from tests.conftest import form_post
from tests.moderation.conftest import text_of
from tests.moderation.factories import suspend
from tests.factories import notifications_for, reload

BANNER = "new notification"


def warn(moderator, member, text):
    member_services.warn_member(moderator, member, text)


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login?next=/notifications/")


def test_a_member_with_no_notifications(client_for, member):
    browser = client_for(member)
    html = text_of(browser.get("/notifications/").get_data(as_text=True))
    assert "No notifications." in html and "Mark all as read" not in html
    assert BANNER not in text_of(browser.get("/").get_data(as_text=True))


def test_new_messages_show_as_a_banner_a_count_and_a_list(client_for, member, moderator):
    warn(moderator, member, "Please keep it kind when people disagree.")
    warn(moderator, member, "Please don't share other members' names.")
    browser = client_for(member)

    home = text_of(browser.get("/").get_data(as_text=True))
    assert "You have 2 new notifications." in home and "Notifications (2 new)" in home

    html = browser.get("/notifications/").get_data(as_text=True)
    items = [text_of(i) for i in re.findall(r'<li class="notification is-unread"[^>]*>(.*?)</li>', html, re.S)]
    assert len(items) == 2
    assert "Please don't share other members' names." in items[0] and "Please keep it kind" in items[1]
    assert all(i.startswith("Warning") and "new" in i for i in items)
    assert "mod_kim" not in text_of(html)


def test_marking_read_clears_the_banner_and_the_count(client_for, member, moderator):
    warn(moderator, member, "Please keep it kind.")
    browser = client_for(member)

    response = form_post(browser, "/notifications/read", {}, page="/notifications/")

    assert response.status_code == 302 and response.headers["Location"] == "/notifications/"
    html = browser.get("/notifications/").get_data(as_text=True)
    page = text_of(html)
    assert "Notifications marked as read." in page
    assert BANNER not in page and "new)" not in page and "Mark all as read" not in page
    assert "Please keep it kind." in page and 'class="notification is-unread"' not in html
    assert reload(member).unread_notifications == 0 and notifications_for(member)[0].read_at is not None


def test_members_see_only_their_own_messages(client_for, member, other_member, moderator):
    warn(moderator, other_member, "Meant for desk_sitter only.")
    page = text_of(client_for(member).get("/notifications/").get_data(as_text=True))
    assert "Meant for desk_sitter only." not in page and "No notifications." in page


def test_marking_read_touches_only_ones_own(client_for, member, other_member, moderator):
    warn(moderator, other_member, "Meant for desk_sitter only.")
    form_post(client_for(member), "/notifications/read", {}, page="/notifications/")
    assert reload(other_member).unread_notifications == 1


def test_marking_read_needs_the_forms_token(client_for, member, moderator):
    warn(moderator, member, "Please keep it kind.")
    browser = client_for(member)

    assert browser.post("/notifications/read").status_code == 400
    assert browser.get("/notifications/read").status_code == 405
    assert reload(member).unread_notifications == 1 and notifications_for(member)[0].read_at is None


def test_a_suspended_member_reads_and_clears_their_messages(client_for, member, moderator):
    suspend(member, by=moderator, reason="Cooling off.")
    warn_text = "Your suspension ends soon; please read the guidelines."
    member_services.warn_member(moderator, member, warn_text)
    browser = client_for(member)

    assert warn_text in text_of(browser.get("/notifications/").get_data(as_text=True))
    assert form_post(browser, "/notifications/read", {}, page="/notifications/").status_code == 302
    assert reload(member).unread_notifications == 0


def test_the_old_address_of_the_page_leads_to_it(client_for, member):
    response = client_for(member).get("/notices/")
    assert response.status_code == 301 and response.headers["Location"] == "/notifications/"
