"""What a writer meets when the checks find something: a notice before the
post goes up, with everything typed kept; then their choice. Through the
pages, as members write."""
import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.moderation.models import ReportCase
from forum.threads.models import Post, Thread
from tests import factories
from tests.conftest import form_post, sign_in
from tests.stories.test_views import story_form

RED_FLAG = "Since yesterday I can't control my bladder and I'm numb down there when I wipe."
CRISIS = "I can't go on like this. Everyone would be better off without me."
PHONE = "Happy to talk it through, ring me on 07700 900461 any evening."


@pytest.fixture
def thread(member, category):
    return factories.make_thread(author=member, category=category, title="Piriformis after a fall",
                                 body="It started when I slipped on ice.")


@pytest.fixture
def writer(client, other_member):
    return sign_in(client, other_member)


def post_count():
    return db.session.scalar(select(func.count()).select_from(Post))


def reply_url(thread):
    return f"/threads/{thread.id}/reply"


def send_reply(client, thread, body, **extra):
    return form_post(client, reply_url(thread), {"body": body, **extra}, page=reply_url(thread))


def test_a_reply_describing_urgent_symptoms_shows_the_writer_an_emergency_notice_first(writer, thread):
    before = post_count()

    response = send_reply(writer, thread, RED_FLAG)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This could be an emergency" in html
    assert "If this is new, go to an emergency department now." in html
    assert RED_FLAG.replace("'", "&#39;") in html, "what they typed is still in the box"
    assert 'name="seen_signals" value="red_flag"' in html
    assert "Publish as it is" in html and f'href="/threads/{thread.id}/{thread.slug}">Cancel' in html
    assert post_count() == before, "nothing is published before they choose"


def test_publishing_after_the_notice_puts_the_post_up_with_a_readers_notice_and_at_the_top_of_the_queue(
        writer, client_for, thread, member, moderator):
    ordinary = factories.make_post(thread, author=member, body="Heat helps me most evenings.")
    for _ in range(3):
        factories.make_report(factories.make_member(), ordinary, reason="advertising")

    response = send_reply(writer, thread, RED_FLAG, seen_signals="red_flag")

    assert response.status_code == 302
    post = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert post.body == RED_FLAG and "red_flag" in post.signals
    page = client_for(None).get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "This post describes symptoms that can need same-day care" in page
    assert page.count("can need same-day care") == 1, "only the flagged post carries it"
    queue = client_for(moderator).get("/admin/reports").get_data(as_text=True)
    assert queue.index("Possible emergency") < queue.index("Heat helps me"), "flagged above three reporters"
    case = db.session.scalar(select(ReportCase).where(ReportCase.post_id == post.id))
    assert (case.signal, case.urgent, case.status) == ("red_flag", 1, "open")


def test_crisis_language_shows_the_writer_crisis_lines_privately_and_publishing_is_their_choice(
        writer, client_for, thread, moderator):
    response = send_reply(writer, thread, CRISIS)

    html = response.get_data(as_text=True)
    assert "You don't have to carry this alone" in html
    assert "Call or text 988" in html and "Text HOME to 741741" in html and "findahelpline.com" in html
    assert "Only you see this note" in html

    send_reply(writer, thread, CRISIS, seen_signals="crisis")

    post = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert post.body == CRISIS
    page = client_for(None).get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "988" not in page and "can need same-day care" not in page, "readers see no crisis notice"
    queue = client_for(moderator).get("/admin/reports").get_data(as_text=True)
    assert "Possible risk of self-harm" in queue and "Flagged by the safety checks" in queue


def test_personal_details_warn_the_writer_and_editing_them_out_publishes_cleanly(writer, thread):
    response = send_reply(writer, thread, PHONE)

    html = response.get_data(as_text=True)
    assert "This shows personal details" in html and "07700 900461" in html
    assert 'href="#body">Edit it first' in html

    response = send_reply(writer, thread, "Happy to talk it through here any evening.", seen_signals="personal_details")

    assert response.status_code == 302
    post = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert post.signals == "" and db.session.scalar(select(func.count()).select_from(ReportCase)) == 0


