"""Reading the feeds as a feed reader would: fetched with no one signed in,
parsed with feedparser."""
import feedparser
import pytest

from tests import factories

ATOM = "application/atom+xml"


def fetch(browser, url):
    """The feed at `url`, parsed; it must be served as Atom and parse cleanly."""
    response = browser.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == ATOM
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


@pytest.fixture
def read_feed(client):
    """A visitor's browser: what a feed reader sees."""
    return lambda url: fetch(client, url)


@pytest.fixture
def raw_feed(client):
    """The feed's text as sent, for what must never be in it at all."""
    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.get_data(as_text=True)

    return get


@pytest.fixture
def thread(member, category):
    """ana_runner asks; desk_sitter and ana reply."""
    return factories.make_thread(author=member, category=category, title="Does foam rolling help piriformis pain?",
                                 body="I have rolled for **two weeks**. Anyone else?")
