"""A moderator changes a thread's title, with a reason: the title that
exposed someone goes from every page readers see, and stays where only
moderators read it."""
import pytest
from sqlalchemy import select

from forum.moderation import services
from forum.threads.models import TitleRevision
from tests import factories
from tests.conftest import form_post
from tests.factories import audit_entries, fresh, notifications_for, reload

from .conftest import field_error, flashes, text_of
from .factories import snapshot_of

EXPOSING = "Jo Bloggs of 12 Elm Road, call 555-0142: my sciatica"
NEW = "Sciatica after a fall: what helped?"
REASON = "The old title named a person, their address and phone number."


@pytest.fixture
def exposing(member, category):
    return factories.make_thread(author=member, category=category, title=EXPOSING, body="It started last winter.")


def retitle_url(thread):
    return f"/moderation/threads/{thread.id}/retitle_thread"


def retitle(browser, thread, title=NEW, reason=REASON, follow_redirects=False):
    url = retitle_url(thread)
    return form_post(browser, url, {"title": title, "reason": reason}, page=url, follow_redirects=follow_redirects)


def revisions_of(thread):
    return fresh(select(TitleRevision).where(TitleRevision.thread_id == thread.id).order_by(TitleRevision.id))


# The form

def test_moderators_find_the_form_among_the_thread_tools_with_the_title_filled_in(client_for, exposing, moderator, member):
    link = f'href="{retitle_url(exposing)}"'
    assert link in client_for(moderator).get(f"/threads/{exposing.id}").get_data(as_text=True)
    assert link not in client_for(member).get(f"/threads/{exposing.id}").get_data(as_text=True)

    form = client_for(moderator).get(retitle_url(exposing)).get_data(as_text=True)

    assert 'name="title"' in form and 'value="Jo Bloggs of 12 Elm Road, call 555-0142: my sciatica"' in form
    assert 'name="reason"' in form


def test_a_moderator_changes_the_title_and_the_slug(client_for, exposing, moderator):
    response = retitle(client_for(moderator), exposing)

    exposing = reload(exposing)
    assert (exposing.title, exposing.slug) == (NEW, "sciatica-after-a-fall-what-helped")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/threads/{exposing.id}/sciatica-after-a-fall-what-helped"
    followed = client_for(moderator).get(response.headers["Location"]).get_data(as_text=True)
    assert f'<h1 class="thread-heading">{NEW}</h1>' in followed


def test_the_change_is_told_once(client_for, exposing, moderator):
    response = retitle(client_for(moderator), exposing, follow_redirects=True)
    assert flashes(response.get_data(as_text=True)) == ["The title is changed, and the thread's author is told why."]


def test_the_earlier_title_is_kept_with_who_replaced_it_and_why(client_for, exposing, moderator):
    retitle(client_for(moderator), exposing)

    [kept] = revisions_of(exposing)
    assert (kept.title, kept.replaced_by_id, kept.reason) == (EXPOSING, moderator.id, REASON)
    assert kept.replaced_at is not None


def test_one_audit_entry_keeps_the_thread_as_it_was_and_the_new_title(client_for, exposing, moderator, member):
    retitle(client_for(moderator), exposing)

    [entry] = audit_entries()
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id, entry.subject_id, entry.reason) == (
        moderator.id, "retitle_thread", "thread", exposing.id, member.id, REASON)
    assert (snapshot_of(entry)["title"], snapshot_of(entry)["retitled_to"]) == (EXPOSING, NEW)


def test_the_author_is_told_the_new_title_and_why(client_for, exposing, moderator, member):
    retitle(client_for(moderator), exposing)

    [notice] = notifications_for(member)
    assert NEW in notice.body and REASON in notice.body
    assert EXPOSING not in notice.body
    assert REASON in client_for(member).get("/notifications/").get_data(as_text=True)


def test_a_moderator_retitling_their_own_thread_is_not_told(moderator, category):
    own = factories.make_thread(author=moderator, category=category, title="Moderator's own question here")

    services.retitle_thread(moderator, own, "A clearer question", "Clearer.")

    assert notifications_for(moderator) == []
    assert [e.action for e in audit_entries()] == ["retitle_thread"]


# What readers see

