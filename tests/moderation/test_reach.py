"""Moderators' reach: they act on members' and each other's posts and
threads, not on an admin's; nobody brings back their own post that someone
else hid, or decides a report about their own post. Each refusal is a 403
that says why and changes nothing; the buttons are not offered."""
import pytest

from forum.moderation import services
from tests import factories
from tests.admin.factories import everything, report_case
from tests.conftest import form_post
from tests.factories import audit_entries, reload

from .conftest import post_card, text_of

ADMINS_POST = "Only an administrator can act on an administrator's posts."
ADMINS_THREAD = "Only an administrator can act on an administrator's threads."


@pytest.fixture
def other_admin():
    return factories.make_admin(username="lou_keeper")


@pytest.fixture
def admins_thread(other_admin, category):
    """lou_keeper, an admin, opens a thread; ana replies."""
    return factories.make_thread(author=other_admin, category=category, title="Welcome: how this forum works")


@pytest.fixture
def admins_reply(thread, other_admin):
    """lou_keeper's reply in ana's thread."""
    return factories.make_post(thread, author=other_admin, body="Please keep dosing questions for your doctor.")


# (address under /moderation or /threads, what the form sends, how to set the post up first)
POST_ACTIONS = {
    "edit_post": ("/threads/posts/{id}/edit", {"body": "Rewritten by a moderator.", "reason": "Tone."}),
    "hide_post": ("/moderation/posts/{id}/hide_post", {"reason": "Off topic."}),
    "restore_post": ("/moderation/posts/{id}/restore_post", {"reason": "On review, fine."}),
    "note_post": ("/moderation/posts/{id}/note_post", {"note": "See your doctor first."}),
}
THREAD_ACTIONS = {
    "lock_thread": {}, "unlock_thread": {}, "pin_thread": {}, "unpin_thread": {},
    "move_thread": {"reason": "Belongs elsewhere."},
    "retitle_thread": {"title": "A new title for this thread", "reason": "Clearer."},
}


def _ready_post(action, post, admin):
    """Restoring needs the post hidden first (by an admin, who may)."""
    if action == "restore_post":
        services.hide_post(admin, post, "Checking something.")


def _ready_thread(action, thread, admin):
    if action == "unlock_thread":
        services.lock_thread(admin, thread)
    if action == "unpin_thread":
        services.pin_thread(admin, thread)


def _send_post_action(browser, action, post):
    url, data = POST_ACTIONS[action]
    url = url.format(id=post.id)
    return form_post(browser, url, data, page=f"/threads/{post.thread_id}")


def _send_thread_action(browser, action, thread, category_id):
    data = {**THREAD_ACTIONS[action], "category_id": category_id}
    return form_post(browser, f"/moderation/threads/{thread.id}/{action}", data, page=f"/threads/{thread.id}")


# Not on an admin's posts and threads

@pytest.mark.parametrize("action", sorted(POST_ACTIONS))
def test_a_moderator_is_refused_on_an_admins_post(client_for, admins_reply, moderator, admin, action):
    _ready_post(action, admins_reply, admin)
    browser = client_for(moderator)
    before = everything()

    response = _send_post_action(browser, action, admins_reply)

    assert response.status_code == 403
    assert ADMINS_POST in text_of(response.get_data(as_text=True))
    assert everything() == before


@pytest.mark.parametrize("action", sorted(THREAD_ACTIONS))
def test_a_moderator_is_refused_on_an_admins_thread(client_for, admins_thread, moderator, admin, action):
    _ready_thread(action, admins_thread, admin)
    elsewhere = factories.make_category(name="Low back pain")
    browser = client_for(moderator)
    before = everything()

    response = _send_thread_action(browser, action, admins_thread, elsewhere.id)

    assert response.status_code == 403
    assert ADMINS_THREAD in text_of(response.get_data(as_text=True))
    assert everything() == before


@pytest.mark.parametrize("action", ["move_thread", "retitle_thread"])
def test_a_moderator_cannot_open_the_forms_for_an_admins_thread(client_for, admins_thread, moderator, action):
    response = client_for(moderator).get(f"/moderation/threads/{admins_thread.id}/{action}")
    assert response.status_code == 403 and ADMINS_THREAD in text_of(response.get_data(as_text=True))


@pytest.mark.parametrize("action", sorted(POST_ACTIONS))
def test_an_admin_acts_on_another_admins_post(client_for, admins_reply, admin, action):
    _ready_post(action, admins_reply, admin)

    response = _send_post_action(client_for(admin), action, admins_reply)

    assert response.status_code == 302, response.get_data(as_text=True)
    assert audit_entries()[-1].action == action and audit_entries()[-1].actor_id == admin.id


@pytest.mark.parametrize("action", sorted(THREAD_ACTIONS))
def test_an_admin_acts_on_another_admins_thread(client_for, admins_thread, admin, action):
    _ready_thread(action, admins_thread, admin)
    elsewhere = factories.make_category(name="Low back pain")

    response = _send_thread_action(client_for(admin), action, admins_thread, elsewhere.id)

    assert response.status_code == 302, response.get_data(as_text=True)
    assert audit_entries()[-1].action == action and audit_entries()[-1].actor_id == admin.id


