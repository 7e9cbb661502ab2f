"""The story list: combined filters with counts beside each choice, plain
addresses, and a fixed number of queries however many stories there are."""
import re

from forum.extensions import db
from forum.moderation import services as moderation
from forum.stories import services
from forum.stories.models import Term
from forum.threads.models import Post
from tests.factories import make_moderator, make_story, story_account, term


def titles(html):
    return re.findall(r'<li class="story-item">\s*<h2><a href="[^"]+">([^<]+)</a>', html)


def option_count(html, select_name, label):
    """The number shown beside a choice: "Massage therapy (3)"."""
    block = html[html.index(f'name="{select_name}"'):]
    block = block[:block.index("</select>")]
    match = re.search(rf">{re.escape(label)} \(([\d,]+)\)</option>", block)
    return int(match.group(1).replace(",", "")) if match else None


def some_stories():
    make_story(title="Runner helped by massage", causes=["overuse"], treatments=[("massage-therapy", "helped_a_lot")])
    make_story(title="Runner, massage did nothing", causes=["overuse"], treatments=[("massage-therapy", "no_change")])
    make_story(title="Desk sitter helped by massage", causes=["sitting"], treatments=[("massage-therapy", "helped_a_little")])
    make_story(title="Runner who stretched", causes=["overuse"], conditions=["piriformis-syndrome"],
               treatments=[("stretching", "helped_a_lot")])


def test_runners_whose_pain_got_better_with_massage(client):
    some_stories()
    html = client.get("/stories/?cause=overuse&treatment=massage-therapy&outcome=helped").get_data(as_text=True)
    assert titles(html) == ["Runner helped by massage"]
    assert "1 story" in html


def test_counts_beside_each_choice_follow_the_other_filters(client):
    some_stories()
    html = client.get("/stories/?cause=overuse").get_data(as_text=True)
    assert option_count(html, "treatment", "Massage therapy") == 2
    assert option_count(html, "treatment", "Stretching") == 1
    assert option_count(html, "cause", "Long sitting or inactivity") == 1
    assert option_count(html, "condition", "Piriformis syndrome") == 1
    assert option_count(html, "condition", "Sciatica") == 2
    everything = client.get("/stories/").get_data(as_text=True)
    assert option_count(everything, "treatment", "Massage therapy") == 3
    assert len(titles(everything)) == 4


def test_hidden_and_withdrawn_stories_leave_the_list_and_its_counts(client):
    some_stories()
    shown = make_story(title="Soon hidden", treatments=[("massage-therapy", "helped_a_lot")])
    withdrawn = make_story(title="Soon withdrawn", treatments=[("massage-therapy", "helped_a_lot")])
    moderation.hide_post(make_moderator(), db.session.get(Post, shown.thread.first_post_id), "Advertising")
    services.withdraw_story(withdrawn.author, withdrawn)
    html = client.get("/stories/?treatment=massage-therapy").get_data(as_text=True)
    assert "Soon hidden" not in html and "Soon withdrawn" not in html
    assert option_count(html, "treatment", "Massage therapy") == 3


def test_a_merged_entry_in_an_address_redirects_to_its_survivor(client):
    some_stories()
    old = Term(kind="treatment", slug="deep-tissue-massage", label="Deep tissue massage",
               merged_into_id=term("treatment", "massage-therapy").id)
    db.session.add(old)
    db.session.commit()
    response = client.get("/stories/?treatment=deep-tissue-massage&outcome=helped")
    assert response.status_code == 301
    assert "treatment=massage-therapy" in response.headers["Location"] and "outcome=helped" in response.headers["Location"]


def test_an_unknown_choice_is_a_404(client):
    assert client.get("/stories/?treatment=snake-oil").status_code == 404
    assert client.get("/stories/?outcome=cured-forever").status_code == 404


def test_the_list_costs_the_same_for_few_or_many_stories(client, page_queries):
    some_stories()
    _, few = page_queries("/stories/?cause=overuse&treatment=massage-therapy")
    for n in range(12):
        make_story(title=f"Another runner {n}", causes=["overuse"], treatments=[("massage-therapy", "helped_a_lot"), ("ice", "no_change")])
    response, many = page_queries("/stories/?cause=overuse&treatment=massage-therapy")
    assert response.status_code == 200 and len(titles(response.get_data(as_text=True))) == 14
    assert len(many) == len(few)
    assert not [s for s in many if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def test_a_story_updated_lately_comes_first_filtered_or_not(client):
    older = make_story(title="Told first, updated since", treatments=[("massage-therapy", "too_early")])
    make_story(title="Told second", treatments=[("massage-therapy", "helped_a_lot")])
    assert titles(client.get("/stories/?treatment=massage-therapy").get_data(as_text=True))[0] == "Told second"
    services.update_story(older.author, older, story_account(treatments=[("massage-therapy", "helped_a_lot")]))
    for url in ("/stories/", "/stories/?treatment=massage-therapy", "/stories/?treatment=massage-therapy&cause=overuse"):
        assert titles(client.get(url).get_data(as_text=True)) == ["Told first, updated since", "Told second"], url
