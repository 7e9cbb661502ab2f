"""Lighthouse scores the home page, a category and a long thread at least 95
in accessibility, best practices and SEO, as a visitor on a phone (its
default form factor).

Performance is left out here: Lighthouse works it out from what the page
costs on this machine, so a busy CI machine would fail it at random.
benchmarks/lighthouse.py measures all four against the forum served as in
production (gunicorn, compressed static files). This test runs against the
suite's live server (Werkzeug, the test settings); what the three scores
look at (the markup, the headers, the console) is the same there.
"""
import pytest

from tests import factories

from . import lighthouse

pytestmark = pytest.mark.browser

CHECKED = ["accessibility", "best-practices", "seo"]
LEAST = 95


@pytest.fixture
def forum():
    """A category with a thread long enough for a full first page and a pager."""
    ana = factories.make_member(username="ana_runner")
    desk = factories.make_member(username="desk_sitter")
    category = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    factories.make_thread(author=desk, category=category, title="Foam roller or tennis ball?", pinned=True)
    thread = factories.make_thread(author=ana, category=category, title="What caused yours?", replies=25, reply_author=desk)
    return {"home": "/", "category": f"/categories/{category.slug}", "thread": f"/threads/{thread.id}"}


@pytest.mark.parametrize("name", ["home", "category", "thread"])
def test_lighthouse_scores_the_page_at_least_95(live_server, lighthouse_cli, forum, name):
    report = lighthouse.run(live_server + forum[name], categories=CHECKED)
    scores = lighthouse.scores(report)
    low = {category: scores[category] for category in CHECKED if scores[category] is None or scores[category] < LEAST}
    assert not low, (f"Lighthouse scores {forum[name]} {low}; what cost points:\n"
                     + lighthouse.describe_shortfalls(report, CHECKED))
