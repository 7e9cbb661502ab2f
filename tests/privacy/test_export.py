"""Download my data: everything a member wrote and everything stored about
them, as one JSON file, for them alone."""
import json

import pytest

from forum.following import bookmark_services
from forum.members import services as member_services
from forum.reactions import services as reactions
from forum.threads import services as thread_services
from tests import factories
from tests.conftest import sign_in
from tests.factories import text_of

from .history import EDITED_BODY, FIRST_BODY, LICENCE, MEMBER_NOTE, OTHER_REPORT_NOTE, REPLY_BODY, REPORT_NOTE, keep_up

URL = "/privacy/ana_runner/data"


def download(client):
    response = client.get(URL)
    assert response.status_code == 200, response.status_code
    return response, json.loads(response.get_data(as_text=True))


def test_the_settings_page_offers_the_download(member_client):
    html = member_client.get("/members/ana_runner/edit").get_data(as_text=True)
    assert "Your data" in text_of(html) and f'href="{URL}"' in html


def test_a_member_downloads_one_file_that_no_browser_keeps(member_client, history):
    response, _ = download(member_client)
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="forum-data-ana_runner-')
    assert response.headers["Cache-Control"] == "no-store"


def test_the_file_holds_the_profile(member_client, member, history):
    member_services.edit_profile(member, member, "Runner, 41, left side.")
    profile = download(member_client)[1]["profile"]
    assert profile["username"] == "ana_runner" and profile["email"] == "ana_runner@example.org"
    assert profile["bio"] == "Runner, 41, left side." and profile["role"] == "member"
    assert profile["joined_at"].endswith("Z") and profile["guidelines_accepted_at"] and profile["disclaimer_accepted_at"]


def test_the_file_holds_the_names_given_up(client, member):
    member_services.change_username(member, member, "ana_walks")
    browser = sign_in(client, member)
    data = json.loads(browser.get("/privacy/ana_walks/data").get_data(as_text=True))
    assert data["profile"]["username"] == "ana_walks"
    assert [n["username"] for n in data["profile"]["former_usernames"]] == ["ana_runner"]


def test_the_file_holds_every_post_with_every_earlier_version(member_client, history):
    posts = download(member_client)[1]["posts"]
    assert [p["body"] for p in posts] == [EDITED_BODY, REPLY_BODY, "It started after a long run in March."]
    first = posts[0]
    assert first["thread_title"] == "Fell on ice, now sciatica" and first["edited_at"]
    assert [(v["body"], v["replaced_by"]) for v in first["earlier_versions"]] == [(FIRST_BODY, "you")]
    assert posts[1]["earlier_versions"] == []


def test_the_file_holds_threads_stories_and_their_versions(member_client, history):
    data = download(member_client)[1]
    assert [t["title"] for t in data["threads_started"]] == ["Fell on ice, now sciatica", "My piriformis story"]
    [story] = data["stories"]
    assert story["thread_title"] == "My piriformis story"
    assert [v["number"] for v in story["versions"]] == [1]
    assert story["versions"][0]["account"]["conditions"] == ["Sciatica"]


def test_the_file_holds_her_reports_but_not_who_else_reported(member_client, history):
    data = download(member_client)[1]
    [report] = data["reports_sent"]
    assert report["note"] == REPORT_NOTE and report["post_id"] == history.desks_reply.id
    assert report["outcome"] == "open"
    raw = json.dumps(data)
    assert OTHER_REPORT_NOTE not in raw and "third_reader" not in raw


def test_the_file_holds_notifications_and_the_application(member_client, history):
    data = download(member_client)[1]
    assert [n["message"] for n in data["notifications"]] == [
        "desk_sitter replied in “Fell on ice, now sciatica”.",
        "desk_sitter marked your reply in “What helps in the morning?” as what helped them.",
        "Please keep to your own experience."]
    [application] = data["practitioner_applications"]
    assert application["licence_number"] == LICENCE and application["legal_name"] == "Ana Q. Runner"
    assert application["city"] == "Tampa" and application["status"] == "Waiting for a moderator"


def test_moderators_private_notes_are_not_in_it(member_client, history):
    # Notes are the moderators' working record, not the member's data.
    data = download(member_client)[1]
    assert MEMBER_NOTE not in json.dumps(data)
    assert "moderators' working record" in data["not_included"]


