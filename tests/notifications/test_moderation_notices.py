"""Every moderator action on a member's posts, threads and account tells
them, with the reason the moderator gave, linked to the post it is about,
and never naming the moderator. A moderator acting on their own writing
is not told what they just did; a pin, a dismissed report and a private
note tell nobody."""
import re
from datetime import timedelta

import pytest

from forum.errors import PermissionDenied
from forum.moderation import member_services, report_services
from forum.moderation import services as moderation_services
from forum.practitioners import review_services
from forum.privacy.services import delete_account
from forum.threads import services as thread_services
from forum.timeutil import utcnow
from tests import factories
from tests.conftest import form_post
from tests.factories import make_moderator, notifications_for, reload, text_of

# What the moderators and the forum tell a member; other kinds (replies,
# reactions) come from other members and are not this file's business.
MODERATION_KINDS = {"moderation", "thread_moderation", "thread_retitled", "thread_access", "warning", "account",
                    "suspension_lifted", "report_outcome", "practitioner", "moderator_message"}


def notices(member):
    return [n for n in notifications_for(member) if n.kind in MODERATION_KINDS]


def the_notice(member):
    [notice] = notices(member)
    return notice


def about(notice):
    return notice.thread_id, notice.post_id


@pytest.fixture
def thread(member, category):
    """ana_runner asks; desk_sitter's reply is the post moderators act on."""
    return factories.make_thread(author=member, category=category, title="Does foam rolling help piriformis pain?",
                                 body="I have rolled for two weeks. Anyone else?")


@pytest.fixture
def reply(thread, other_member):
    return factories.make_post(thread, author=other_member, body="Stop all your medication and roll harder.")


@pytest.fixture
def other_moderator():
    return make_moderator(username="mod_sam")


def in_days(n):
    return (utcnow() + timedelta(days=n)).date()


# Posts

def test_hiding_a_post_tells_its_author_why(reply, other_member, moderator):
    moderation_services.hide_post(moderator, reply, "Stopping medication suddenly can be dangerous.")

    notice = the_notice(other_member)
    assert notice.kind == "moderation" and notice.read_at is None
    assert notice.body == ("A moderator hid your post in “Does foam rolling help piriformis pain?”, so readers see a short "
                           "note in its place. Reason: Stopping medication suddenly can be dangerous.")
    assert about(notice) == (reply.thread_id, reply.id)
    assert moderator.username not in notice.body
    assert reload(other_member).unread_notifications == 1


def test_restoring_a_post_tells_its_author(reply, other_member, moderator, other_moderator):
    moderation_services.hide_post(moderator, reply, "Checking a claim.")

    moderation_services.restore_post(other_moderator, reply, "The claim checks out.")

    hidden, restored = notices(other_member)
    assert restored.kind == "moderation"
    assert restored.body == ("A moderator restored your post in “Does foam rolling help piriformis pain?”: everyone can "
                             "read it again. Reason: The claim checks out.")
    assert about(restored) == (reply.thread_id, reply.id)


def test_a_moderator_note_tells_the_author_what_it_says_each_time_it_changes(reply, other_member, moderator):
    moderation_services.note_post(moderator, reply, "Please talk to your doctor before stopping any medication.")
    moderation_services.note_post(moderator, reply, "Please talk to your doctor before stopping any medication.")
    moderation_services.note_post(moderator, reply, "Ask your doctor before changing medication.")
    moderation_services.note_post(moderator, reply, "")

    added, changed, removed = notices(other_member)
    assert added.body == ("A moderator added a note under your post in “Does foam rolling help piriformis pain?”, which "
                          "everyone reading it sees: “Please talk to your doctor before stopping any medication.”")
    assert changed.body.endswith("It now says: “Ask your doctor before changing medication.”")
    assert removed.body == "A moderator removed the note under your post in “Does foam rolling help piriformis pain?”."
    assert {about(n) for n in (added, changed, removed)} == {(reply.thread_id, reply.id)}


def test_a_moderators_edit_tells_the_author_why(reply, other_member, moderator):
    thread_services.edit_post(moderator, reply, "Roll harder.", "Took out advice to stop medication.")

    notice = the_notice(other_member)
    assert notice.kind == "moderation"
    assert notice.body == ("A moderator edited your post in “Does foam rolling help piriformis pain?”. Readers see that a "
                           "moderator edited it, and why. Reason: Took out advice to stop medication.")
    assert about(notice) == (reply.thread_id, reply.id)


