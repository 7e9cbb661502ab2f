"""Telling a story through the pages: the form, its errors, extra treatment
rows without JavaScript, the card, updates with their history, withdrawing."""
import re

from sqlalchemy import func, select

from forum.extensions import db
from forum.stories.models import Story, StoryVersion
from forum.threads.models import Thread
from tests.conftest import form_post, sign_in
from tests.factories import make_member, make_story, make_thread, term


def story_form(category, **extra):
    """What a member fills in: two conditions, a cause, three treatments."""
    data = {
        "category_id": str(category.id), "title": "Runner with piriformis: a year on",
        "body": "It started after a hilly half marathon. *Sitting* made it worse.",
        "conditions": [str(term("condition", "piriformis-syndrome").id), str(term("condition", "sciatica").id)],
        "causes": [str(term("cause", "overuse").id)],
        "side": "left", "started_month": "3", "started_year": "2025", "now": "improving",
        "treatments-0-term": str(term("treatment", "massage-therapy").id), "treatments-0-outcome": "helped_a_lot",
        "treatments-0-duration": "6 sessions over 8 weeks", "treatments-0-note": "$80 a session",
        "treatments-1-term": str(term("treatment", "stretching").id), "treatments-1-outcome": "helped_a_little",
        "treatments-2-term": str(term("treatment", "corticosteroid-injection").id), "treatments-2-outcome": "no_change",
    }
    data.update(extra)
    return {name: value for name, value in data.items() if value is not None}


def test_a_member_tells_a_story_and_the_card_shows_it(client, member, category):
    sign_in(client, member)
    response = form_post(client, "/stories/new", story_form(category), page="/stories/new")
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread).where(Thread.title == "Runner with piriformis: a year on"))
    assert thread.is_story
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    card = page[page.index('class="story-card"'):page.index("</section>", page.index('class="story-card"'))]
    for words in ("Piriformis syndrome, Sciatica", "Running or other overuse", "Left", "March 2025", "Improving",
                  "Massage therapy", "Helped a lot", "6 sessions over 8 weeks", "$80 a session", "Corticosteroid injection"):
        assert words in card, words
    assert "Update your story" in card


def test_an_invalid_field_keeps_everything_typed_with_the_error_beside_it(client, member, category):
    sign_in(client, member)
    data = story_form(category, now=None, **{"treatments-1-outcome": ""})
    response = form_post(client, "/stories/new", data, page="/stories/new")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Say how it is now." in html and "Say how it went." in html
    # The error sits with its field: the outcome's message comes inside row 2.
    row = html[html.index('id="treatments-1"'):html.index('id="treatments-2"')]
    assert "Say how it went." in row
    assert "Runner with piriformis: a year on" in html and "hilly half marathon" in html
    sciatica = term("condition", "sciatica").id
    assert re.search(rf'value="{sciatica}"[^>]*checked|checked[^>]*value="{sciatica}"', html)
    assert "6 sessions over 8 weeks" in html
    assert db.session.scalar(select(func.count(Story.id))) == 0


