"""A post's earlier versions: its author reads them, as the moderators do,
each with the words taken out and added since the version before."""
import re
from datetime import timedelta

import pytest

from forum.extensions import db
from forum.moderation import services as moderation
from forum.threads import services as thread_services
from forum.timeutil import utcnow
from tests import factories
from tests.factories import text_of as page_text

from .conftest import post_card

FIRST = "Heat helped a little. Stretching **twice a day** helped most."
HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)>'


@pytest.fixture
def post(thread, other_member):
    """desk_sitter's reply, which she then edits once."""
    reply = factories.make_post(thread, author=other_member, body=FIRST)
    thread_services.edit_post(other_member, reply, "Heat helped a lot. Stretching **twice a day** helped most.")
    return reply


def text_of(html):
    """The words as read, with no space left before a full stop."""
    return re.sub(r" ([.,;:!?])", r"\1", page_text(html))


def history_url(post):
    return f"/threads/posts/{post.id}/history"


def versions_of(html):
    """{heading: the version's section} for each version on the page, in order."""
    return dict(re.findall(r'<li class="version"[^>]*>\s*<h2[^>]*>(.*?)</h2>(.*?)</li>', html, re.S))


def marked(html, tag):
    """The words inside each <del> or <ins>, as a reader hears them (the hidden labels removed)."""
    return [text_of(re.sub(r'<span class="visually-hidden">.*?</span>', "", words))
            for words in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)]


def test_the_author_reads_their_posts_versions_with_what_changed(client_for, post, other_member):
    browser = client_for(other_member)
    response = browser.get(history_url(post))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Every version of your post" in text_of(html)
    current, original = versions_of(html).items()
    assert current[0] == "Version 2 (current)" and original[0] == "Version 1 (the original)"
    assert marked(current[1], "del") == ["little"] and marked(current[1], "ins") == ["lot"]
    # Unchanged words stay as they were written, Markdown marks and all.
    assert "Stretching **twice a day** helped most." in text_of(current[1])
    assert "by you" in text_of(current[1])
    # The first version is shown whole, as readers saw it.
    assert "<strong>twice a day</strong>" in original[1]


def test_screen_readers_are_told_what_was_removed_and_added(client_for, post, other_member):
    html = client_for(other_member).get(history_url(post)).get_data(as_text=True)
    current = text_of(next(iter(versions_of(html).values())))
    assert "removed: little (end removed)" in current and "added: lot (end added)" in current


def test_authors_find_their_versions_from_the_post_and_the_edit_page(client_for, thread, post, other_member):
    browser = client_for(other_member)
    link = f'href="{history_url(post)}"'
    assert link in post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), post.id)
    assert link in browser.get(f"/threads/posts/{post.id}/edit").get_data(as_text=True)


def test_the_edit_page_links_to_versions_only_once_there_are_some(client_for, thread, other_member):
    never_edited = factories.make_post(thread, author=other_member, body="Only one version.")
    html = client_for(other_member).get(f"/threads/posts/{never_edited.id}/edit").get_data(as_text=True)
    assert "Earlier versions are kept." in text_of(html) and history_url(never_edited) not in html


@pytest.mark.parametrize("person, status", [
    ("author", 200), ("suspended author", 200), ("another member", 403), ("moderator", 200), ("admin", 200),
])
def test_who_reads_a_posts_versions(client_for, thread, post, other_member, member, person, status):
    people = {"author": other_member, "suspended author": other_member, "another member": member,
              "moderator": factories.make_moderator(), "admin": factories.make_admin()}
    browser = client_for(people[person])
    if person == "suspended author":
        # Suspension stops writing, not reading one's own words.
        other_member.suspended_until = utcnow() + timedelta(days=3)
        db.session.commit()

    response = browser.get(history_url(post))

    assert response.status_code == status
    card = post_card(browser.get(f"/threads/{thread.id}").get_data(as_text=True), post.id)
    assert (history_url(post) in card) == (status == 200)


def test_others_are_told_why_not_and_visitors_are_asked_to_sign_in(client_for, post, member):
    refused = client_for(member).get(history_url(post))
    assert refused.status_code == 403
    assert "Only the post's author and the moderators can read its earlier versions." in text_of(refused.get_data(as_text=True))
    visitor = client_for(None).get(history_url(post))
    assert visitor.status_code == 302 and visitor.headers["Location"].startswith("/auth/login")
    assert client_for(member).get("/threads/posts/999999/history").status_code == 404


