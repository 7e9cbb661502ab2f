"""People like me: the stories most like a story, or like a newcomer's
answers, as cards in words; only listed stories, never the reader's own,
never a score, nothing stored, and the same few queries at any size."""
import re
from html import unescape

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.moderation import services as moderation
from forum.stories import alike, services
from forum.stories.models import StoryTag
from forum.threads.models import Post
from tests.conftest import sign_in
from tests.factories import make_member, make_moderator, make_story, text_of

# Mine: sciatica after running, on the left; massage helped a lot, ice did nothing.
MINE = {"conditions": ["sciatica"], "causes": ["overuse"], "side": "left",
        "treatments": [("massage-therapy", "helped_a_lot"), ("ice", "no_change")]}


def story(title, body="It started after a long run in March.", **account):
    return make_story(title=title, body=body, **{**MINE, **account})


def titles(html):
    """The cards' titles, in the order the page shows them."""
    return [unescape(t) for t in re.findall(r'<h[23] id="alike-\d+"><a href="[^"]+">([^<]+)</a>', html)]


def snapshot():
    """Every row of every table, to prove nothing changed."""
    db.session.expire_all()
    return {table.name: sorted(map(repr, db.session.execute(table.select()))) for table in db.metadata.sorted_tables}


# Ranking

def test_the_story_sharing_most_comes_first(client):
    mine = story("Mine")
    story("Only the side and a treatment", conditions=["hip-pain"], causes=["fall"], treatments=[("massage-therapy", "worse")])
    story("Same condition, nothing else", causes=["sitting"], side="right", treatments=[("yoga", "helped_a_lot")])
    story("Same condition, cause and massage", side="right", treatments=[("massage-therapy", "helped_a_lot")])
    story("Only the side", conditions=["hip-pain"], causes=["fall"], treatments=[("yoga", "no_change")])

    html = client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)

    # Condition and cause (6+3) and massage that helped a lot too (1+2+1),
    # before the condition alone (6), before the side and massage that went
    # otherwise (1+1); the side alone is too little to show.
    assert titles(html) == ["Same condition, cause and massage", "Same condition, nothing else", "Only the side and a treatment"]


def test_a_shared_condition_outweighs_shared_remedies_for_another_condition(client):
    mine = story("Mine", causes=["sitting"], treatments=[("stretching", "helped_a_little"), ("massage-therapy", "no_change")])
    story("Heel pain, same remedies", conditions=["plantar-fasciitis"], causes=["overuse"], side="right",
          treatments=[("stretching", "helped_a_little"), ("massage-therapy", "no_change")])
    story("Sciatica from sitting too", causes=["sitting"], side="right", treatments=[("yoga", "worse")])
    html = client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)
    assert titles(html) == ["Sciatica from sitting too", "Heel pain, same remedies"]


def test_a_tie_shows_the_newer_story_first(client):
    mine = story("Mine")
    story("Older twin")
    story("Newer twin")
    assert titles(client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)) == ["Newer twin", "Older twin"]


def test_at_most_six_cards_the_newest_of_equals(client):
    mine = story("Mine")
    for n in range(8):
        story(f"Alike {n}")
    assert alike.SHOWN == 6
    assert titles(client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)) == [f"Alike {n}" for n in range(7, 1, -1)]


def test_only_the_newest_stories_of_each_tag_are_scored(client, monkeypatch):
    mine = story("Mine", treatments=[])
    story("Old, same condition", causes=["sitting"], side=None, treatments=[])
    story("New, same condition", causes=["sitting"], side=None, treatments=[])
    monkeypatch.setattr(alike, "PER_TAG", 1)
    assert titles(client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)) == ["New, same condition"]


def test_candidates_come_from_the_heaviest_tags(client, monkeypatch):
    mine = story("Mine", side=None, treatments=[])
    story("Same condition", causes=["sitting"], side=None, treatments=[])
    story("Same cause", conditions=["hip-pain"], side=None, treatments=[])
    monkeypatch.setattr(alike, "CANDIDATE_TAGS", 1)  # the condition (3) outweighs the cause (2)
    assert titles(client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)) == ["Same condition"]


def test_a_story_with_many_treatments_is_compared_on_its_heaviest_tags(client, count_queries):
    many = [(slug, "helped_a_lot") for slug in ("stretching", "heat", "ice", "walking", "yoga", "rest", "acupuncture",
                                                "nsaids", "self-massage", "nerve-gliding", "surgery", "duloxetine")]
    mine = story("Mine", treatments=many)  # 40 tags
    story("Theirs", treatments=many[-2:])
    with count_queries() as queries:
        html = client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)
    assert titles(html) == ["Theirs"]
    ranking = next(s for s in queries.statements if " UNION " in s)
    assert ranking.count(" UNION ") == alike.CANDIDATE_TAGS - 1
    assert ranking.count(" WHEN ") == alike.SCORED_TAGS