@pytest.mark.parametrize("who", ["visitor", "member", "the author"])
def test_readers_see_only_the_new_title_on_the_thread_its_category_and_the_profile(
        client_for, exposing, category, moderator, member, other_member, who):
    retitle(client_for(moderator), exposing)
    browser = client_for({"visitor": None, "member": other_member, "the author": member}[who])

    pages = {url: browser.get(url) for url in
             ("/", f"/categories/{category.slug}", f"/members/{member.username}", f"/threads/{exposing.id}")}

    for url, response in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert "Elm Road" not in html and "555-0142" not in html, url
        assert "elm-road" not in html, url
    for url in (f"/categories/{category.slug}", f"/members/{member.username}", f"/threads/{exposing.id}"):
        assert NEW in text_of(pages[url].get_data(as_text=True)), url


def test_the_old_address_still_reaches_the_thread_which_names_its_new_one(client_for, exposing, moderator):
    old_url = f"/threads/{exposing.id}/{exposing.slug}"
    retitle(client_for(moderator), exposing)

    html = client_for(None).get(old_url).get_data(as_text=True)

    assert f'rel="canonical" href="http://localhost/threads/{exposing.id}/sciatica-after-a-fall-what-helped"' in html
    assert "Elm Road" not in html


def test_moderators_see_the_earlier_titles_on_the_thread_page_and_readers_do_not(
        client_for, exposing, moderator, other_moderator, member, other_member):
    retitle(client_for(moderator), exposing)
    retitle(client_for(other_moderator), exposing, title="Sciatica after a fall on ice", reason="Shorter.")

    history = text_of(client_for(other_moderator).get(f"/threads/{exposing.id}").get_data(as_text=True))
    assert "Title changed by a moderator (2 earlier titles, seen only by moderators)" in history
    assert f"“{NEW}”" in history and f"“{EXPOSING}”" in history
    assert history.index(f"“{NEW}”") < history.index(f"“{EXPOSING}”"), "newest first"
    assert f"by mod_kim Moderator. Reason: {REASON}" in history
    for reader in (member, other_member):
        html = client_for(reader).get(f"/threads/{exposing.id}").get_data(as_text=True)
        assert "Title changed by a moderator" not in html and NEW not in html and REASON not in html


# Refusals: the form comes back with the error beside the field, as typed

@pytest.mark.parametrize("title, reason, field, error", [
    ("", REASON, "title", "Give the thread a title."),
    ("   ", REASON, "title", "Give the thread a title."),
    ("Hip", REASON, "title", "Use 5 to 150 characters for the title."),
    ("x" * 151, REASON, "title", "Use 5 to 150 characters for the title."),
    (EXPOSING, REASON, "title", "That is the title already: change it, or cancel."),
    (f"  {EXPOSING} ", REASON, "title", "That is the title already: change it, or cancel."),
    (NEW, "", "reason", "Give a reason."),
    (NEW, "   ", "reason", "Give a reason."),
])
def test_a_refused_title_changes_nothing_and_keeps_what_was_typed(client_for, exposing, moderator, member,
                                                                  title, reason, field, error):
    response = retitle(client_for(moderator), exposing, title=title, reason=reason)

    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, field) == error
    if title.strip() and len(title) <= 150:
        assert f'value="{title.strip()}"' in html
    if reason.strip():
        assert f"{reason}</textarea>" in html
    assert reload(exposing).title == EXPOSING
    assert revisions_of(exposing) == [] and audit_entries() == [] and notifications_for(member) == []


@pytest.mark.parametrize("title, reason, field, message", [
    ("  ", REASON, "title", "Give the thread a title."),
    ("y" * 151, REASON, "title", "Use at most 150 characters for the title."),
    (EXPOSING, REASON, "title", "That is the title already: change it, or cancel."),
    (NEW, " ", "reason", "Give a reason: the member sees it, and it goes in the audit log."),
])
def test_the_service_refuses_what_the_form_would(exposing, moderator, member, title, reason, field, message):
    from forum.errors import Refused

    with pytest.raises(Refused) as refused:
        services.retitle_thread(moderator, exposing, title, reason)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert revisions_of(exposing) == [] and audit_entries() == []


def test_members_may_not_open_or_send_the_form(client_for, exposing, member, other_member):
    for person in (member, other_member):
        browser = client_for(person)
        assert browser.get(retitle_url(exposing)).status_code == 403
        assert retitle(browser, exposing).status_code == 403
    assert reload(exposing).title == EXPOSING and revisions_of(exposing) == [] and audit_entries() == []


def test_visitors_are_sent_to_sign_in(client, exposing):
    response = client.get(retitle_url(exposing))
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_a_suspended_moderator_may_not(client_for, exposing):
    suspended = factories.make_suspended(username="mod_away", role="moderator")
    assert client_for(suspended).get(retitle_url(exposing)).status_code == 403
