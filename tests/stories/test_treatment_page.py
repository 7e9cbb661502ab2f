"""A treatment's page: how the members who tried it say it went, beside time
alone; the latest stories that report it; the threads where it is talked
over; its old address after a merge; and its cost in queries."""
import re

import pytest

from forum.extensions import db
from forum.stories.models import Term
from tests.factories import make_member, make_post, make_story, term, text_of
from tests.stories.test_what_helped import TOO_FEW, figures, merge, tell


def page(client, slug):
    response = client.get(f"/stories/treatments/{slug}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def outcomes_of(html):
    """{outcome: (figure, links)} from the page's table."""
    return {name: cells[1] for name, cells in figures(html).items()}


def story_cards(html):
    return re.findall(r'<li class="story-item">.*?</li>', html, re.S)


def test_it_shows_how_members_say_it_went_with_links_to_their_stories(client):
    tell(*["acupuncture:helped_a_lot"] * 2, "acupuncture:helped_a_little", "acupuncture:worse", "acupuncture:too_early")
    shown = outcomes_of(page(client, "acupuncture"))
    assert shown["Helped a lot"] == ("2", ["/stories/?treatment=acupuncture&outcome=helped_a_lot"])
    assert shown["Helped a little"] == ("1", ["/stories/?treatment=acupuncture&outcome=helped_a_little"])
    assert shown["No change"] == ("0", [])
    assert shown["Made it worse"][0] == "1" and shown["Too early to tell"][0] == "1"
    assert shown["Share it helped"] == (TOO_FEW, [])
    assert "There are too few reports to compare" in text_of(page(client, "acupuncture"))


def test_five_decided_reports_give_a_share_and_its_range(client):
    tell(*["acupuncture:helped_a_lot"] * 3, "acupuncture:no_change", "acupuncture:worse", "acupuncture:too_early")
    html = page(client, "acupuncture")
    assert "6 members say how it went. Of the 5 who could say, 3 said it helped a lot or a little: 60%, likely between 23% and 88%." in text_of(html)
    assert outcomes_of(html)["Share it helped"] == ("60% 3 of 5, likely between 23% and 88%", ["/stories/?treatment=acupuncture&outcome=helped"])
    assert re.findall(r'class="chart-value"[^>]*>([^<]+)<', html) == [TOO_FEW, "60%"]


def test_it_is_compared_with_time_alone(client):
    tell(*["time-alone:helped_a_little"] * 2, *["time-alone:no_change"] * 3, "heat:helped_a_lot")
    html = page(client, "heat")
    assert "For comparison, time alone: 40%, likely between 12% and 77%." in text_of(html)
    assert "Dashed: time alone (40%)" in html


def test_time_alones_own_page_says_it_is_the_reference(client):
    tell(*["time-alone:helped_a_lot"] * 5)
    text = text_of(page(client, "time-alone"))
    assert "This is the reference on What helped" in text
    assert "For comparison" not in text
    assert "100%, likely between 57% and 100%" in text


def test_the_page_says_these_are_reports_not_clinical_evidence(client):
    term("treatment", "ice")
    assert "what members report of their own experience, not clinical evidence" in text_of(page(client, "ice"))


def test_nobody_has_reported_it_yet(client):
    term("treatment", "surgery")
    text = text_of(page(client, "surgery"))
    assert "No member has said how it went yet." in text and "No story reports it yet." in text


def test_each_story_shows_its_thread_teller_conditions_and_how_this_treatment_went(client):
    teller = make_member(username="hip_runner")
    story = make_story(author=teller, title="Ice after every run", body="Two **weeks** of ice, then better.",
                       conditions=["sciatica", "hip-pain"], other_condition="Tight hamstrings",
                       treatments=[("stretching", "no_change"), ("ice", "helped_a_little")])
    html = page(client, "ice")
    [card] = story_cards(html)
    assert f'href="/threads/{story.thread_id}/ice-after-every-run"' in card
    assert 'href="/members/hip_runner"' in card
    text = text_of(card)
    assert "Sciatica, Hip pain, Tight hamstrings" in text or "Hip pain, Sciatica, Tight hamstrings" in text
    assert "Ice: helped a little" in text and "Stretching" not in text
    assert "Two weeks of ice, then better." in text


def test_the_latest_ten_stories_and_a_link_to_them_all(client):
    for n in range(12):
        make_story(title=f"Story {n:02}", treatments=[("walking", "helped_a_lot")])
    make_story(title="Not this one", treatments=[("ice", "helped_a_lot")])
    html = page(client, "walking")
    titles = [re.search(r">(Story \d+)</a></h3>", card).group(1) for card in story_cards(html)]
    assert titles == [f"Story {n:02}" for n in range(11, 1, -1)]
    assert '<a href="/stories/?treatment=walking">All 12 stories that report walking</a>' in html


def test_the_threads_most_talked_over_are_the_stories_with_the_most_replies(client):
    quiet = make_story(title="Nobody answered", treatments=[("yoga", "no_change")])
    busy = make_story(title="Lots of replies", treatments=[("yoga", "helped_a_lot")])
    some = make_story(title="A few replies", treatments=[("yoga", "worse")])
    elsewhere = make_story(title="About ice", treatments=[("ice", "worse")])
    for story, replies in ((busy, 3), (some, 1), (elsewhere, 5)):
        for _ in range(replies):
            make_post(story.thread, author=make_member())
    section = page(client, "yoga").split('id="discussed"')[1]
    listed = re.findall(r'<a href="/threads/\d+/[^"]+">([^<]+)</a>', section)
    assert listed == ["Lots of replies", "A few replies"]
    assert "3 replies" in text_of(section) and "1 reply," in text_of(section)
    assert quiet.thread.title not in section


def test_a_merged_treatments_old_address_leads_to_the_survivor(client):
    db.session.add(Term(kind="treatment", slug="foam-rolling", label="Foam rolling"))
    db.session.commit()
    tell("foam-rolling:helped_a_lot")
    merge("treatment", "Foam rolling", "foam-rolling", "self-massage")
    response = client.get("/stories/treatments/foam-rolling")
    assert response.status_code == 301
    assert response.headers["Location"] == "/stories/treatments/self-massage"
    assert outcomes_of(page(client, "self-massage"))["Helped a lot"][0] == "1"


@pytest.mark.parametrize("slug", ["no-such-treatment", "sciatica", "overuse"])
def test_an_unknown_treatment_or_another_vocabularys_entry_is_not_found(client, slug):
    term("treatment", "ice")
    assert client.get(f"/stories/treatments/{slug}").status_code == 404


# The treatment, its counts beside time alone's, the story count and the
# page of stories, their conditions, causes and treatments (one query each),
# their first posts, the threads most replied to, the badges of the
# tellers, and the footer's disclaimer: the same for one story or a dozen.
TREATMENT_PAGE_QUERIES = 11


def test_a_treatment_page_costs_the_same_for_one_story_or_a_dozen(client, page_queries):
    first = make_story(treatments=[("massage-therapy", "helped_a_lot")])
    make_post(first.thread, author=make_member())
    one, statements = page_queries("/stories/treatments/massage-therapy")
    assert one.status_code == 200 and len(statements) == TREATMENT_PAGE_QUERIES

    for _ in range(11):
        story = make_story(treatments=[("massage-therapy", "no_change"), ("time-alone", "worse")])
        make_post(story.thread, author=make_member())
    many, statements = page_queries("/stories/treatments/massage-therapy")
    assert many.status_code == 200 and len(statements) == TREATMENT_PAGE_QUERIES
    assert len(story_cards(many.get_data(as_text=True))) == 10
