"""The read side of categories: the list of sections and a page of threads."""
import pytest

from forum.categories import queries
from forum.threads import queries as thread_queries
from forum.threads.models import Category
from forum.errors import NotFound
from forum.extensions import db
from tests import factories


def test_categories_come_in_their_chosen_order():
    for name, position in [("Sciatica", 2), ("Piriformis syndrome", 1), ("Introductions", 3)]:
        db.session.add(Category(slug=name.lower().replace(" ", "-"), name=name, position=position))
    db.session.commit()
    assert [c.name for c in thread_queries.all_categories()] == ["Piriformis syndrome", "Sciatica", "Introductions"]


def test_an_unknown_category_is_not_found(category):
    with pytest.raises(NotFound):
        queries.category_by_slug("no-such-place")
    assert queries.category_by_slug(category.slug).id == category.id


def test_pinned_threads_come_first_then_the_latest_activity(member, category):
    old = factories.make_thread(author=member, category=category, title="Old question")
    pinned = factories.make_thread(author=member, category=category, title="Read this first", pinned=True)
    quiet = factories.make_thread(author=member, category=category, title="Quiet one")
    new = factories.make_thread(author=member, category=category, title="New question")
    factories.make_post(old, body="Bumping with an update.")

    page = queries.thread_listing(category, 1, 25)

    assert [t.title for t in page.items] == [pinned.title, old.title, new.title, quiet.title]


def test_threads_are_listed_a_page_at_a_time(member, category):
    titles = [factories.make_thread(author=member, category=category, title=f"Question {n}").title for n in range(7)]
    newest_first = list(reversed(titles))

    first, last = queries.thread_listing(category, 1, 3), queries.thread_listing(category, 3, 3)

    assert [t.title for t in first.items] == newest_first[:3]
    assert [t.title for t in last.items] == newest_first[6:]
    assert (first.pages, first.has_prev, first.has_next) == (3, False, True)
    assert (last.has_prev, last.has_next) == (True, False)
    with pytest.raises(NotFound):
        queries.thread_listing(category, 4, 3)


def test_an_empty_category_still_has_a_first_page(category):
    page = queries.thread_listing(category, 1, 25)
    assert page.items == [] and page.pages == 1
    with pytest.raises(NotFound):
        queries.thread_listing(category, 2, 25)
