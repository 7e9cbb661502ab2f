"""The disclaimer as people meet it: in every footer, above every composer,
under every post, on its own page; published and compared by moderators;
accepted again by members, without losing what they were typing."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.disclaimer.models import DisclaimerVersion
from forum.disclaimer.services import accept_disclaimer
from forum.extensions import db
from forum.threads.models import Post, Thread
from forum.timeutil import utcnow
from tests import factories
from tests.factories import publish, reload, text_of
from tests.conftest import form_post, sign_in
from tests.test_csrf_and_drafts import form_on

STORY = 'Ice for the first two days, then heat & "walking" helped.\n\n- piriformis stretch: *some* relief <3'


def footer_of(html):
    match = re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S)
    assert match, "page has no footer"
    return text_of(match.group(1))


def post_count():
    return db.session.scalar(select(func.count(Post.id)))


# Moderators publish, keep and compare versions.

def test_a_moderator_publishes_a_new_version_from_the_editor(client, moderator):
    sign_in(client, moderator)
    body = "Stories here are **personal experience**.\n\n<script>alert('x')</script>"

    response = form_post(client, "/admin/disclaimer", {"summary": "Not medical advice.", "body": body, "must_accept": "y"},
                         page="/admin/disclaimer")

    assert response.status_code == 302
    version = db.session.scalars(select(DisclaimerVersion)).one()
    assert (version.summary, version.body, version.must_accept, version.published_by_id) == (
        "Not medical advice.", body.strip(), True, moderator.id)
    page = client.get(f"/admin/disclaimer/{version.id}").get_data(as_text=True)
    assert "<strong>personal experience</strong>" in page
    assert "<script>alert" not in page
    assert f"by {moderator.username}" in text_of(page) and "members had to accept it again" in text_of(page)


def test_the_editor_starts_from_the_current_text(client, moderator):
    publish(moderator, summary="Current short form.", body="Current full text.")
    sign_in(client, moderator)
    html = client.get("/admin/disclaimer").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*name="summary"[^>]*>\s*Current short form\.</textarea>', html)
    assert re.search(r'<textarea[^>]*name="body"[^>]*>\s*Current full text\.</textarea>', html)


@pytest.mark.parametrize("missing", ["summary", "body"])
def test_publishing_needs_both_texts(client, moderator, missing):
    sign_in(client, moderator)
    data = {"summary": "Not medical advice.", "body": "Full text."}
    data[missing] = ""
    response = form_post(client, "/admin/disclaimer", data, page="/admin/disclaimer")
    assert response.status_code == 422
    assert {"summary": "Write the short form.", "body": "Write the full text."}[missing] in text_of(response.get_data(as_text=True))
    assert db.session.scalar(select(func.count(DisclaimerVersion.id))) == 0


def test_members_cannot_publish(member_client):
    response = form_post(member_client, "/admin/disclaimer", {"summary": "Mine now.", "body": "Mine."})
    assert response.status_code == 403
    assert db.session.scalar(select(func.count(DisclaimerVersion.id))) == 0


def test_every_version_is_listed_with_who_published_it_and_when(client, moderator):
    other = factories.make_member(username="mod_sam", role="moderator")
    first = publish(moderator, body="First.")
    second = publish(other, body="Second.", must_accept=True)
    sign_in(client, moderator)

    html = client.get("/admin/disclaimer").get_data(as_text=True)

    rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], re.S)]
    assert rows[0].startswith(f"Version {second.id} just now mod_sam yes")
    assert rows[1] == f"Version {first.id} just now mod_kim no"
    for version in (first, second):
        assert client.get(f"/admin/disclaimer/{version.id}").status_code == 200
    assert client.get("/admin/disclaimer/999").status_code == 404


def test_two_versions_can_be_compared(client, moderator):
    old = publish(moderator, summary="Old short.", body="Keep this.\nRemove this sentence.")
    new = publish(moderator, summary="New short.", body="Keep this.\nAdd this sentence.")
    sign_in(client, moderator)

    listing = client.get("/admin/disclaimer").get_data(as_text=True)
    link = f"/admin/disclaimer/compare?old={old.id}&amp;new={new.id}"
    assert link in listing
    page = text_of(client.get(link.replace("&amp;", "&")).get_data(as_text=True))

    assert "Keep this. removed: Remove (end removed) added: Add (end added) this sentence." in page
    assert "from “Old short.” to “New short.”" in page


def test_the_comparison_marks_words_and_escapes_the_text(client, moderator):
    old = publish(moderator, body="Ask a doctor <b>first</b>.")
    new = publish(moderator, body="Ask a doctor or pharmacist <script>alert(1)</script>.")
    sign_in(client, moderator)

    html = client.get(f"/admin/disclaimer/compare?old={old.id}&new={new.id}").get_data(as_text=True)

    assert "<script>alert" not in html and "<b>first" not in html
    assert re.findall(r"<del><span[^>]*>removed: </span>(.*?)<span", html) == ["&lt;b&gt;first&lt;/b"]
    assert re.findall(r"<ins><span[^>]*>added: </span>(.*?)<span", html) == ["or pharmacist &lt;script&gt;alert(1)&lt;/script"]


@pytest.mark.parametrize("query", [
    "old=99999999999999999999&new={new}", "old={old}&new=9223372036854775808", "old=2147483648&new={new}",
    "old=-1&new={new}", "old=x&new={new}", "new={new}",
])
def test_comparing_with_a_version_that_cannot_exist_is_not_found(client, moderator, query):
    old, new = publish(moderator, body="One."), publish(moderator, body="Two.")
    sign_in(client, moderator)
    assert client.get("/admin/disclaimer/compare?" + query.format(old=old.id, new=new.id)).status_code == 404


def test_with_no_version_published_there_is_nothing_to_accept(member_client, member):
    assert member_client.get("/disclaimer/accept").status_code == 404
    assert form_post(member_client, "/disclaimer/accept", {"accept": "yes"}, page="/").status_code == 404
    assert reload(member).disclaimer_version_id is None


# Everyone sees it.

def test_every_page_has_the_current_short_form_in_its_footer(client, moderator, member, thread):
    publish(moderator, summary="An older short form.")
    publish(moderator, summary="Stories here are not medical advice.")
    pages = ["/", f"/categories/{thread.category.slug}", f"/threads/{thread.id}", "/auth/login", "/auth/register",
             "/disclaimer/", f"/members/{member.username}", "/pages/guidelines", "/no-such-page"]
    for url in pages:
        footer = footer_of(client.get(url).get_data(as_text=True))
        assert "Medical disclaimer: Stories here are not medical advice." in footer, url
        assert "An older short form." not in footer, url
    sign_in(client, member)
    assert "Stories here are not medical advice." in footer_of(client.get("/threads/new").get_data(as_text=True))


def test_before_any_version_the_footer_still_says_it_is_not_advice(client):
    assert "Medical disclaimer: Nothing here is medical advice." in footer_of(client.get("/").get_data(as_text=True))


def test_the_full_text_is_at_its_own_address(client, moderator):
    version = publish(moderator, body="Nothing here is a **diagnosis**.")
    html = client.get("/disclaimer/").get_data(as_text=True)
    assert "Nothing here is a <strong>diagnosis</strong>." in html
    assert f"Version {version.id}, published" in text_of(html)


@pytest.mark.parametrize("address", ["/threads/new", "reply page", "thread page"])
def test_a_notice_sits_above_the_reply_and_new_thread_forms(member_client, moderator, thread, address):
    publish(moderator, summary="Stories here are not medical advice.")
    url, action = {
        "/threads/new": ("/threads/new", "/threads/new"),
        "reply page": (f"/threads/{thread.id}/reply", f"/threads/{thread.id}/reply"),
        "thread page": (f"/threads/{thread.id}", f"/threads/{thread.id}/reply"),
    }[address]
    html = member_client.get(url).get_data(as_text=True)
    notice = html.find('class="writer-disclaimer"')
    form = html.find(f'<form method="post" action="{action}"')
    assert -1 < notice < form
    assert "Before you post:" in text_of(html) and "Stories here are not medical advice." in text_of(html[notice:form])


def test_a_post_that_gives_advice_carries_the_personal_experience_line_and_a_story_does_not(client, member, thread):
    factories.make_post(thread, author=member, body="Heat helped me.")
    factories.make_post(thread, author=member, body="You should try walking after lunch.")
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    cards = re.findall(r'<article class="post[^"]*" id="post-\d+".*?</article>', html, re.S)
    assert len(cards) == 3
    assert ["Personal experience, not medical advice." in card for card in cards] == [False, False, True]
    assert cards[2].index('class="post-body"') < cards[2].index("Personal experience, not medical advice.")


def test_a_reply_held_for_a_new_version_is_kept_accepted_and_sent(member_client, member, moderator, thread):
    version = publish(moderator, body="Rewritten: **never** stop a medicine without your doctor.", must_accept=True)
    action = f"/threads/{thread.id}/reply"

    held = form_post(member_client, action, {"body": STORY}, page=f"/threads/{thread.id}")

    assert held.status_code == 409
    html = held.get_data(as_text=True)
    assert "<strong>never</strong> stop a medicine" in html
    fields = form_on(html, "/disclaimer/accept")
    assert (fields["draft_body"], fields["next"]) == (STORY, action)
    assert post_count() == 1
    assert reload(member).disclaimer_version_id is None

    accepted = member_client.post("/disclaimer/accept", data=dict(fields, accept="yes"))

    assert accepted.status_code == 200
    member = reload(member)
    assert member.disclaimer_version_id == version.id
    assert utcnow() - member.disclaimer_accepted_at < timedelta(minutes=1)
    rescue = form_on(accepted.get_data(as_text=True), action)
    assert rescue["body"] == STORY
    assert post_count() == 1  # nothing is sent until they choose to

    assert member_client.post(action, data=rescue).status_code == 302
    newest = db.session.scalars(select(Post).order_by(Post.id.desc()).limit(1)).one()
    assert (newest.body, newest.author_id) == (STORY, member.id)


def test_a_new_thread_held_for_a_new_version_keeps_title_body_and_category(member_client, member, moderator, category):
    publish(moderator, must_accept=True)
    data = {"category_id": category.id, "title": "Two winters since the fall", "body": STORY}

    held = form_post(member_client, "/threads/new", data, page="/threads/new")

    assert held.status_code == 409
    fields = form_on(held.get_data(as_text=True), "/disclaimer/accept")
    assert (fields["draft_title"], fields["draft_body"], fields["draft_category_id"]) == (data["title"], STORY, str(category.id))
    rescue = form_on(member_client.post("/disclaimer/accept", data=dict(fields, accept="yes")).get_data(as_text=True), "/threads/new")
    assert member_client.post("/threads/new", data=rescue).status_code == 302
    thread = db.session.scalars(select(Thread)).one()
    assert (thread.title, thread.category_id) == ("Two winters since the fall", category.id)
    assert db.session.scalar(select(Post.body).where(Post.thread_id == thread.id)) == STORY


def test_the_page_shows_what_changed_since_the_version_the_member_accepted(member_client, member, moderator, thread):
    accepted = publish(moderator, body="Stories here are personal.\n\nAsk your doctor before you stop a medicine.")
    accept_disclaimer(member, accepted)
    publish(moderator, body="Stories here are personal.\n\nAsk your doctor or pharmacist before you change a medicine.", must_accept=True)

    held = form_post(member_client, f"/threads/{thread.id}/reply", {"body": STORY}, page=f"/threads/{thread.id}")

    assert held.status_code == 409
    html = held.get_data(as_text=True)
    changes = re.search(r'<section class="changes-since".*?</section>', html, re.S).group(0)
    assert f"What changed since you accepted version {accepted.id}" in text_of(changes)
    assert re.findall(r"<ins><span[^>]*>added: </span>(.*?)<span", changes) == ["or pharmacist", "change"]
    assert re.findall(r"<del><span[^>]*>removed: </span>(.*?)<span", changes) == ["stop"]
    # The full text follows, as readers see it.
    assert html.index("changes-since") < html.index("disclaimer-box")
    assert "<p>Ask your doctor or pharmacist before you change a medicine.</p>" in html.split("disclaimer-box")[1]
    # The page reached from the footer shows the same.
    again = member_client.get("/disclaimer/accept").get_data(as_text=True)
    assert re.search(r'<div class="text-diff">(.*?)</div>', again, re.S).group(1).count("<ins>") == 2


def test_a_member_who_never_accepted_a_version_is_shown_the_full_text_only(member_client, member, moderator, thread):
    publish(moderator, body="First words.")
    publish(moderator, body="Second words.", must_accept=True)

    html = form_post(member_client, f"/threads/{thread.id}/reply", {"body": STORY}, page=f"/threads/{thread.id}").get_data(as_text=True)

    assert "changes-since" not in html and "<ins>" not in html and "<p>Second words.</p>" in html


def test_hostile_text_in_the_versions_is_shown_as_text_on_the_accept_page(member_client, member, moderator):
    accepted = publish(moderator, body="Be kind <img src=x onerror=alert(1)>.")
    accept_disclaimer(member, accepted)
    publish(moderator, body="Be kind <script>alert(2)</script>.", must_accept=True)

    html = member_client.get("/disclaimer/accept").get_data(as_text=True)

    changes = re.search(r'<section class="changes-since".*?</section>', html, re.S).group(0)
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;" in changes and "img src=x onerror=" in changes and "script&gt;" in changes


def test_not_ticking_the_box_records_nothing_and_keeps_the_text(member_client, member, moderator, thread):
    publish(moderator, must_accept=True)
    held = form_post(member_client, f"/threads/{thread.id}/reply", {"body": STORY}, page=f"/threads/{thread.id}")
    fields = form_on(held.get_data(as_text=True), "/disclaimer/accept")

    again = member_client.post("/disclaimer/accept", data=fields)

    html = again.get_data(as_text=True)
    assert "Tick the box to accept the disclaimer." in html
    assert form_on(html, "/disclaimer/accept")["draft_body"] == STORY
    assert reload(member).disclaimer_version_id is None


def test_a_version_published_without_must_accept_blocks_nobody(member_client, member, moderator, thread):
    publish(moderator, must_accept=False)
    response = form_post(member_client, f"/threads/{thread.id}/reply", {"body": STORY}, page=f"/threads/{thread.id}")
    assert response.status_code == 302
    assert post_count() == 2
    assert reload(member).disclaimer_version_id is None


def test_someone_who_joined_after_the_version_is_not_asked_again(client, moderator, thread):
    publish(moderator, must_accept=True)
    newcomer = factories.make_member(username="new_joiner")
    sign_in(client, newcomer)
    assert form_post(client, f"/threads/{thread.id}/reply", {"body": STORY}, page=f"/threads/{thread.id}").status_code == 302
    assert post_count() == 2
