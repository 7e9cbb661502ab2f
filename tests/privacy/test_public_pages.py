"""Licence numbers, emails and IP addresses never appear on a page that a
visitor, or another member, can reach: not in the text and not in the source.

The forum is seeded with the demo (members with emails, verified
practitioners with licence numbers) and a few more people, then crawled the
way a visitor and a signed-in member would browse it: from the front page,
following every link on this site, breadth first.
"""
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from sqlalchemy import select

from forum.accounts.models import User
from forum.demo import seed_demo
from forum.extensions import db
from forum.practitioners.models import Application
from forum.threads import services as thread_services
from tests import factories
from tests.conftest import sign_in

# Bounded: every kind of page is reached well within it, and a crawl stops.
MAX_PAGES = 700
# A path's query strings (a list's filters, its pages) vary endlessly: a few show each template.
MAX_QUERIES_PER_PATH = 3
# Not public (the back office), or one's own data (the download holds one's email by design).
SKIPPED = ("/admin", "/privacy/", "/static/")
HREF = re.compile(r'\bhref="([^"]*)"')
IP_ADDRESS = re.compile(r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])")
IPV6_ADDRESS = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])")


def _links(html):
    for href in HREF.findall(html):
        url = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(url)
        if url.startswith("/") and not url.startswith("//") and not parts.scheme and not url.startswith(SKIPPED):
            yield url


def crawl(browser, start="/"):
    """{url: page source} for every page reachable from `start` by links."""
    pages, queue, seen, queries = {}, deque([start]), {start}, {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = browser.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = response.headers["Location"]
            if target.startswith("/") and target not in seen and not target.startswith(SKIPPED):
                seen.add(target)
                queue.append(target)
            continue
        assert response.status_code < 500, url
        source = response.get_data(as_text=True)
        pages[url] = source
        if response.mimetype != "text/html":
            continue
        for link in _links(source):
            path = urlsplit(link).path
            if link in seen or (link != path and queries.get(path, 0) >= MAX_QUERIES_PER_PATH):
                continue
            if link != path:
                queries[path] = queries.get(path, 0) + 1
            seen.add(link)
            queue.append(link)
    return pages


@pytest.fixture
def forum():
    """The demo forum, and a verified practitioner who once chose to show
    their licence, with an NPI, who writes an answer."""
    seed_demo()
    practitioner = factories.make_practitioner(username="dana_hands", npi="1234567893", show_licence=True,
                                               practice_name="Hands On Massage", city="Tampa")
    asker = factories.make_member(username="sore_glute", email="sore.glute@mail.example.net")
    thread = factories.make_thread(author=asker, title="Tennis ball or foam roller?", body="Which is gentler?")
    thread_services.reply(practitioner, thread, "Start with the softer one, and ease off if it tingles.")
    return {
        "emails": set(db.session.scalars(select(User.email))) - {""},
        "licences": set(db.session.scalars(select(Application.licence_number))) - {""},
        "npis": set(db.session.scalars(select(Application.npi).where(Application.npi.is_not(None)))),
    }


def leaks(pages, secrets):
    return sorted({(url, secret) for url, source in pages.items() for secret in secrets if secret in source})


def addresses(pages):
    return sorted({(url, found) for url, source in pages.items()
                   for found in IP_ADDRESS.findall(source) + IPV6_ADDRESS.findall(source)})


def _reached(pages):
    """What the crawl must have reached, or it proves nothing."""
    return {"a thread": any(u.startswith("/threads/") for u in pages), "a profile": "/members/dana_hands" in pages,
            "the directory": "/practitioners/" in pages, "a story list": any(u.startswith("/stories/") for u in pages)}


def test_a_visitor_sees_no_email_licence_number_or_address(client, forum):
    pages = crawl(client)
    assert all(_reached(pages).values()), _reached(pages)
    assert leaks(pages, forum["emails"]) == []
    assert leaks(pages, forum["licences"] | forum["npis"]) == []
    assert addresses(pages) == []


def test_a_member_sees_no_other_members_email_or_licence_number(client, forum):
    member = factories.make_member(username="curious_reader", email="curious.reader@mail.example.net")
    pages = crawl(sign_in(client, member))
    assert all(_reached(pages).values()), _reached(pages)
    assert "/notifications/" in pages and "/members/curious_reader/edit" in pages
    assert leaks(pages, forum["emails"]) == []
    assert leaks(pages, forum["licences"] | forum["npis"]) == []
    assert addresses(pages) == []


def test_the_checks_would_find_a_leak():
    # The checks themselves are checked: a page showing an email, a licence
    # number or an address is caught, and version numbers are not addresses.
    page = {"/x": "Write to sore.glute@mail.example.net, licence MA60123, from 203.0.113.9 or 2001:db8:0:0:0:0:0:1"}
    assert leaks(page, {"sore.glute@mail.example.net", "MA60123"}) == [
        ("/x", "MA60123"), ("/x", "sore.glute@mail.example.net")]
    assert addresses(page) == [("/x", "2001:db8:0:0:0:0:0:1"), ("/x", "203.0.113.9")]
    assert addresses({"/y": "axe-4.14.1.min.js, version 1.2.3, 10.5 hours"}) == []