# The card

def test_a_card_shows_their_words_and_what_is_shared_never_a_score(client):
    mine = story("Mine")
    story("Theirs", body="**Massage** on the piriformis <b>finally</b> helped & I could sit again.", side="both",
          treatments=[("massage-therapy", "helped_a_lot"), ("ice", "worse"), ("yoga", "helped_a_little")])

    response = client.get(f"/stories/{mine.id}/alike")
    html = response.get_data(as_text=True)
    html = html[html.index('class="story-item alike-card"'):html.index("</ol>")]
    card = text_of(html)

    # Plain text from the stored HTML: the Markdown's bold is gone, and the
    # tag typed as text stays text.
    assert "“Massage on the piriformis <b>finally</b> helped & I could sit again.”" in card
    assert "<strong>" not in html and "&lt;b&gt;finally" in html
    for words in ("Also sciatica", "Started the same way: running or other overuse",
                  "Also tried massage therapy: helped a lot", "Also tried ice: made it worse for them", "now improving"):
        assert words in card, words
    assert "yoga" not in card.lower() and "side" not in card.lower()
    assert not re.search(r"score|match|\d+ ?%|\bpoints?\b", card, re.IGNORECASE)


def test_an_excerpt_is_plain_text_cut_at_a_word():
    post = Post(body_html="<p>" + "Sitting hurts more every week. " * 20 + "</p>")
    words = alike.excerpt(post)
    assert words.endswith("…") and alike.EXCERPT_LENGTH - 20 < len(words) <= alike.EXCERPT_LENGTH + 1
    assert words.startswith("Sitting hurts more every week. Sitting") and "<p>" not in words
    assert words[:-1].split()[-1] in "Sitting hurts more every week"  # a whole word, never half of one
    assert alike.excerpt(Post(body_html="<p>Short &amp; sore.</p>")) == "Short & sore."


# Who sees what

@pytest.mark.parametrize("reader, heading", [(None, "People with a story like this"), ("teller", "People with a story like yours")])
def test_visitors_and_the_teller_see_it(client, reader, heading):
    mine = story("Mine")
    story("Theirs")
    if reader:
        sign_in(client, mine.author)
    response = client.get(f"/stories/{mine.id}/alike")
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.get_data(as_text=True)
    assert titles(response.get_data(as_text=True)) == ["Theirs"]


def test_neither_the_tellers_nor_the_readers_own_stories_appear(client):
    teller, reader = make_member(), make_member()
    mine = story("Mine", author=teller)
    story("The teller's other story", author=teller)
    story("The reader's story", author=reader)
    story("Someone else's")
    sign_in(client, reader)
    assert titles(client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)) == ["Someone else's"]


def test_withdrawn_and_hidden_stories_never_appear(client):
    mine = story("Mine")
    withdrawn, hidden = story("Withdrawn"), story("Hidden")
    story("Shown")
    services.withdraw_story(withdrawn.author, withdrawn)
    moderation.hide_post(make_moderator(), db.session.get(Post, hidden.thread.first_post_id), "Selling a cure")

    assert titles(client.get(f"/stories/{mine.id}/alike").get_data(as_text=True)) == ["Shown"]
    answers = client.get("/stories/alike?condition=sciatica&cause=overuse").get_data(as_text=True)
    assert titles(answers) == ["Shown", "Mine"]


@pytest.mark.parametrize("how", ["unknown", "withdrawn", "hidden"])
def test_there_is_no_such_page_for_a_story_nobody_may_compare_with(client, how):
    mine = story("Mine")
    story("Theirs")
    if how == "withdrawn":
        services.withdraw_story(mine.author, mine)
    elif how == "hidden":
        moderation.hide_post(make_moderator(), db.session.get(Post, mine.thread.first_post_id), "Spam")
    story_id = mine.id + 100 if how == "unknown" else mine.id
    sign_in(client, mine.author)  # not even the teller
    assert client.get(f"/stories/{story_id}/alike").status_code == 404


# The newcomer's form

def form_url(conditions=("sciatica",), causes=("overuse",), tried=(), helped=()):
    args = [f"condition={c}" for c in conditions] + [f"cause={c}" for c in causes]
    args += [f"tried={t}" for t in tried] + [f"helped={t}" for t in helped]
    return "/stories/alike?" + "&".join(args)


def test_the_form_alone_shows_no_results(client):
    story("Theirs")
    response = client.get("/stories/alike")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'method="get"' in html and "nothing you choose here is saved" in html
    assert "<legend>Which condition or conditions?</legend>" in html
    assert "<legend>What have you tried?</legend>" in html
    assert titles(html) == [] and "error-message" not in html