def test_something_new_found_after_a_notice_shows_a_notice_again(writer, thread):
    response = send_reply(writer, thread, PHONE + " " + CRISIS, seen_signals="personal_details")

    html = response.get_data(as_text=True)
    assert "You don't have to carry this alone" in html
    assert 'name="seen_signals" value="crisis,personal_details"' in html


def test_an_ordinary_reply_goes_straight_up(writer, thread):
    response = send_reply(writer, thread, "Stretching twice a day helped me after about six weeks.")

    assert response.status_code == 302
    assert db.session.scalar(select(Post).order_by(Post.id.desc())).signals == ""


def test_a_title_is_checked_too(writer, category):
    data = {"category_id": category.id, "title": "Call me on 07700 900461", "body": "Looking for a massage therapist nearby."}

    response = form_post(writer, "/threads/new", data, page="/threads/new")

    assert response.status_code == 200 and "This shows personal details" in response.get_data(as_text=True)
    response = form_post(writer, "/threads/new", {**data, "seen_signals": "personal_details"}, page="/threads/new")
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread).order_by(Thread.id.desc()))
    assert "personal_details" in db.session.get(Post, thread.first_post_id).signals


def test_an_edit_is_checked_and_opens_a_queue_item(client, member, thread):
    sign_in(client, member)
    first = thread.first_post_id
    url = f"/threads/posts/{first}/edit"

    response = form_post(client, url, {"body": RED_FLAG}, page=url)

    assert "This could be an emergency" in response.get_data(as_text=True)
    response = form_post(client, url, {"body": RED_FLAG, "seen_signals": "red_flag"}, page=url)
    assert response.status_code == 302
    case = db.session.scalar(select(ReportCase).where(ReportCase.post_id == first))
    assert case.signal == "red_flag" and case.open_post_id == first


def test_a_moderator_editing_details_out_of_someone_elses_post_is_not_held_up(client, moderator, thread):
    reply = factories.make_post(thread, body=PHONE)
    sign_in(client, moderator)
    url = f"/threads/posts/{reply.id}/edit"

    response = form_post(client, url, {"body": PHONE, "reason": "Kept the number, checking"}, page=url)

    assert response.status_code == 302


def test_a_story_is_checked_with_its_own_words(client, member, category):
    sign_in(client, member)
    data = story_form(category, **{"treatments-0-note": "my therapist is jo dot smith at gmail dot com"})

    response = form_post(client, "/stories/new", data, page="/stories/new")

    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "This shows personal details" in html
    assert "my therapist is jo dot smith at gmail dot com" in html, "the row is kept as typed"
    response = form_post(client, "/stories/new", {**data, "seen_signals": "personal_details"}, page="/stories/new")
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread).order_by(Thread.id.desc()))
    assert "personal_details" in db.session.get(Post, thread.first_post_id).signals


def test_updating_a_story_is_checked_too(client, member, category):
    story = factories.make_story(author=member, category=category)
    sign_in(client, member)
    url = f"/stories/{story.id}/update"
    data = {key: value for key, value in story_form(category).items() if key not in ("category_id", "title", "body")}

    response = form_post(client, url, {**data, "other_cause": "i cant go on like this anymore"}, page=url)

    assert "You don't have to carry this alone" in response.get_data(as_text=True)


def test_an_expired_form_with_a_notice_keeps_the_text(client, member, thread, app_with_config):
    # The hidden field that says what was seen is not text to rescue, but the post is.
    other = app_with_config(WTF_CSRF_ENABLED=True)
    browser = sign_in(other.test_client(), member)

    response = browser.post(reply_url(thread), data={"body": CRISIS, "seen_signals": "crisis", "csrf_token": "stale"})

    assert response.status_code == 400
    assert "everyone would be better off" in response.get_data(as_text=True).lower()