def test_an_edit_that_changes_nothing_or_the_authors_own_tells_nobody(reply, other_member, moderator):
    thread_services.edit_post(moderator, reply, reply.body, "No change after all.")
    thread_services.edit_post(other_member, reply, "I take that back: ask your doctor.")
    assert notices(other_member) == []


# Threads

@pytest.mark.parametrize(("verb", "said"), [
    ("lock_thread", "A moderator locked your thread “Does foam rolling help piriformis pain?”: it stays for everyone to "
                    "read, but no new replies can be added."),
    ("unlock_thread", "A moderator unlocked your thread “Does foam rolling help piriformis pain?”: replies are open again."),
])
def test_locking_and_unlocking_tell_the_author_with_the_reason_when_given(thread, member, moderator, verb, said):
    if verb == "unlock_thread":
        moderation_services.lock_thread(moderator, thread)
    getattr(moderation_services, verb)(moderator, thread, "The question has been answered.")

    notice = notices(member)[-1]
    assert notice.kind == "thread_moderation"
    assert notice.body == f"{said} Reason: The question has been answered."
    assert about(notice) == (thread.id, thread.first_post_id)


def test_an_action_with_no_reason_given_says_so_plainly(thread, member, moderator):
    moderation_services.lock_thread(moderator, thread, "  ")
    body = the_notice(member).body
    assert "Reason" not in body and body.endswith("can be added.")


def test_pinning_and_unpinning_tell_nobody(thread, member, moderator):
    moderation_services.pin_thread(moderator, thread, "A good example question.")
    moderation_services.unpin_thread(moderator, thread, "Making room.")
    assert notices(member) == []


def test_moving_a_thread_tells_the_author_where_and_why(thread, member, moderator):
    elsewhere = factories.make_category(name="Treatments and exercises")

    moderation_services.move_thread(moderator, thread, elsewhere, "It is about an exercise.")

    notice = the_notice(member)
    assert notice.kind == "thread_moderation"
    assert notice.body == ("A moderator moved your thread “Does foam rolling help piriformis pain?” to Treatments and "
                           "exercises. Reason: It is about an exercise.")
    assert about(notice) == (thread.id, thread.first_post_id)


def test_a_new_title_tells_the_author_and_links_to_the_thread(thread, member, moderator):
    moderation_services.retitle_thread(moderator, thread, "Foam rolling for piriformis pain", "Took out a doctor's name.")

    notice = the_notice(member)
    assert notice.kind == "thread_retitled"
    assert notice.body == ("A moderator changed the title of your thread to “Foam rolling for piriformis pain”. "
                           "Reason: Took out a doctor's name.")
    assert about(notice) == (thread.id, thread.first_post_id)


def test_making_a_thread_members_only_tells_the_author(thread, member, moderator):
    thread_services.set_members_only(moderator, thread, True)
    notice = the_notice(member)
    assert notice.kind == "thread_access" and "for members only" in notice.body


# The member's account

def test_a_warning_is_the_reason_itself(member, moderator):
    member_services.warn_member(moderator, member, "Please keep it kind when people disagree.")
    notice = the_notice(member)
    assert (notice.kind, notice.body, about(notice)) == ("warning", "Please keep it kind when people disagree.", (None, None))


def test_a_suspension_tells_the_member_until_when_what_they_can_still_do_and_why(member, moderator):
    until = in_days(3)

    member_services.suspend_member(moderator, member, "Repeated personal attacks.", until=until)

    notice = the_notice(member)
    assert notice.kind == "account"
    assert notice.body == (f"A moderator suspended your account until the end of {until:%-d %B %Y} (UTC). You can still "
                           "read the forum, but not post, reply, report or edit until then. Reason: Repeated personal attacks.")
    assert moderator.username not in notice.body


def test_a_ban_tells_the_member_too(member, moderator):
    member_services.suspend_member(moderator, member, "Spam, again and again.", ban=True)
    assert the_notice(member).body == ("A moderator banned your account. You can still read the forum, but not post, reply, "
                                       "report or edit. Reason: Spam, again and again.")