def test_a_newcomers_answers_find_the_closest_stories(client):
    story("Massage helped them too", side="right", treatments=[("massage-therapy", "helped_a_lot")])
    story("Massage did nothing for them", side="right", treatments=[("massage-therapy", "no_change")])
    story("Another condition", conditions=["hip-pain"], causes=["fall"], side="right", treatments=[("yoga", "no_change")])

    response = client.get(form_url(helped=["massage-therapy"]))
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert titles(html) == ["Massage helped them too", "Massage did nothing for them"]
    assert "Also tried massage therapy: helped a lot" in text_of(html)
    assert "Also tried massage therapy: no change for them" in text_of(html)


def test_tried_without_saying_how_it_went_still_counts(client):
    story("Tried massage", causes=["sitting"], treatments=[("massage-therapy", "worse")])
    story("Tried yoga", causes=["sitting"], treatments=[("yoga", "worse")])
    html = client.get(form_url(causes=(), tried=["massage-therapy"])).get_data(as_text=True)
    assert titles(html) == ["Tried massage", "Tried yoga"]


def test_the_answers_are_tagged_as_a_story_telling_them_would_be():
    told = story("Told", side=None, treatments=[("massage-therapy", "helped_a_lot"), ("ice", "no_change")])
    stored = dict(db.session.execute(select(StoryTag.tag, StoryTag.weight).where(StoryTag.story_id == told.id, StoryTag.weight > 0)).tuples().all())
    ids = {t.term.slug: t.term_id for t in told.treatments}
    answers = alike.answer_tags([c.term_id for c in told.conditions], [c.term_id for c in told.causes],
                                {ids["massage-therapy"]: "helped_a_lot", ids["ice"]: "no_change"})
    assert answers == stored


def test_no_condition_is_an_error_beside_it_with_the_answers_kept(client):
    story("Theirs")
    response = client.get(form_url(conditions=(), causes=("sitting",), helped=["massage-therapy"]))
    html = response.get_data(as_text=True)

    assert response.status_code == 422
    assert 'class="error-summary"' in html
    condition = html[html.index('<fieldset class="field choice-group choice-group-error" id="condition"'):]
    condition = condition[:condition.index("</fieldset>")]
    assert "Choose at least one condition" in condition
    assert re.search(r'checked[^>]*value="sitting"|value="sitting"[^>]*checked', html)
    assert re.search(r'checked[^>]*value="massage-therapy"|value="massage-therapy"[^>]*checked', html)
    assert titles(html) == []


def test_a_choice_no_longer_offered_is_an_error_not_a_crash(client):
    response = client.get("/stories/alike?condition=sciatica&condition=not-a-condition")
    assert response.status_code == 422
    assert "no longer offered" in response.get_data(as_text=True)


def test_the_form_stores_nothing_and_is_kept_out_of_caches(client, count_queries):
    story("Theirs")
    before = snapshot()
    with count_queries() as queries:
        response = client.get(form_url(helped=["massage-therapy"], tried=["ice"]))
    assert titles(response.get_data(as_text=True)) == ["Theirs"]
    assert [s for s in queries.statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))] == []
    assert snapshot() == before
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers  # not even in the visitor's own cookie
    assert '<meta name="robots" content="noindex">' in response.get_data(as_text=True)


def test_a_member_is_offered_their_own_story_and_never_sees_it(client):
    mine = story("Mine")
    story("Theirs")
    sign_in(client, mine.author)
    html = client.get(form_url()).get_data(as_text=True)
    assert f'href="/stories/{mine.id}/alike"' in html
    assert titles(html) == ["Theirs"]


# Cost

# Visitor: the story with its thread and teller, its tags; the ranked stories
# with threads and tellers, their conditions, causes and treatments, the first
# posts, the tellers' badges; the footer's disclaimer. A member adds one for
# who is signed in. The form: the vocabularies instead of the story and its
# tags, and a member's own stories.
ALIKE_PAGE_QUERIES = {"visitor": 9, "member": 10}
FORM_PAGE_QUERIES = {"visitor": 8, "member": 10}


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_the_pages_cost_the_same_for_3_or_30_stories(client, page_queries, role):
    mine = story("Mine")
    if role == "member":
        sign_in(client, make_member())
    counts = {}
    for total in (3, 30):
        for n in range(total - len(counts) * 3):
            story(f"Alike {n}", treatments=[("massage-therapy", "helped_a_lot"), ("yoga", "worse"), ("heat", "no_change")])
        story_page, story_statements = page_queries(f"/stories/{mine.id}/alike")
        form_page, form_statements = page_queries(form_url(helped=["massage-therapy"]))
        assert len(titles(story_page.get_data(as_text=True))) == min(total, 6)
        assert len(titles(form_page.get_data(as_text=True))) == min(total + 1, 6)
        counts[total] = (len(story_statements), len(form_statements))
    assert counts == dict.fromkeys((3, 30), (ALIKE_PAGE_QUERIES[role], FORM_PAGE_QUERIES[role]))