def test_another_treatment_row_is_added_without_javascript(client, member, category):
    sign_in(client, member)
    data = story_form(category, add_treatment="Add another treatment")
    response = form_post(client, "/stories/new", data, page="/stories/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="treatments-3-term"' in html and 'name="treatments-4-term"' not in html
    assert "6 sessions over 8 weeks" in html and "Please fix" not in html
    assert db.session.scalar(select(func.count(Story.id))) == 0


def test_the_same_treatment_twice_is_refused_beside_the_row(client, member, category):
    sign_in(client, member)
    data = story_form(category, **{"treatments-2-term": str(term("treatment", "massage-therapy").id)})
    html = form_post(client, "/stories/new", data, page="/stories/new").get_data(as_text=True)
    row = html[html.index('id="treatments-2"'):]
    assert "already listed above" in row


def test_an_update_keeps_the_old_version_and_says_what_changed(client, member, category):
    story = make_story(author=member, category=category, treatments=[("massage-therapy", "too_early"), ("ice", "no_change")])
    sign_in(client, member)
    form = client.get(f"/stories/{story.id}/update").get_data(as_text=True)
    # Each row already told offers every treatment, its own chosen.
    first_row = form[form.index('name="treatments-0-term"'):form.index("</select>", form.index('name="treatments-0-term"'))]
    massage = term("treatment", "massage-therapy").id
    assert re.search(rf'<option selected value="{massage}">Massage therapy</option>', first_row)
    assert first_row.count("<option") > 20
    data = story_form(category, **{"treatments-0-outcome": "helped_a_lot", "treatments-1-term": str(term("treatment", "ice").id),
                                   "treatments-1-outcome": "no_change", "treatments-2-term": "", "treatments-2-outcome": ""},
                      conditions=[str(term("condition", "sciatica").id)], now="improving", started_month="3",
                      started_year="2025")
    response = form_post(client, f"/stories/{story.id}/update", data, page=f"/stories/{story.id}/update")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(StoryVersion.id)).where(StoryVersion.story_id == story.id)) == 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Massage therapy: too early to tell → helped a lot" in page
    history = client.get(f"/stories/{story.id}/versions").get_data(as_text=True)
    assert "Version 1" in history and "Version 2" in history and "Massage therapy: too early to tell" in history


def test_a_member_turns_their_thread_into_a_story(client, member, category):
    thread = make_thread(author=member, category=category)
    sign_in(client, member)
    assert "Add what caused it" in client.get(f"/threads/{thread.id}/{thread.slug}").get_data(as_text=True)
    data = story_form(category, category_id=None, title=None, body=None)
    response = form_post(client, f"/stories/threads/{thread.id}/add", data, page=f"/stories/threads/{thread.id}/add")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).is_story


def test_only_the_author_can_add_update_or_withdraw(client, member, category):
    story = make_story(author=member, category=category)
    thread = make_thread(author=member, category=category)
    sign_in(client, make_member())
    assert client.get(f"/stories/{story.id}/update").status_code == 403
    assert client.get(f"/stories/threads/{thread.id}/add").status_code == 403
    assert form_post(client, f"/stories/{story.id}/withdraw", {}, page="/").status_code == 403


def test_withdrawing_takes_the_card_off_and_keeps_the_thread(client, member, category):
    story = make_story(author=member, category=category)
    sign_in(client, member)
    response = form_post(client, f"/stories/{story.id}/withdraw", {}, page=f"/stories/{story.id}/update")
    assert response.status_code == 302
    page = client.get(f"/threads/{story.thread_id}").get_data(as_text=True)
    assert 'class="story-card"' not in page and "It started after a long run" in page
    assert "Add what caused it" in page


def test_the_first_post_of_a_story_cannot_be_deleted_while_it_tells_one(client, member, category):
    story = make_story(author=member, category=category)
    sign_in(client, member)
    response = client.get(f"/threads/posts/{story.thread.first_post_id}/delete")
    assert response.status_code == 403
    assert "withdraw the story first" in response.get_data(as_text=True)


def test_a_story_thread_costs_one_query_more_than_a_thread(client, page_queries, member, category):
    plain = make_thread(author=member, category=category)
    story = make_story(author=member, category=category, treatments=[("ice", "no_change"), ("heat", "helped_a_lot"), ("yoga", "worse")])
    _, plain_queries = page_queries(f"/threads/{plain.id}/{plain.slug}")
    response, story_queries = page_queries(f"/threads/{story.thread_id}/{story.thread.slug}")
    assert response.status_code == 200 and 'class="story-card"' in response.get_data(as_text=True)
    assert len(story_queries) == len(plain_queries) + 1


def test_an_expired_token_keeps_the_ticked_conditions(client, member, category):
    sign_in(client, member)
    data = story_form(category, csrf_token="expired")
    response = client.post("/stories/new", data=data)
    html = response.get_data(as_text=True)
    for condition in data["conditions"]:
        assert f'name="conditions" value="{condition}"' in html
    assert 'name="treatments-0-duration"' in html and "6 sessions over 8 weeks" in html
