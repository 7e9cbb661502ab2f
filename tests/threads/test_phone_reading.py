"""A thread page as a tired reader on a phone meets it: the disclaimer said
once, the way to reply and to move through a long thread above the first
post, the short advice line only under advice, and a clear word after
posting. Through the pages, with the test client."""
import json
import re
from html import unescape

import pytest

from forum.safety.advice import gives_advice
from tests import factories
from tests.conftest import form_post, sign_in

from .conftest import field_error, post_card, textarea


def text_of(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def before_first_post(html):
    return html[:html.index('<article class="post')]


# The disclaimer, proportionate

@pytest.mark.parametrize("body, advice", [
    ("Heat helped me. I sat less and walked more.", False),
    ("My PT had me do the figure-four stretch twice a day.", False),
    ("You should try the figure-four stretch twice a day.", True),
    ("I'd recommend seeing a PT before anything else.", True),
    ("Try heat first. It helped me.", True),
    ("Start with five minutes of gentle pressure either side of the sore spot.", True),
    ("I started with five minutes a day.", False),
    ("I took 400 mg of ibuprofen.", True),
    ("Massage cures piriformis syndrome.", True),
    ("> You should stop stretching.\n\nThat reply upset me, it made mine worse.", False),
])
def test_what_reads_as_advice(body, advice):
    assert gives_advice(body) is advice


def test_the_short_disclaimer_line_goes_under_advice_and_practitioner_answers_only(client, member, thread):
    story = factories.make_post(thread, author=member, body="Heat helped me, and walking after lunch.")
    advice = factories.make_post(thread, author=member, body="You should ask for a referral to a PT.")
    dana = factories.make_practitioner(username="dana_portland")
    answer = factories.make_post(thread, author=dana, body="Gentle glute work often helps with this.")

    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)

    assert "advice-line" not in post_card(html, story.id)
    assert "advice-line" not in post_card(html, thread.first_post_id)
    assert "Personal experience, not medical advice." in text_of(post_card(html, advice.id))
    assert "General information from a licensed practitioner" in text_of(post_card(html, answer.id))


def test_an_edit_that_adds_advice_adds_the_line(member_client, member, thread):
    post = factories.make_post(thread, author=member, body="Sitting makes mine worse.")
    form_post(member_client, f"/threads/posts/{post.id}/edit", {"body": "Sitting makes mine worse. You should get up every hour."},
              page=f"/threads/posts/{post.id}/edit")

    html = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Personal experience, not medical advice." in text_of(post_card(html, post.id))


def test_a_reader_meets_the_disclaimer_once_before_the_first_post(client, thread):
    factories.make_post(thread, body="Same here.")
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)

    top = text_of(before_first_post(html))
    assert "not medical advice" in top and "Read the disclaimer" in top
    posts = html[html.index('<div class="posts">'):html.index('<section class="reply-box"')]
    assert "not medical advice" not in text_of(posts)


def test_a_writer_meets_it_once_above_the_reply_box_in_a_line_not_a_box(member_client, thread):
    html = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    box = html[html.index('<section class="reply-box"'):]
    assert box.count('class="writer-disclaimer"') == 1
    assert box.index('class="writer-disclaimer"') < box.index('<textarea')
    assert "notice-disclaimer" not in html


# Replying from the top

def test_a_member_has_a_reply_button_above_the_first_post_that_goes_to_the_composer(member_client, thread):
    html = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    top = before_first_post(html)
    assert re.search(r'<a class="button[^"]*" href="#body" data-compose>Reply</a>', top)
    assert re.search(r'<textarea[^>]*\bid="body"', html)


def test_a_visitor_is_offered_a_way_in_at_the_top(client, thread):
    top = before_first_post(client.get(f"/threads/{thread.id}").get_data(as_text=True))
    assert "Sign in to reply" in text_of(top)
    assert 'href="#body"' not in top


def test_a_locked_thread_offers_no_reply_button(member_client, member, category):
    locked = factories.make_thread(author=member, category=category, locked=True)
    top = before_first_post(member_client.get(f"/threads/{locked.id}").get_data(as_text=True))
    assert "data-compose" not in top


# Long threads

@pytest.fixture
def long_thread(app, monkeypatch, member, category):
    """A thread of 60 posts, 5 to a page: 12 pages."""
    monkeypatch.setitem(app.config, "POSTS_PER_PAGE", 5)
    return factories.make_thread(author=member, category=category, title="Sciatica diary, week by week", replies=59)