def test_the_author_of_a_hidden_post_still_reads_its_versions(client_for, post, other_member, moderator):
    moderation.hide_post(moderator, post, "Off topic.")
    assert client_for(other_member).get(history_url(post)).status_code == 200


def test_once_the_author_deletes_a_post_its_versions_are_for_moderators(client_for, post, other_member, moderator):
    thread_services.delete_post(other_member, post)

    refused = client_for(other_member).get(history_url(post))
    assert refused.status_code == 403
    assert "You deleted this post" in text_of(refused.get_data(as_text=True))
    html = client_for(moderator).get(history_url(post)).get_data(as_text=True)
    assert "Its author deleted this post" in text_of(html)
    assert marked(versions_of(html)["Version 2 (current)"], "ins") == ["lot"]


def test_the_author_sees_a_moderators_edit_and_reason_but_not_which_moderator(client_for, post, other_member, moderator):
    thread_services.edit_post(moderator, post, "Heat helped a lot. Stretching helped most.", reason="Trimmed the formatting.")
    thread_services.edit_post(other_member, post, "Heat helped a lot. Stretching daily helped most.")

    html = client_for(other_member).get(history_url(post)).get_data(as_text=True)

    versions = versions_of(html)
    assert list(versions) == ["Version 4 (current)", "Version 3", "Version 2", "Version 1 (the original)"]
    assert "by a moderator. Reason: Trimmed the formatting." in text_of(versions["Version 3"])
    assert marked(versions["Version 3"], "del") == ["**twice a day**"]
    assert marked(versions["Version 4 (current)"], "ins") == ["daily"]
    assert moderator.username not in html


def test_each_moderators_reason_stays_with_their_edit(client_for, post, moderator, admin):
    thread_services.edit_post(moderator, post, "First tidy.", reason="Reason one.")
    thread_services.edit_post(admin, post, "Second tidy.", reason="Reason two.")

    versions = versions_of(client_for(admin).get(history_url(post)).get_data(as_text=True))

    assert f"by {admin.username} Admin. Reason: Reason two." in text_of(versions["Version 4 (current)"])
    assert f"by {moderator.username} Moderator. Reason: Reason one." in text_of(versions["Version 3"])
    assert "Reason" not in text_of(versions["Version 2"])


def test_hostile_text_in_either_version_is_shown_as_text(client_for, thread, other_member):
    post = factories.make_post(thread, author=other_member, body="Before " + HOSTILE)
    thread_services.edit_post(other_member, post, "After " + HOSTILE + " and <b>more</b>")

    html = client_for(other_member).get(history_url(post)).get_data(as_text=True)

    assert "<script>alert" not in html and "<img src=x" not in html and "<b>more" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    current = next(iter(versions_of(html).values()))
    assert marked(current, "del") == ["Before"] and marked(current, "ins") == ["After", "and <b>more</b>"]


def test_a_change_of_spacing_only_is_said_so(client_for, thread, other_member):
    post = factories.make_post(thread, author=other_member, body="One line.\nAnother line.")
    thread_services.edit_post(other_member, post, "One line.\n\nAnother line.")

    html = client_for(other_member).get(history_url(post)).get_data(as_text=True)

    assert "Only spacing or line breaks changed." in text_of(html)
    assert "<del>" not in html.split('class="versions"')[1] and "<ins>" not in html.split('class="versions"')[1]


def test_the_page_reads_the_same_few_queries_however_many_versions(client_for, thread, other_member, moderator, count_queries):
    post = factories.make_post(thread, author=other_member, body="Version one.")
    thread_services.edit_post(moderator, post, "Version two.", reason="Tidied.")
    browser = client_for(moderator)
    with count_queries() as few:
        assert browser.get(history_url(post)).status_code == 200
    for number in range(3, 9):
        thread_services.edit_post(moderator if number % 2 else other_member, post, f"Version {number}.", reason="Tidied.")
    with count_queries() as many:
        html = browser.get(history_url(post)).get_data(as_text=True)
    assert "Version 8 (current)" in html
    assert many.count == few.count