def test_a_moderator_is_offered_no_tools_on_an_admins_thread_or_post(client_for, thread, reply, admins_reply,
                                                                      admins_thread, moderator):
    browser = client_for(moderator)
    html = browser.get(f"/threads/{admins_thread.id}").get_data(as_text=True)
    for label in ("Lock thread", "Pin thread", "Move thread", "Change title"):
        assert label not in html, label

    page = browser.get(f"/threads/{thread.id}").get_data(as_text=True)
    admins_card, members_card = post_card(page, admins_reply.id), post_card(page, reply.id)
    for path in (f"/threads/posts/{admins_reply.id}/edit", f"/moderation/posts/{admins_reply.id}/hide_post",
                 f"/moderation/posts/{admins_reply.id}/note_post"):
        assert f'href="{path}"' not in admins_card, path
    # The member's post beside it keeps its tools, and so does the member's thread.
    assert f'href="/moderation/posts/{reply.id}/hide_post"' in members_card
    assert f'href="/threads/posts/{reply.id}/edit"' in members_card
    assert "Lock thread" in page and "Change title" in page


def test_moderators_still_act_on_each_others_posts(client_for, thread, moderator, other_moderator):
    theirs = factories.make_post(thread, author=other_moderator, body="Selling my own course here, sorry.")

    response = _send_post_action(client_for(moderator), "hide_post", theirs)

    assert response.status_code == 302 and reload(theirs).is_hidden


# Nobody restores their own post that someone else hid

def test_a_moderator_cannot_restore_their_own_post_another_hid(client_for, thread, moderator, other_moderator):
    mine = factories.make_post(thread, author=moderator, body="A strong opinion about surgery.")
    services.hide_post(other_moderator, mine, "Reads as medical advice.")
    browser = client_for(moderator)
    before = everything()

    response = _send_post_action(browser, "restore_post", mine)

    assert response.status_code == 403
    assert "Someone else hid your post, so someone else decides whether it comes back." in text_of(response.get_data(as_text=True))
    assert everything() == before
    assert browser.get(f"/moderation/posts/{mine.id}/restore_post").status_code == 403


def test_the_moderator_who_hid_it_may_restore_it(client_for, thread, moderator, other_moderator):
    mine = factories.make_post(thread, author=moderator, body="A strong opinion about surgery.")
    services.hide_post(other_moderator, mine, "Reads as medical advice.")

    response = _send_post_action(client_for(other_moderator), "restore_post", mine)

    assert response.status_code == 302 and not reload(mine).is_hidden


def test_an_admin_cannot_restore_their_own_post_another_admin_hid(client_for, admins_reply, admin, other_admin):
    services.hide_post(admin, admins_reply, "Too long a list of rules in one post.")

    response = _send_post_action(client_for(other_admin), "restore_post", admins_reply)

    assert response.status_code == 403 and reload(admins_reply).is_hidden


# Nobody decides a report about their own post

def _decide(browser, case, decision):
    url = f"/admin/reports/{case.id}/{decision}"
    return form_post(browser, url, {"reason": "Within the rules."}, page=f"/admin/reports/{case.id}")


@pytest.mark.parametrize("decision", ["dismiss_report", "hide_post", "warn_member", "suspend_member"])
def test_a_moderator_cannot_decide_a_report_about_their_own_post(client_for, thread, moderator, member, decision):
    mine = factories.make_post(thread, author=moderator, body="Try this stretch, it fixed mine.")
    case = report_case(mine, [(member, "misinformation", "Not everyone can do this.")])
    browser = client_for(moderator)
    before = everything()

    response = _decide(browser, case, decision)

    assert response.status_code == 403
    assert "This report is about your own post, so another moderator decides it." in text_of(response.get_data(as_text=True))
    assert everything() == before


def test_another_moderator_decides_it(client_for, thread, moderator, other_moderator, member):
    mine = factories.make_post(thread, author=moderator, body="Try this stretch, it fixed mine.")
    case = report_case(mine, [(member, "misinformation", "Not everyone can do this.")])

    response = _decide(client_for(other_moderator), case, "dismiss_report")

    assert response.status_code == 302 and reload(case).status == "closed"


def test_a_report_about_an_admins_post_is_for_an_admin(client_for, admins_reply, moderator, admin, member):
    case = report_case(admins_reply, [(member, "other", "Feels dismissive.")])
    browser = client_for(moderator)
    before = everything()

    refused = _decide(browser, case, "dismiss_report")

    assert refused.status_code == 403 and ADMINS_POST in text_of(refused.get_data(as_text=True))
    assert everything() == before
    assert _decide(client_for(admin), case, "dismiss_report").status_code == 302
    assert reload(case).status == "closed"
