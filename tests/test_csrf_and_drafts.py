"""Every change needs a CSRF token; and a long post survives an expired token or session."""
import itertools
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select
from werkzeug.routing.converters import AnyConverter

from forum.accounts.security_models import Passkey
from forum.auth.tokens import make_token
from forum.disclaimer.services import publish_disclaimer
from forum.extensions import db
from forum.moderation.report_services import report_post
from forum.threads.models import Post, Thread
from tests import factories
from tests.conftest import csrf_token_from, form_post, sign_in

STORY = 'Fell on the ice in January. Heat <3 helps & "walking" too.\n\n- stretches: *some* relief'

# What a browser would send to each form, so only the token decides.
FORM_DATA = {
    "login": "ana_runner", "password": factories.PASSWORD, "username": "new_person",
    "email": "new_person@example.org", "accept": "y", "title": "A thread that must not appear",
    "body": "A post that must not appear", "bio": "A bio that must not appear", "submit": "y",
    "reason": "A reason that must not be recorded", "note": "A note that must not be recorded", "summary": "Not advice",
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
    case = report_post(other_member, db.session.get(Post, thread.last_post_id), "misinformation")
    moderator = factories.make_member(username="mod_kim", role="moderator")
    old = publish_disclaimer(moderator, "Not medical advice.", "First wording.", must_accept=False)
    new = publish_disclaimer(moderator, "Not medical advice.", "Second wording.", must_accept=False)
    return {
        "thread_id": thread.id, "post_id": thread.last_post_id, "username": member.username,
        "slug": thread.slug, "category_slug": category.slug, "filename": "css/forum.css",
        "case_id": case.id, "member_id": other_member.id, "version_id": new.id, "old_version_id": old.id,
        "application_id": factories.make_application(member).id,
        "story_id": factories.make_story(author=member, category=category).id,
        "term_id": factories.term("treatment", "heat").id, "term_slug": "heat",
        "notification_id": factories.make_notification(member).id,
        "moderator": moderator, **factories.safety_rows(),
        "confirm_token": make_token("confirm_email", member), "reset_token": make_token("reset_password", member),
        "change_token": make_token("change_email", member, address="moved@example.org"),
        "unsubscribe_token": make_token("unsubscribe", member, topic="mentions"),
        "session_id": factories.make_session(other_member).id,
        "passkey_id": _passkey(member).id,
    }


def _passkey(member):
    # A row is enough: no request here gets as far as checking a signature.
    passkey = Passkey(member_id=member.id, credential_id="cGFzc2tleQ", public_key=b"key", name="Phone")
    db.session.add(passkey)
    db.session.commit()
    return passkey


# Whose slug a <slug> is, where it isn't a thread's.
SLUGS = {"categories": "category_slug", "feeds": "category_slug", "stories": "term_slug"}
# Whose <token> it is: each emailed link is signed for its own purpose.
TOKENS = {"auth.confirm_email": "confirm_token", "auth.reset_password": "reset_token",
          "auth.confirm_email_change": "change_token",
          "notifications.unsubscribe_page": "unsubscribe_token", "notifications.unsubscribe": "unsubscribe_token"}
# Pages that show nothing without a query string.
QUERIES = {"admin.disclaimer_compare": "?old={old_version_id}&new={version_id}"}


def urls_for_rule(rule, world):
    """Every address of a rule: an `any(...)` argument gives one per choice."""
    names = sorted(rule.arguments)
    choices = []
    for name in names:
        key = SLUGS.get(rule.endpoint.split(".")[0], "slug") if name == "slug" else name
        key = TOKENS.get(rule.endpoint, key) if name == "token" else key
        if isinstance(rule._converters[name], AnyConverter):
            choices.append(sorted(rule._converters[name].items))
        elif key in world:
            choices.append([world[key]])
        else:
            pytest.fail(f"{rule.rule}: teach this test a value for <{name}>")
    query = QUERIES.get(rule.endpoint, "").format(**world)
    return [rule.build(dict(zip(names, values, strict=False)))[1] + query for values in itertools.product(*choices)]


def rules_accepting(app, method):
    return [rule for rule in app.url_map.iter_rules() if method in rule.methods]


def urls_accepting(app, method, world):
    return [url for rule in rules_accepting(app, method) for url in urls_for_rule(rule, world)]


def sign_in_as(client, who, member, world):
    if who == "member":
        sign_in(client, member)
    elif who == "moderator":
        sign_in(client, world["moderator"])


# Every POST refuses a request without a token.

@pytest.mark.parametrize("who", ["member", "visitor", "moderator"])
def test_every_post_route_refuses_a_post_without_a_token(app, client, member, world, who):
    sign_in_as(client, who, member, world)
    rules = rules_accepting(app, "POST")
    assert {r.endpoint for r in rules} >= {
        "auth.login", "auth.logout", "threads.start_thread", "threads.reply", "admin.decide_report", "admin.member_action",
        "admin.disclaimer", "moderation.thread_action", "disclaimer.accept_disclaimer", "notifications.mark_notifications_read",
    }
    urls = urls_accepting(app, "POST", world)
    # Each choice of an `any(...)` action is walked: five report decisions, six member actions.
    assert sum(url.startswith("/admin/members/") for url in urls) == 6
    assert sum(url.startswith("/admin/reports/") for url in urls) == 5
    before = snapshot()
    for url in urls:
        data = dict(FORM_DATA, category_id=str(world["post_id"]))
        response = client.post(url, data=data)
        assert response.status_code == 400, (url, response.status_code)
        assert snapshot() == before, url
    # Still signed in (or still not): the logout and login posts changed nothing either.
    page = client.get("/").get_data(as_text=True)
    assert ("Sign out" in page) is (who != "visitor")


def test_the_same_post_with_a_token_does_change_things(member_client, category):
    # The control for the test above: the payload alone is enough to post.
    response = form_post(member_client, "/threads/new", dict(FORM_DATA, category_id=category.id), page="/threads/new")
    assert response.status_code == 302
    assert db.session.scalar(select(Thread.title)) == FORM_DATA["title"]


# No GET changes anything, but how far a member has read a thread.

READING_WRITES = ("INSERT INTO thread_reads", "UPDATE notifications SET read_at", "UPDATE users SET unread_notifications")

@pytest.mark.parametrize("who", ["member", "visitor", "moderator"])
def test_no_get_route_writes_to_the_database(app, client, member, world, count_queries, who):
    sign_in_as(client, who, member, world)
    statuses = {}
    for url in urls_accepting(app, "GET", world):
        with count_queries() as queries:
            response = client.get(url)
        statuses[url] = response.status_code
        # 403: staff pages for a member; 301: an old address that moved.
        assert response.status_code in (200, 301, 302, 403), (url, response.status_code)
        writes = [s for s in queries.statements if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        # A member opening a thread page is remembered as having read it (and
        # their notifications about it as read): "new since your last visit".
        if who != "visitor" and url.startswith("/threads/") and response.status_code == 200:
            writes = [s for s in writes if not s.startswith(READING_WRITES)]
        assert writes == [], url
    # The staff pages were really opened for the moderator, not just refused.
    # (Reporting is for members too; a post's versions moved to /threads/, for its author too.)
    staff_pages = [url for url in statuses if url.startswith(("/admin", "/moderation/posts/")) and not url.endswith(("/report", "/history"))]
    assert len(staff_pages) >= 12
    expected = {"moderator": 200, "member": 403, "visitor": 302}[who]
    assert {url: statuses[url] for url in staff_pages} == dict.fromkeys(staff_pages, expected)


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


# Another site can't use the rescue to put words in someone's mouth: its
# forged post fails the token check, and its text must not come back in a
# fresh form with a valid token, one click from being sent.

FROM_ANOTHER_SITE = [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page"},
]


@pytest.mark.parametrize("headers", FROM_ANOTHER_SITE)
def test_a_post_forged_on_another_site_gets_no_rescue_form(client_for, member, other_member, moderator, headers):
    thread = factories.make_thread(author=member, replies=1, reply_author=other_member)
    case = report_post(member, db.session.get(Post, thread.last_post_id), "misinformation")
    words = "Hidden: this member is a liar"
    action = f"/admin/reports/{case.id}/hide_post"
    response = client_for(moderator).post(action, data={"reason": words}, headers=headers)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert words not in html
    assert f'action="{action}"' not in html
    assert "This form had expired" in html


@pytest.mark.parametrize("headers", FROM_ANOTHER_SITE)
def test_a_forged_post_to_a_signed_out_visitor_carries_no_draft_to_sign_in(client, member, headers):
    thread = factories.make_thread(author=member)
    words = "I give up on everything"
    response = client.post(f"/threads/{thread.id}/reply", data={"body": words}, headers=headers)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert words not in html
    assert "draft_body" not in html


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    {"Origin": "http://localhost"},
    {"Referer": "http://localhost/threads/1"},
])
def test_an_expired_form_sent_from_the_forum_itself_is_still_rescued(member_client, member, headers):
    thread = factories.make_thread(author=member)
    action = f"/threads/{thread.id}/reply"
    response = member_client.post(action, data={"csrf_token": "stale", "body": STORY}, headers=headers)

    assert response.status_code == 400
    assert form_on(response.get_data(as_text=True), action)["body"] == STORY


