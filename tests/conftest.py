import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, text

from forum import create_app
from forum.extensions import db

from . import factories
from .settings import base_config, database_url


@pytest.fixture(scope="session")
def app():
    """One app and one migrated schema for the whole run."""
    application = create_app(base_config(database_url()))
    with application.app_context():
        upgrade()
    return application


def _empty_all_tables():
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for name in tables:
            db.session.execute(text(f"DELETE FROM {name}"))
    db.session.commit()


@pytest.fixture(autouse=True)
def _clean_database(app):
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
