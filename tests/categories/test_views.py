"""Reading the forum without an account: the front page and a category's threads."""
import pytest

from tests import factories

from .conftest import machine_time, row_titles, thread_rows


def test_the_front_page_lists_categories_with_their_counts(client, member, other_member):
    sciatica = factories.make_category(name="Sciatica")
    factories.make_thread(author=member, category=sciatica, replies=2, reply_author=other_member)
    factories.make_thread(author=other_member, category=sciatica)
    factories.make_category(name="Introductions and support")

    html = client.get("/").get_data(as_text=True)

    assert '<a href="/categories/' + sciatica.slug + '">Sciatica</a>' in html
    assert "2 threads · 4 posts" in html
    assert "Introductions and support" in html
    assert "0 threads · 0 posts" in html


def test_a_visitor_reads_a_category_without_signing_in(client, member, category):
    factories.make_thread(author=member, category=category, title="Piriformis stretch that helped")

    response = client.get(f"/categories/{category.slug}")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert category.name in html and category.description in html
    assert row_titles(html) == ["Piriformis stretch that helped"]
    assert "Start a thread" not in html


def test_a_member_is_offered_to_start_a_thread_in_this_category(member_client, category):
    html = member_client.get(f"/categories/{category.slug}").get_data(as_text=True)
    assert f'href="/threads/new?category={category.slug}"' in html


def test_each_row_shows_title_author_replies_and_the_last_reply(client, member, other_member, category):
    thread = factories.make_thread(author=member, category=category, title="Cyclobenzaprine: worth it?")
    factories.make_post(thread, author=member, body="Anyone?")
    last = factories.make_post(thread, author=other_member, body="It made me drowsy.")

    row = thread_rows(client.get(f"/categories/{category.slug}").get_data(as_text=True))[0]

    assert f'href="/threads/{thread.id}/cyclobenzaprine-worth-it"' in row
    assert "Cyclobenzaprine: worth it?" in row
    assert 'Started by <span class="member"><a href="/members/ana_runner">ana_runner</a></span>' in row
    assert "2 replies" in row
    assert f'last reply <time datetime="{machine_time(last.created_at)}" title="' in row
    assert 'by <span class="member"><a href="/members/desk_sitter">desk_sitter</a></span>' in row


def test_a_thread_without_replies_shows_when_it_was_started(client, member, category):
    thread = factories.make_thread(author=member, category=category)
    row = thread_rows(client.get(f"/categories/{category.slug}").get_data(as_text=True))[0]
    assert "0 replies" in row
    assert "last reply" not in row
    assert f'<time datetime="{machine_time(thread.created_at)}" title="' in row


def test_pinned_threads_stay_on_top_and_a_reply_moves_a_thread_up(client, member, other_member, category):
    hills = factories.make_thread(author=member, category=category, title="Flare-up after running hills")
    for title in ["Foam roller or tennis ball?", "Sitting all day at a desk"]:
        factories.make_thread(author=member, category=category, title=title)
    factories.make_thread(author=member, category=category, title="Please read: red flags", pinned=True)
    url = f"/categories/{category.slug}"

    assert row_titles(client.get(url).get_data(as_text=True)) == [
        "Please read: red flags", "Sitting all day at a desk", "Foam roller or tennis ball?", "Flare-up after running hills",
    ]

    factories.make_post(hills, author=other_member, body="Hills did it for me too.")

    assert row_titles(client.get(url).get_data(as_text=True)) == [
        "Please read: red flags", "Flare-up after running hills", "Sitting all day at a desk", "Foam roller or tennis ball?",
    ]


def test_threads_are_paged_twenty_five_at_a_time(client, member, category):
    titles = [factories.make_thread(author=member, category=category, title=f"Question number {n}").title for n in range(27)]
    url = f"/categories/{category.slug}"

    first = client.get(url).get_data(as_text=True)
    second = client.get(url + "?page=2").get_data(as_text=True)

    assert row_titles(first) == list(reversed(titles))[:25]
    assert row_titles(second) == ["Question number 1", "Question number 0"]
    assert f'href="{url}?page=2" rel="next"' in first
    assert f'href="{url}?page=1" rel="prev"' in second


@pytest.mark.parametrize("page", ["99", "3", "0", "-1", "abc", "1.5"])
def test_a_page_that_does_not_exist_is_not_found(client, member, category, page):
    for _ in range(26):
        factories.make_thread(author=member, category=category)
    response = client.get(f"/categories/{category.slug}?page={page}")
    assert response.status_code == 404
    assert "There is no such page." in response.get_data(as_text=True)


def test_an_unknown_category_is_not_found(client):
    response = client.get("/categories/no-such-place")
    assert response.status_code == 404
    assert "There is no such category." in response.get_data(as_text=True)