def test_a_long_thread_says_where_you_are_with_a_compact_page_list(client, long_thread):
    thread = long_thread
    html = client.get(f"/threads/{thread.id}?page=6").get_data(as_text=True)
    pager = re.search(r'<nav class="pager" aria-label="Thread pages, top">.*?</nav>', html, re.S).group(0)

    assert "Page 6 of 12" in text_of(pager)
    assert re.findall(r">(\d+)</(?:a|span)>", pager) == ["1", "5", "6", "7", "12"]
    assert f'href="/threads/{thread.id}/{thread.slug}?page=5" rel="prev"' in pager
    assert f'href="/threads/{thread.id}/{thread.slug}?page=7" rel="next"' in pager
    assert pager.count("…") == 2
    assert "(page 6 of 12)" in html[:html.index("</title>")]


def test_jump_to_the_end_opens_the_last_page_at_the_last_post(client, long_thread):
    thread = long_thread
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    top = before_first_post(html)
    assert f'href="/threads/{thread.id}/{thread.slug}?page=12#post-{thread.last_post_id}">Jump to the end</a>' in top


def test_jump_to_the_first_unread_is_offered_to_a_member_who_has_new_replies(client, long_thread, other_member):
    thread = long_thread
    sign_in(client, other_member)
    client.get(f"/threads/{thread.id}")  # page 1 of 12: five posts read
    top = before_first_post(client.get(f"/threads/{thread.id}").get_data(as_text=True))

    assert "First unread (55 new)" in text_of(top)
    first_unread = client.get(f"/threads/{thread.id}/unread")
    assert first_unread.headers["Location"].endswith("?page=2#post-" + str(thread.first_post_id + 5))


# Posting

def test_after_replying_the_page_opens_at_the_new_post_which_says_it_is_up(member_client, thread):
    response = form_post(member_client, f"/threads/{thread.id}/reply", {"body": "Ice first, then heat, worked for me."},
                         page=f"/threads/{thread.id}")
    assert response.status_code == 302
    location = response.headers["Location"]
    post_id = int(location.rsplit("#post-", 1)[1])

    html = member_client.get(location).get_data(as_text=True)
    card = post_card(html, post_id)
    assert '<p class="posted-note" role="status">Your reply is up.</p>' in card
    assert html.count("Your reply is up.") == 1
    # The browser's own copy of the text (static/js/composer.js) can go.
    assert f'<body data-draft-sent="/threads/{thread.id}/reply">' in html
    # Said once: reading the page again says nothing more.
    again = member_client.get(location).get_data(as_text=True)
    assert "Your reply is up." not in again and "data-draft-sent" not in again


def test_a_reply_sent_back_with_an_error_keeps_the_browser_copy(member_client, thread):
    response = form_post(member_client, f"/threads/{thread.id}/reply", {"body": "   "}, page=f"/threads/{thread.id}")
    assert response.status_code == 422
    assert "data-draft-sent" not in response.get_data(as_text=True)
    assert "data-draft-sent" not in member_client.get(f"/threads/{thread.id}").get_data(as_text=True)


def test_a_new_thread_makes_the_member_choose_a_category(member_client, category):
    other = factories.make_category(name="Low back pain", slug="low-back")
    html = member_client.get("/threads/new").get_data(as_text=True)
    # Nothing is chosen for them.
    assert re.findall(r"<option selected[^>]*>([^<]*)</option>", html) == ["Choose a category…"]

    typed = {"category_id": "", "title": "Pain after long drives", "body": "Mine started on a road trip."}
    response = form_post(member_client, "/threads/new", typed, page="/threads/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "category_id") == "Choose a category."
    assert textarea(html) == "Mine started on a road trip."
    assert 'value="Pain after long drives"' in html

    came_from = member_client.get(f"/threads/new?category={other.slug}").get_data(as_text=True)
    assert f'<option selected value="{other.id}">Low back pain</option>' in came_from


# Quoting into the composer

def test_a_post_quoted_into_the_composer_links_back_to_it(member_client, thread, other_member):
    quoted = factories.make_post(thread, author=other_member, body="Mine eased after\nsix weeks of PT.")
    html = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f'data-quote="/threads/posts/{quoted.id}/quote"' in post_card(html, quoted.id)

    response = member_client.get(f"/threads/posts/{quoted.id}/quote")
    text = json.loads(response.get_data(as_text=True))["text"]
    assert response.status_code == 200
    assert text.startswith(f"> **{other_member.username}** [wrote](/threads/posts/{quoted.id}):")
    assert "> six weeks of PT." in text


def test_quoting_needs_the_right_to_reply(client, member, category, other_member):
    opened = factories.make_thread(author=other_member, category=category)
    locked = factories.make_thread(author=other_member, category=category, locked=True)
    # A visitor is sent to sign in; nothing of the post is given.
    response = client.get(f"/threads/posts/{opened.first_post_id}/quote")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    sign_in(client, member)
    assert client.get(f"/threads/posts/{locked.first_post_id}/quote").status_code == 403
    assert client.get(f"/threads/posts/{opened.first_post_id}/quote").status_code == 200
