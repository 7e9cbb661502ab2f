import re

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import event, text

from forum import create_app
from forum.extensions import db, limiter
from forum.search.sqlite_index import TABLES as SEARCH_INDEX_TABLES

from . import factories
from .mail_helpers import clear_outbox
from .settings import base_config, database_url


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production.

    Without this, a request reuses the test's app context, so the signed-in
    user, `g` and the database session leak from one request to the next.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app():
    """One app and one migrated schema for the whole run."""
    application = create_app(base_config(database_url()))
    application.test_client_class = FreshContextClient
    with application.app_context():
        upgrade()
    return application


def _empty_all_tables():
    # The search index's tables are no model's, so not in the metadata.
    tables = [t.name for t in reversed(db.metadata.sorted_tables)] + list(SEARCH_INDEX_TABLES)
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for name in tables:
            db.session.execute(text(f"DELETE FROM {name}"))
    db.session.commit()


@pytest.fixture
def app_with_config(app):
    """Builds a second app on the suite's (already migrated) database.

    The limiter is one shared object whose `enabled` flag and counters are
    set by whichever app was built last, so they are put back afterwards.
    """
    built = []
    was_enabled = limiter.enabled

    def build(**settings):
        config = base_config(app.config["SQLALCHEMY_DATABASE_URI"])
        for name, value in settings.items():
            if value is None:
                config.pop(name, None)
            else:
                config[name] = value
        other = create_app(config)
        other.test_client_class = FreshContextClient
        built.append(other)
        return other

    yield build
    if limiter.enabled and limiter.initialized:
        limiter.reset()
    limiter.enabled = was_enabled
    for other in built:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(app):
    clear_outbox(app)
    # Guesses at names with no account are counted outside the database.
    if "sign_in_guesses" in app.extensions:
        app.extensions["sign_in_guesses"].reset()
    with app.app_context():
        _empty_all_tables()
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


class QueryCounter:
    def __init__(self):
        self.statements = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    @property
    def count(self):
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Counts SQL statements sent while the `with` block runs."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


@pytest.fixture
def page_queries(client, count_queries):
    """GET a page and return (response, the SQL statements it sent)."""
    def get(url):
        with count_queries() as q:
            response = client.get(url)
        return response, q.statements

    return get


# People, named after their roles.

@pytest.fixture
def member():
    return factories.make_member(username="ana_runner")


@pytest.fixture
def other_member():
    return factories.make_member(username="desk_sitter")


@pytest.fixture
def category():
    return factories.make_category()


@pytest.fixture
def moderator():
    return factories.make_moderator(username="mod_kim")


@pytest.fixture
def admin():
    return factories.make_admin(username="lee_keeper")


@pytest.fixture
def client_for(app):
    """A browser of its own, signed in as `user` (or a visitor's, for None)."""
    def open_as(user=None):
        browser = app.test_client()
        return sign_in(browser, user) if user is not None else browser

    return open_as


# Driving the pages as a person would.

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token_from(html):
    match = _TOKEN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)


def form_post(client, url, data, page=None, follow_redirects=False):
    """POST a form with the CSRF token a page handed out, as a browser would."""
    html = client.get(page or "/auth/login").get_data(as_text=True)
    payload = dict(data)
    payload.setdefault("csrf_token", csrf_token_from(html))
    return client.post(url, data=payload, follow_redirects=follow_redirects)


def sign_in(client, user, password=factories.PASSWORD):
    response = form_post(client, "/auth/login", {"login": user.username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def member_client(client, member):
    return sign_in(client, member)