def test_lifting_a_suspension_gives_the_reason_when_there_is_one(member, moderator):
    member_services.suspend_member(moderator, member, "Cooling off.", until=in_days(3))
    member_services.lift_suspension(moderator, member, "They apologised.")
    member_services.suspend_member(moderator, member, "Cooling off again.", until=in_days(3))
    member_services.lift_suspension(moderator, member, "")

    lifted = [n.body for n in notices(member) if n.kind == "suspension_lifted"]
    assert lifted == ["Your suspension has been lifted: you can post again. Welcome back. Reason: They apologised.",
                      "Your suspension has been lifted: you can post again. Welcome back."]


def test_appointing_and_removing_a_moderator_tell_them(member, admin):
    member_services.appoint_moderator(admin, member, "Years of kind answers.")
    member_services.remove_moderator(admin, reload(member), "")

    appointed, removed = notices(member)
    assert appointed.body == ("An administrator made you a moderator. Thank you for helping to look after the forum. "
                              "Reason: Years of kind answers.")
    assert removed.body == "An administrator ended your role as a moderator. Your account is otherwise as it was."
    assert appointed.kind == removed.kind == "account"


def test_a_private_note_about_a_member_tells_nobody(member, moderator):
    member_services.note_member(moderator, member, "Watch for medication advice.")
    assert notices(member) == []


# Reports

def test_a_report_that_hides_the_post_tells_the_author_why_and_the_reporter_the_outcome(reply, member, other_member, moderator):
    case = factories.make_report(member, reply)

    report_services.decide_report(moderator, case, "hide_post", "Advice to stop medication.")

    author = the_notice(other_member)
    assert author.kind == "moderation" and author.body.endswith("Reason: Advice to stop medication.")
    assert about(author) == (reply.thread_id, reply.id)
    reporter = the_notice(member)
    assert reporter.kind == "report_outcome" and "hid the post" in reporter.body
    assert "Advice to stop medication." not in reporter.body  # the reason is the author's, not the reporter's


@pytest.mark.parametrize(("decision", "kind", "said"), [
    ("warn_member", "warning", "Please don't tell people to stop medication."),
    ("suspend_member", "account", "Reason: Please don't tell people to stop medication."),
])
def test_a_report_that_warns_or_suspends_the_author_links_their_notice_to_the_post(reply, member, other_member, moderator,
                                                                                   decision, kind, said):
    case = factories.make_report(member, reply)

    report_services.decide_report(moderator, case, decision, "Please don't tell people to stop medication.", until=in_days(2))

    notice = the_notice(other_member)
    assert notice.kind == kind and notice.body.endswith(said)
    assert about(notice) == (reply.thread_id, reply.id)
    assert the_notice(member).kind == "report_outcome"


def test_a_dismissed_report_tells_the_reporter_only(reply, member, other_member, moderator):
    case = factories.make_report(member, reply)
    report_services.decide_report(moderator, case, "dismiss_report", "Within the guidelines.")
    assert notices(other_member) == [] and the_notice(member).kind == "report_outcome"


# Practitioner applications

def test_each_decision_on_an_application_tells_the_applicant_with_its_reason(member, moderator):
    asked = factories.make_application(member)
    review_services.request_practitioner_info(moderator, asked, "Which board issued the licence?")
    review_services.reject_practitioner(moderator, asked, "We couldn't find the licence.")
    verified = factories.make_application(member)
    review_services.verify_practitioner(moderator, verified, "the Florida Board of Massage Therapy", utcnow().date())
    review_services.revoke_practitioner(moderator, verified, "The board lists it as suspended.")

    bodies = [n.body for n in notices(member)]
    assert [n.kind for n in notices(member)] == ["practitioner"] * 4
    assert bodies[0].endswith("Which board issued the licence?")
    assert bodies[1] == "Your practitioner application was not approved: We couldn't find the licence."
    assert bodies[2].startswith("Your licence is verified")
    assert bodies[3] == "Your verified practitioner badge was removed: The board lists it as suspended."
    assert all(moderator.username not in body for body in bodies)


# Who is not told

def test_a_moderator_acting_on_their_own_writing_is_not_told(moderator, category):
    own = factories.make_thread(author=moderator, category=category, title="Welcome, and how this forum works")
    post = factories.posts_of(own)[0]
    moderation_services.note_post(moderator, post, "Updated every spring.")
    moderation_services.lock_thread(moderator, own, "Read-only.")
    moderation_services.retitle_thread(moderator, own, "Welcome: how this forum works", "Shorter.")
    moderation_services.move_thread(moderator, own, factories.make_category(), "Belongs with the guides.")
    moderation_services.hide_post(moderator, post, "Out of date.")

    assert notices(moderator) == [] and reload(moderator).unread_notifications == 0


