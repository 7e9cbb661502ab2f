"""Every change needs a CSRF token; and a long post survives an expired token or session."""
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.threads.models import Post, Thread
from tests import factories
from tests.conftest import csrf_token_from, form_post, sign_in

STORY = 'Fell on the ice in January. Heat <3 helps & "walking" too.\n\n- stretches: *some* relief'

# What a browser would send to each form, so only the token decides.
FORM_DATA = {
    "login": "ana_runner", "password": factories.PASSWORD, "username": "new_person",
    "email": "new_person@example.org", "accept": "y", "title": "A thread that must not appear",
    "body": "A post that must not appear", "bio": "A bio that must not appear", "submit": "y",
}


class _Forms(HTMLParser):
    """The fields of each <form> on a page, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action"), "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and attrs.get("name") and attrs.get("type") not in ("checkbox", "submit"):
            self._form["fields"][attrs["name"]] = attrs.get("value", "")
        elif self._form is not None and tag == "textarea":
            self._textarea = attrs["name"]
            self._form["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_on(html, action):
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"] == action:
            return form["fields"]
    raise AssertionError(f"no form posting to {action} on the page")


def snapshot():
    """Every row of every table, to prove nothing changed."""
    db.session.expire_all()
    return {
        table.name: sorted(tuple(map(repr, row)) for row in db.session.execute(table.select()))
        for table in db.metadata.sorted_tables
    }


@pytest.fixture
def world(member, other_member, category):
    thread = factories.make_thread(author=member, category=category, replies=1)
    return {
        "thread_id": thread.id, "post_id": thread.last_post_id, "username": member.username,
        "slug": thread.slug, "category_slug": category.slug, "filename": "css/forum.css",
    }


def url_for_rule(rule, world):
    values = {}
    for name in rule.arguments:
        key = "category_slug" if rule.endpoint.startswith("categories.") and name == "slug" else name
        if key not in world:
            pytest.fail(f"{rule.rule}: teach this test a value for <{name}>")
        values[name] = world[key]
    return rule.build(values)[1]


def rules_accepting(app, method):
    return [rule for rule in app.url_map.iter_rules() if method in rule.methods]


# Every POST refuses a request without a token.

@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "visitor"])
def test_every_post_route_refuses_a_post_without_a_token(app, client, member, world, signed_in):
    if signed_in:
        sign_in(client, member)
    rules = rules_accepting(app, "POST")
    assert {r.endpoint for r in rules} >= {"auth.login", "auth.logout", "threads.new", "threads.reply"}
    before = snapshot()
    for rule in rules:
        url = url_for_rule(rule, world)
        data = dict(FORM_DATA, category_id=str(world["post_id"]))
        response = client.post(url, data=data)
        assert response.status_code == 400, (url, response.status_code)
        assert snapshot() == before, url
    # Still signed in (or still not): the logout and login posts changed nothing either.
    page = client.get("/").get_data(as_text=True)
    assert ("Sign out" in page) is signed_in


def test_the_same_post_with_a_token_does_change_things(member_client, category):
    # The control for the test above: the payload alone is enough to post.
    response = form_post(member_client, "/threads/new", dict(FORM_DATA, category_id=category.id), page="/threads/new")
    assert response.status_code == 302
    assert db.session.scalar(select(Thread.title)) == FORM_DATA["title"]


# No GET changes anything.

@pytest.mark.parametrize("signed_in", [True, False], ids=["member", "visitor"])
def test_no_get_route_writes_to_the_database(app, client, member, world, count_queries, signed_in):
    if signed_in:
        sign_in(client, member)
    for rule in rules_accepting(app, "GET"):
        url = url_for_rule(rule, world)
        with count_queries() as queries:
            response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        writes = [s for s in queries.statements if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        assert writes == [], url


# A member whose form token expired gets their text back.

def test_expired_token_on_a_new_thread_gives_the_text_back(app, member_client, category, monkeypatch):
    token = csrf_token_from(member_client.get("/threads/new").get_data(as_text=True))
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", -1)  # every token is now too old
    response = member_client.post("/threads/new", data={
        "csrf_token": token, "category_id": category.id, "title": "Two winters since the fall", "body": STORY,
    })
    monkeypatch.undo()

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The form had expired, so nothing was sent yet" in html
    fields = form_on(html, "/threads/new")
    assert fields["title"] == "Two winters since the fall"
    assert fields["body"] == STORY
    assert fields["category_id"] == str(category.id)
    assert db.session.scalar(select(func.count(Thread.id))) == 0

    sent = member_client.post("/threads/new", data=fields)
    assert sent.status_code == 302
    thread = db.session.scalars(select(Thread)).one()
    assert thread.title == "Two winters since the fall"
    assert db.session.scalar(select(Post.body).where(Post.thread_id == thread.id)) == STORY


def test_bad_token_on_a_reply_gives_the_text_back(member_client, member):
    thread = factories.make_thread(author=member)
    action = f"/threads/{thread.id}/reply"
    response = member_client.post(action, data={"csrf_token": "from-a-tab-left-open-overnight", "body": STORY})

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Your text is below" in html
    fields = form_on(html, action)
    assert fields["body"] == STORY
    assert db.session.scalar(select(func.count(Post.id))) == 1

    assert member_client.post(action, data=fields).status_code == 302
    assert db.session.scalar(select(Post.body).order_by(Post.id.desc()).limit(1)) == STORY


def test_a_form_with_nothing_worth_keeping_gets_a_plain_message(member_client):
    response = member_client.post("/auth/logout", data={"csrf_token": "stale"})
    assert response.status_code == 400
    assert "This form had expired" in response.get_data(as_text=True)


def test_a_password_is_never_handed_back(client):
    secret = "my very private passphrase"
    response = client.post("/auth/register", data={
        "csrf_token": "stale", "username": "newcomer", "email": "n@example.org", "password": secret, "body": "hi",
    })
    assert response.status_code == 400
    assert secret not in response.get_data(as_text=True)


# A visitor whose session ended is asked to sign in, and the text waits for them.

def test_session_ended_reply_survives_signing_in_again(client, member):
    thread = factories.make_thread(author=member)
    action = f"/threads/{thread.id}/reply"
    # A fresh client: the session (and its CSRF secret) is gone.
    response = client.post(action, data={"csrf_token": "from-the-old-session", "body": STORY})

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<h1>Sign in</h1>" in html
    assert "You were signed out before your text was sent" in html
    login_fields = form_on(html, "/auth/login")
    assert login_fields["draft_body"] == STORY
    assert login_fields["next"] == action

    login_fields.update(login=member.username, password=factories.PASSWORD)
    signed_in = client.post("/auth/login", data=login_fields)
    assert signed_in.status_code == 200
    html = signed_in.get_data(as_text=True)
    assert "signed in again" in html
    fields = form_on(html, action)
    assert fields["body"] == STORY
    assert db.session.scalar(select(func.count(Post.id))) == 1

    assert client.post(action, data=fields).status_code == 302
    newest = db.session.scalars(select(Post).order_by(Post.id.desc()).limit(1)).one()
    assert (newest.body, newest.author_id) == (STORY, member.id)


def test_signed_out_with_a_live_token_still_keeps_the_text(client, member):
    # Signed out in another tab: the form's token is fine, the sign-in is not.
    thread = factories.make_thread(author=member)
    action = f"/threads/{thread.id}/reply"
    response = form_post(client, action, {"body": STORY})
    html = response.get_data(as_text=True)
    assert "<h1>Sign in</h1>" in html
    assert form_on(html, "/auth/login")["draft_body"] == STORY
    assert db.session.scalar(select(func.count(Post.id))) == 1


def test_a_draft_cannot_send_someone_to_another_site(client, member):
    fields = {"login": member.username, "password": factories.PASSWORD, "next": "//evil.example/steal", "draft_body": STORY}
    response = form_post(client, "/auth/login", fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "evil.example" not in html
    assert form_on(html, "/")["body"] == STORY