HOSTILE = '"><script>alert(1)</script></textarea><input name="x" value="'


def test_hostile_text_comes_back_inert_in_the_rescue_and_sign_in_forms(client, member):
    thread = factories.make_thread(author=member)
    action = f"/threads/{thread.id}/reply"
    login_page = client.post(action, data={"csrf_token": "stale", "body": HOSTILE, "title": HOSTILE}).get_data(as_text=True)
    assert "<script>" not in login_page
    fields = form_on(login_page, "/auth/login")
    assert (fields["draft_body"], fields["draft_title"]) == (HOSTILE, HOSTILE)
    assert "x" not in fields

    fields.update(login=member.username, password=factories.PASSWORD)
    rescue = client.post("/auth/login", data=fields).get_data(as_text=True)
    assert "<script>" not in rescue
    kept = form_on(rescue, action)
    assert (kept["body"], kept["title"]) == (HOSTILE, HOSTILE)
    assert "x" not in kept


def test_hostile_text_comes_back_inert_on_the_accept_page(member_client, member, category):
    moderator = factories.make_member(username="mod_kim", role="moderator")
    publish_disclaimer(moderator, "Not advice.", "Read me.", must_accept=True)
    page = form_post(member_client, "/threads/new", {"category_id": category.id, "title": "Title " + HOSTILE, "body": HOSTILE},
                     page="/threads/new").get_data(as_text=True)
    assert "<script>" not in page
    fields = form_on(page, "/disclaimer/accept")
    assert (fields["draft_title"], fields["draft_body"]) == ("Title " + HOSTILE, HOSTILE)
    assert "x" not in fields
