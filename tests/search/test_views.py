"""The search page and the search box in every page's header."""
import re

import pytest

from tests import factories
from tests.conftest import sign_in
from tests.factories import text_of
from tests.test_csrf_and_drafts import sign_in_as, urls_accepting, world  # noqa: F401 (a fixture)

HEADER_BOX = re.compile(r'<form class="header-search" role="search" aria-label="Search the forum" method="get" action="/search/">\s*'
                        r'<label for="header-search-q" class="visually-hidden">Search the forum</label>\s*'
                        r'<input type="search" id="header-search-q" name="q"')


def test_the_page_offers_a_labelled_search_form(client):
    html = client.get("/search/").get_data(as_text=True)
    assert '<form method="get" action="/search/" class="search-form" role="search" aria-label="Search with filters">' in html
    for name, label in (("q", "Search for"), ("category", "Category"), ("author", "Written by"), ("from", "From"),
                        ("to", "To"), ("practitioners", "Only posts by verified practitioners")):
        assert f'<label for="{name}">{label}</label>' in html, name
        assert f'name="{name}"' in html
    assert "Search every thread title, post and story" in text_of(html)


def test_a_result_links_to_the_post_and_says_where_and_who(client, thread, category):
    _, reply = factories.posts_of(thread)
    html = client.get("/search/?q=desk").get_data(as_text=True)
    assert f'<a href="/threads/posts/{reply.id}">Piriformis stretches that helped</a> <span class="meta">(a reply)</span>' in html
    assert "<mark>desk</mark>" in html
    page = text_of(html)
    assert "1 post found" in page and f"{category.name} · ana_runner ·" in page
    assert '<time datetime="' in html


def test_the_post_link_lands_on_the_post(client, thread):
    _, reply = factories.posts_of(thread)
    response = client.get(f"/threads/posts/{reply.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#post-{reply.id}")


@pytest.mark.parametrize("typed, says", [
    ("", "What would you like to find?"),
    ("   ", "What would you like to find?"),
    ("?!*()--;;", "Nothing to search for"),
    ('"', "Nothing to search for"),
    ("NEAR(", "No posts found"),
    ("AND OR", "Those words are too common to search for"),
    ('"stretch', "1 post found"),
    ("piriformis* OR ^", "1 post found"),
    ("x" * 5000, "Nothing to search for"),
    ("piriformis " * 600, "only its first words were used"),
    ("\x00\ue000", "Nothing to search for"),
])
def test_an_empty_or_odd_search_gets_a_helpful_page(client, thread, typed, says):
    response = client.get("/search/", query_string={"q": typed})
    assert response.status_code == 200
    assert says in text_of(response.get_data(as_text=True))


def test_the_filters_stay_in_the_form_and_the_pages(client, member, category):
    thread = factories.make_thread(author=member, category=category, title="Walking diary", body="Walking day one.")
    for n in range(21):
        factories.make_post(thread, body=f"Walking day {n + 2}.")
    url = f"/search/?q=walking&category={category.slug}&author=ana_runner&practitioners=&from=2020-01-01&to=2100-01-01&junk=x"
    html = client.get(url).get_data(as_text=True)
    assert 'name="q" type="text" value="walking"' in html
    assert f'<option selected value="{category.slug}">' in html
    assert 'name="author" type="text" value="ana_runner"' in html
    assert 'value="2020-01-01"' in html and 'value="2100-01-01"' in html
    assert "22 posts found" in text_of(html)
    [next_page] = re.findall(r'<a href="([^"]+)" rel="next"[^>]*>', html)
    assert "page=2" in next_page and f"category={category.slug}" in next_page and "from=2020-01-01" in next_page
    assert "junk" not in next_page
    second = client.get(next_page.replace("&amp;", "&")).get_data(as_text=True)
    assert second.count('class="search-hit"') == 2


def test_filters_that_cannot_be_used_are_said_so(client, thread):
    html = client.get("/search/?q=stretch&from=yesterday&category=no-such-place").get_data(as_text=True)
    page = text_of(html)
    assert "Check the filters" in page and "Not a valid date value" in page and "Not a valid choice" in page
    html = client.get("/search/?q=stretch&from=2025-02-01&to=2025-01-01").get_data(as_text=True)
    assert "The end date is before the start date." in text_of(html)


def test_a_name_that_is_nobodys_is_said_so(client, thread):
    page = text_of(client.get("/search/?q=stretch&author=nobody_here").get_data(as_text=True))
    assert "No member by that name" in page and "nobody_here" in page


def test_the_practitioners_box_keeps_to_their_posts(client, thread):
    practitioner = factories.make_practitioner(username="dana_hands")
    factories.make_post(thread, author=practitioner, body="Sitting breaks every half hour.")
    html = client.get("/search/?q=sitting&practitioners=1").get_data(as_text=True)
    assert 'name="practitioners" type="checkbox" value="y" checked' in html or "checked" in html
    assert "1 post found" in text_of(html) and "dana_hands" in text_of(html)


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_page_costs_the_same_queries_for_one_result_or_twenty(client, member, category, page_queries, who):
    if who == "member":
        sign_in(client, member)
    one = factories.make_thread(author=member, category=category, title="Acupuncture", body="Needles.")
    many = factories.make_thread(author=member, category=category, title="Diary", body="Heat today.")
    for n in range(25):
        factories.make_post(many, author=factories.make_member() if n % 5 else member, body=f"Heat again, day {n}.")
    counts = {}
    for words in ("acupuncture", "heat", "nothingatall"):
        response, statements = page_queries(f"/search/?q={words}")
        assert response.status_code == 200
        counts[words] = len(statements)
    # The categories for the form, the ranking, the posts with their threads and
    # authors, their marked texts, the badges (a member: who is signed in first),
    # and the footer's disclaimer.
    expected = {"visitor": 6, "member": 7}[who]
    # Nothing found: nothing more to read (but a member's own badge, in the header).
    assert counts == {"acupuncture": expected, "heat": expected, "nothingatall": {"visitor": 3, "member": 5}[who]}
    assert one.id


def test_a_search_writes_nothing(client, thread, page_queries):
    _, statements = page_queries("/search/?q=stretch")
    assert not [s for s in statements if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_every_page_has_the_search_box_in_its_header(app, client, member, world, who):  # noqa: F811
    sign_in_as(client, "moderator" if who == "member" else who, member, world)
    pages = 0
    for url in urls_accepting(app, "GET", world) + ["/no-such-page"]:
        response = client.get(url)
        if response.mimetype == "text/html" and response.status_code in (200, 404):
            assert HEADER_BOX.search(response.get_data(as_text=True)), url
            pages += 1
    assert pages > (30 if who == "member" else 15)


def test_the_header_box_searches(client, thread):
    html = client.get("/").get_data(as_text=True)
    assert HEADER_BOX.search(html)
    assert "1 post found" in text_of(client.get("/search/?q=lying").get_data(as_text=True))
