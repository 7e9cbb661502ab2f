"""Shared links and search results read well: every public page has a title
naming it and the forum, and a description of its own (a thread's is the
start of its first post, unless it is for members only)."""
import re
from html import unescape

import pytest

from forum.threads import services as thread_services
from tests import factories

SITE = "Piriformis & Sciatica Community"


def head_of(html):
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    descriptions = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(descriptions) == 1
    return title, unescape(descriptions[0])


@pytest.fixture
def forum(member, category):
    thread = factories.make_thread(author=member, category=category, title="Fell on ice, buttock pain since",
                                   body="It started **last winter** when I slipped on the back steps.")
    return {"thread": thread, "category": category, "member": member}


PAGES = {
    "category": lambda f: f"/categories/{f['category'].slug}",
    "profile": lambda f: f"/members/{f['member'].username}",
    "stories": lambda f: "/stories/",
    "what helped": lambda f: "/stories/what-helped",
    "practitioners": lambda f: "/practitioners/",
    "guidelines": lambda f: "/pages/guidelines",
    "urgent help": lambda f: "/pages/urgent-help",
    "disclaimer": lambda f: "/disclaimer/",
    "sign in": lambda f: "/auth/login",
    "join": lambda f: "/auth/register",
    "search": lambda f: "/search/",
}


def test_the_home_page_is_the_forum_itself(client, forum):
    title, description = head_of(client.get("/").get_data(as_text=True))
    assert title == SITE
    assert "piriformis syndrome, sciatica and low back pain" in description


@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_names_itself_and_says_what_it_is(client, forum, name):
    response = client.get(PAGES[name](forum))
    assert response.status_code == 200
    title, description = head_of(response.get_data(as_text=True))
    home_title, home_description = head_of(client.get("/").get_data(as_text=True))
    assert title.endswith(f" · {SITE}") and title != SITE
    assert 40 <= len(description) <= 200, description
    assert description != home_description, f"{name} has the site's own description"


def test_a_thread_is_described_by_the_start_of_its_first_post(client, forum):
    thread = forum["thread"]
    title, description = head_of(client.get(f"/threads/{thread.id}").get_data(as_text=True))
    assert title == f"Fell on ice, buttock pain since · {forum['category'].name} · {SITE}"
    assert description == "It started last winter when I slipped on the back steps."


def test_a_members_only_thread_gives_nothing_of_itself_away(client, forum):
    thread = forum["thread"]
    thread_services.set_members_only(forum["member"], thread, True)
    title, description = head_of(client.get(f"/threads/{thread.id}").get_data(as_text=True))
    assert "last winter" not in description
    assert "Fell on ice" in description
