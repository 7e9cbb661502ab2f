"""Members-only stories: told as such from the form; every list shows a
visitor only their title and a marker; their versions and People-like-this
pages refuse a visitor; What helped still counts them (anonymously)."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.stories import services as story_services
from forum.threads.models import Thread
from tests.conftest import form_post, sign_in
from tests.factories import make_category, make_member, make_post, make_story, story_account, text_of
from tests.stories.test_views import story_form

# What only members may read of the private story: its words, its teller,
# and its account beyond what the counts say.
PRIVATE_BODY = "My husband has no idea how bad the nights have been since the fall."
TELLER = "night_owl_ines"
DURATION = "12 sessions over 9 weeks"
NOTE = "This thread is for members only. Sign in or register to read it."
NOINDEX = '<meta name="robots" content="noindex">'
ACCOUNT = {"conditions": ["sciatica"], "causes": ["overuse"], "side": "left",
           "treatments": [("massage-therapy", "helped_a_lot", DURATION), ("ice", "no_change")]}


def private_story(title="Nights are the worst", author=None):
    author = author or make_member(username=TELLER)
    return story_services.tell_story(author, make_category(), title, PRIVATE_BODY, story_account(**ACCOUNT),
                                     members_only=True)


def public_story(title="Running again after a year"):
    return make_story(title=title, body="Hill repeats set it off; massage settled it.",
                      **{**ACCOUNT, "treatments": [("massage-therapy", "helped_a_lot", "4 sessions")]})


def assert_not_named(html, story):
    """In a list a visitor learns only that a members-only story is there:
    filtered or matched, even its title would say what its account holds."""
    assert "A story shared with members only" in html and '<span class="tag">Members only</span>' in html
    assert story.thread.title not in html and f"/threads/{story.thread.id}" not in html
    for private in (PRIVATE_BODY[:40], TELLER, DURATION):
        assert private not in html, private


def assert_title_only(html, story):
    assert story.thread.title in html and '<span class="tag">Members only</span>' in html
    for private in (PRIVATE_BODY[:40], TELLER, DURATION):
        assert private not in html, private


def assert_all_shown(html):
    assert PRIVATE_BODY[:40] in html and TELLER in html


# Telling it

def test_the_story_form_offers_the_checkbox(member_client):
    html = member_client.get("/stories/new").get_data(as_text=True)
    assert 'name="members_only"' in html and "Members only: visitors and search engines see only the title" in html


@pytest.mark.parametrize("ticked, expected", [({"members_only": "y"}, True), ({}, False)])
def test_a_member_tells_a_story_for_members_only(member_client, category, ticked, expected):
    response = form_post(member_client, "/stories/new", story_form(category, **ticked), page="/stories/new")
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.is_story and thread.members_only is expected


# The story's own pages

def test_a_visitor_sees_no_card_and_no_post_on_the_story_thread(client):
    story = private_story()
    html = client.get(f"/threads/{story.thread.id}").get_data(as_text=True)
    assert NOTE in text_of(html) and NOINDEX in html
    assert 'class="story-card"' not in html and PRIVATE_BODY[:40] not in html and DURATION not in html


@pytest.mark.parametrize("page", ["versions", "alike"])
def test_its_versions_and_people_like_it_refuse_a_visitor(client, page):
    story = private_story()
    public_story()

    response = client.get(f"/stories/{story.id}/{page}")

    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert NOTE in text_of(html) and "/auth/login?next=" in html and NOINDEX in html
    assert story.thread.title in html
    assert DURATION not in html and "Massage therapy" not in html and "Running again" not in html


@pytest.mark.parametrize("page, shows", [("versions", DURATION), ("alike", "Running again after a year")])
def test_a_member_reads_its_versions_and_people_like_it(client, page, shows):
    story = private_story()
    public_story()
    sign_in(client, make_member())
    response = client.get(f"/stories/{story.id}/{page}")
    assert response.status_code == 200 and shows in response.get_data(as_text=True)


# Every list that shows more than a title

LISTS = {
    "stories": "/stories/",
    "filtered stories": "/stories/?treatment=massage-therapy&outcome=helped_a_lot",
    "treatment page": "/stories/treatments/massage-therapy",
    "people like me": "/stories/alike?condition=sciatica&cause=overuse&helped=massage-therapy",
}


@pytest.mark.parametrize("name", LISTS)
def test_a_list_tells_a_visitor_only_that_a_members_only_story_is_there(client, name):
    story = private_story()
    public_story()
    html = client.get(LISTS[name]).get_data(as_text=True)
    assert_not_named(html, story)
    # The story for everyone beside it shows as before.
    assert "Running again after a year" in html and "Hill repeats set it off" in html


@pytest.mark.parametrize("name", LISTS)
def test_a_list_shows_a_member_everything(client, name):
    private_story()
    sign_in(client, make_member())
    assert_all_shown(client.get(LISTS[name]).get_data(as_text=True))


def test_people_like_another_story_do_not_name_a_members_only_one_to_a_visitor(client):
    story = private_story()
    other = public_story()
    html = client.get(f"/stories/{other.id}/alike").get_data(as_text=True)
    assert_not_named(html, story)


def test_the_tellers_profile_shows_a_visitor_only_the_title(client):
    story = private_story()
    make_post(story.thread, author=story.author, body="Update: a little better this week.")
    html = client.get(f"/members/{TELLER}").get_data(as_text=True)
    assert story.thread.title in html and '<span class="tag">Members only</span>' in html
    assert "a little better" not in html and PRIVATE_BODY[:40] not in html


# What helped's anonymous counts are unchanged

def test_what_helped_still_counts_a_members_only_story(client):
    private_story()
    html = text_of(client.get("/stories/treatments/massage-therapy").get_data(as_text=True))
    assert "1 member says how it went." in html
    assert "1 story" in text_of(client.get("/stories/").get_data(as_text=True))


def test_a_list_of_members_only_stories_costs_a_visitor_the_same_for_one_or_many(client, page_queries):
    private_story()
    _, few = page_queries(LISTS["treatment page"])
    for n in range(6):
        private_story(title=f"Quiet story {n}", author=make_member())
    response, many = page_queries(LISTS["treatment page"])
    assert response.status_code == 200 and len(many) == len(few)


def test_where_a_treatment_is_talked_over_does_not_name_a_members_only_story_to_a_visitor(client):
    story = private_story()
    make_post(story.thread, author=make_member(), body="Same here, massage helped me too.")

    html = client.get(LISTS["treatment page"]).get_data(as_text=True)

    talked_over = html[html.index('id="discussed"'):]
    assert "A story shared with members only" in talked_over and "1 reply" in talked_over
    assert_not_named(html, story)