def test_a_deleted_account_is_never_told(reply, other_member, moderator):
    delete_account(other_member, other_member, keep_posts=True, password=factories.PASSWORD)

    moderation_services.hide_post(moderator, reload(reply), "Advice to stop medication.")

    assert notifications_for(other_member) == [] and reload(other_member).unread_notifications == 0


def test_a_refused_action_tells_nobody(reply, other_member, member):
    with pytest.raises(PermissionDenied):
        moderation_services.hide_post(member, reply, "I disagree.")
    assert notices(other_member) == []


# Through the pages: what the member reads on their notifications page

def notification_items(browser):
    html = browser.get("/notifications/").get_data(as_text=True)
    return re.findall(r'<li class="notification[^"]*"[^>]*>(.*?)</li>', html, re.S)


def the_item_saying(browser, words):
    [item] = [item for item in notification_items(browser) if words in text_of(item)]
    return item


def test_a_post_hidden_from_the_thread_page(client_for, reply, other_member, moderator):
    url = f"/moderation/posts/{reply.id}/hide_post"
    response = form_post(client_for(moderator), url, {"reason": "Advice to stop medication."}, page=url)
    assert response.status_code == 302

    author = client_for(other_member)
    assert "You have 1 new notification." in text_of(author.get("/").get_data(as_text=True))
    item = the_item_saying(author, "Reason: Advice to stop medication.")
    assert "A moderator hid your post in “Does foam rolling help piriformis pain?”" in text_of(item)
    assert f'href="/threads/posts/{reply.id}"' in item
    assert "mod_kim" not in text_of(item)
    # The link lands on the post, where they find it hidden.
    landing = author.get(f"/threads/posts/{reply.id}")
    assert landing.status_code == 302 and landing.headers["Location"].endswith(f"#post-{reply.id}")


def test_a_moderators_edit_from_the_edit_page(client_for, reply, other_member, moderator):
    url = f"/threads/posts/{reply.id}/edit"
    response = form_post(client_for(moderator), url, {"body": "Roll gently.", "reason": "Took out medication advice."}, page=url)
    assert response.status_code == 302

    item = the_item_saying(client_for(other_member), "Reason: Took out medication advice.")
    assert "A moderator edited your post" in text_of(item) and f'href="/threads/posts/{reply.id}"' in item


def test_a_thread_locked_with_the_thread_pages_button(client_for, thread, member, moderator):
    response = form_post(client_for(moderator), f"/moderation/threads/{thread.id}/lock_thread", {}, page=f"/threads/{thread.id}")
    assert response.status_code == 302

    item = the_item_saying(client_for(member), "A moderator locked your thread")
    assert f'href="/threads/posts/{thread.first_post_id}"' in item


def test_a_report_decided_in_the_admin_tells_author_and_reporter(client_for, reply, member, other_member, moderator):
    case = factories.make_report(member, reply)
    page = f"/admin/reports/{case.id}"
    response = form_post(client_for(moderator), f"{page}/hide_post", {"reason": "Advice to stop medication."}, page=page)
    assert response.status_code == 302

    author = the_item_saying(client_for(other_member), "Reason: Advice to stop medication.")
    assert f'href="/threads/posts/{reply.id}"' in author
    reporter = the_item_saying(client_for(member), "About the post you reported")
    assert "hid the post" in text_of(reporter) and "Advice to stop medication." not in text_of(reporter)


def test_a_suspension_from_the_member_page(client_for, member, moderator):
    until = in_days(5)
    page = f"/admin/members/{member.id}"
    response = form_post(client_for(moderator), f"{page}/suspend_member",
                         {"suspend-reason": "Repeated personal attacks.", "suspend-until": until.isoformat()}, page=page)
    assert response.status_code == 302

    item = text_of(the_item_saying(client_for(member), "Reason: Repeated personal attacks."))
    assert f"suspended your account until the end of {until:%-d %B %Y} (UTC)" in item and "Your account" in item


def test_a_rejected_application_from_the_admin(client_for, member, moderator):
    application = factories.make_application(member)
    page = f"/admin/practitioners/{application.id}"
    response = form_post(client_for(moderator), f"{page}/reject_practitioner", {"reject-reason": "No such licence."}, page=page)
    assert response.status_code == 302

    item = text_of(the_item_saying(client_for(member), "No such licence."))
    assert "Your practitioner application was not approved" in item