def test_the_file_holds_what_she_follows_bookmarked_reacted_to_and_read(member_client, member, other_member, history):
    keep_up(member, other_member, history)
    data = download(member_client)[1]

    followed = {t["thread_id"]: t for t in data["threads_followed"]}
    assert followed[history.asked.id]["following"] is False
    assert followed[history.asked.id]["thread_title"] == "What helps in the morning?"
    assert [c["category"] for c in data["categories_followed"]] == ["Sciatica"]
    [bookmark] = data["bookmarks"]
    assert (bookmark["post_id"], bookmark["thread_title"]) == (history.desks_reply.id, "Fell on ice, now sciatica")
    assert bookmark["bookmarked_at"].endswith("Z")
    assert [(r["post_id"], r["reaction"]) for r in data["reactions_given"]] == [
        (history.desks_reply.id, "Helpful"), (history.desks_reply.id, "Me too")]
    read = {r["thread_id"]: r for r in data["threads_read"]}[history.asked.id]
    assert (read["posts_read"], read["last_read_post_id"], read["thread_title"]) == (2, history.anas_reply.id, "What helps in the morning?")


def test_the_file_holds_her_marks_not_other_peoples(member_client, member, other_member, history):
    keep_up(member, other_member, history)
    data = download(member_client)[1]
    # desk said "me too" to her post and bookmarked it: that is desk's.
    assert history.first.id not in [r["post_id"] for r in data["reactions_given"]]
    assert history.first.id not in [b["post_id"] for b in data["bookmarks"]]
    assert "desk_sitter" not in json.dumps({key: data[key] for key in ("reactions_given", "bookmarks", "threads_followed")})


def test_the_export_of_marks_costs_the_same_however_many(member_client, member, other_member, history, count_queries):
    with count_queries() as few:
        download(member_client)
    keep_up(member, other_member, history)
    for n in range(5):
        post = factories.make_post(history.asked, author=other_member, body=f"Reply {n}")
        reactions.react(member, post, "helpful")
        bookmark_services.bookmark_post(member, post)
    with count_queries() as many:
        download(member_client)
    assert many.count == few.count


def test_a_suspended_member_can_still_download(client):
    suspended = factories.make_suspended(username="cross_words")
    response = sign_in(client, suspended).get("/privacy/cross_words/data")
    assert response.status_code == 200


def test_a_visitor_is_sent_to_sign_in(client, member):
    response = client.get(URL)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("who", ["other member", "moderator", "admin"])
def test_nobody_downloads_another_members_data(client_for, member, other_member, moderator, admin, who):
    browser = client_for({"other member": other_member, "moderator": moderator, "admin": admin}[who])
    response = browser.get(URL)
    assert response.status_code == 403
    assert "ana_runner@example.org" not in response.get_data(as_text=True)


def test_an_unknown_member_is_not_there(member_client):
    assert member_client.get("/privacy/nobody_here/data").status_code == 404


def test_the_export_costs_the_same_however_much_was_written(member_client, member, category, count_queries):
    factories.make_thread(author=member, category=category)
    with count_queries() as few:
        download(member_client)
    for n in range(6):
        thread = factories.make_thread(author=member, category=category, replies=2)
        thread_services.edit_post(member, factories.posts_of(thread)[0], f"Edited {n}")
        factories.make_story(author=member, category=category)
    with count_queries() as many:
        download(member_client)
    assert many.count == few.count


def test_a_suspended_member_finds_their_data_on_their_profile(client):
    from tests.factories import make_suspended

    member = make_suspended(username="paused_pat")
    sign_in(client, member)

    html = client.get("/members/paused_pat").get_data(as_text=True)

    assert 'href="/privacy/paused_pat/data"' in html and 'href="/privacy/paused_pat/delete"' in html


def test_the_file_says_what_the_safety_checks_found_in_her_posts(member_client, member, category):
    from forum.safety.starting import ensure_lists
    from forum.extensions import db

    ensure_lists()
    db.session.commit()
    thread = factories.make_thread(author=member, category=category, title="Since this morning")
    thread_services.reply(member, thread, "Email me at ana.runner@example.org if you want the stretches.")

    _, data = download(member_client)

    found = [post["safety_checks_found"] for post in data["posts"]]
    assert found == [[], ["personal details"]]
