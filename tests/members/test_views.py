import re
from html import unescape

from forum.extensions import db
from forum.members.services import edit_profile
from forum.threads.services import delete_post
from tests.conftest import csrf_token_from, form_post, sign_in
from tests.factories import PASSWORD, make_member, make_post, make_thread


def field_error(html, field):
    match = re.search(rf'<p class="error-message" id="{field}-error">(.*?)</p>', html, re.S)
    return match and unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("Error:", "").strip()


def textarea(html, name):
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    return match and unescape(match.group(1)).lstrip("\r\n")


def hidden_inputs(html):
    """name -> value of every hidden input, as a browser would send them."""
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if attrs.get("type") == "hidden":
            fields[unescape(attrs["name"])] = unescape(attrs.get("value", ""))
    return fields


# The profile page

def test_a_profile_lists_threads_and_posts_but_not_deleted_ones(client, member, other_member, category):
    make_thread(author=member, category=category, title="Fell on ice, buttock pain since")
    theirs = make_thread(author=other_member, category=category, title="Desk job and sciatica")
    make_post(theirs, author=member, body="A standing desk helped me a little.")
    regret = make_post(theirs, author=member, body="Ignore my last post entirely.")
    delete_post(member, regret)

    html = client.get("/members/ana_runner").get_data(as_text=True)
    assert "Fell on ice, buttock pain since" in html
    assert "Desk job and sciatica" in html
    assert "A standing desk helped me a little." in html
    assert "Ignore my last post entirely." not in html
    assert "2 posts" in html


def test_a_profile_excerpt_reads_as_text_never_as_markdown(client, member, other_member, category):
    theirs = make_thread(author=other_member, category=category, title="Desk job and sciatica")
    make_post(theirs, author=member, body="Walking **every hour** helped. See [my notes](https://example.org).\n\n<script>alert(1)</script>")

    html = client.get("/members/ana_runner").get_data(as_text=True)

    [excerpt] = re.findall(r'<p class="excerpt">(.*?)</p>', html, re.S)
    assert excerpt.startswith("Walking every hour helped. See my notes.")
    assert "**" not in excerpt and "](" not in excerpt and "<" not in excerpt and "<script>alert" not in html


def test_a_profile_shows_the_join_date(client, member):
    html = client.get("/members/ana_runner").get_data(as_text=True)
    assert f"Member since {member.created_at.day} {member.created_at:%b %Y}" in html
    assert "0 posts" in html


def test_a_profile_shows_the_bio_rendered_and_sanitised(client, member):
    edit_profile(member, member, "Runner, **three years** in pain. <script>alert('x')</script>")
    html = client.get("/members/ana_runner").get_data(as_text=True)
    assert "<strong>three years</strong>" in html
    assert "<script>alert" not in html


def test_a_profile_is_found_whatever_the_case_of_the_name(client, member):
    assert client.get("/members/ANA_RUNNER").status_code == 200


def test_an_unknown_member_is_not_found(client, member):
    response = client.get("/members/nobody_here")
    assert response.status_code == 404
    assert "There is no member by that name." in response.get_data(as_text=True)


def test_only_the_member_sees_the_edit_link(client, member, other_member):
    assert 'href="/members/ana_runner/edit"' not in client.get("/members/ana_runner").get_data(as_text=True)
    sign_in(client, other_member)
    assert 'href="/members/ana_runner/edit"' not in client.get("/members/ana_runner").get_data(as_text=True)
    sign_in(client, member)
    assert 'href="/members/ana_runner/edit"' in client.get("/members/ana_runner").get_data(as_text=True)


def test_a_profile_runs_the_same_queries_however_much_was_written(client, member, other_member, category, count_queries):
    make_thread(author=member, category=category)
    with count_queries() as few:
        client.get("/members/ana_runner")
    for _ in range(4):
        make_thread(author=member, category=category, replies=2)
    make_thread(author=other_member, category=category, replies=3, reply_author=member)
    with count_queries() as many:
        html = client.get("/members/ana_runner").get_data(as_text=True)
    assert html.count('<p class="excerpt">') == 16
    # The member, their threads and replies with the two counts, the badges
    # (theirs, and anyone else's named), and the footer's disclaimer.
    assert many.count == few.count == 7


# Email stays private

def test_a_members_email_is_never_shown_to_anyone_else(client, category):
    quiet = make_member(username="quiet_walker", email="Quiet.Walker@private-mail.example")
    thread = make_thread(author=quiet, category=category, title="Does heat help anyone?")
    post = make_post(thread, author=quiet, body="Update: heat helps in the evening.")
    edit_profile(quiet, quiet, "I walk a lot.")

    pages = ["/", f"/categories/{category.slug}", f"/threads/{thread.id}/{thread.slug}", "/members/quiet_walker"]
    visitor_pages = [client.get(url).get_data(as_text=True) for url in pages]
    sign_in(client, make_member(username="curious_one"))
    member_pages = [client.get(url).get_data(as_text=True) for url in pages]
    member_pages.append(client.get(f"/threads/{thread.id}/reply?quote={post.id}").get_data(as_text=True))

    assert "Does heat help anyone?" in visitor_pages[2]
    assert "quiet_walker" in member_pages[-1]
    for html in visitor_pages + member_pages:
        assert "private-mail" not in html.lower()
        assert "quiet.walker@" not in html.lower()


# Editing one's own bio

def test_a_member_edits_their_own_bio(member_client, member):
    html = member_client.get("/members/ana_runner/edit").get_data(as_text=True)
    assert 'name="bio"' in html
    response = form_post(member_client, "/members/ana_runner/edit", {"bio": "Heat and *gentle* walks help."}, page="/members/ana_runner/edit")
    assert response.status_code == 302
    assert response.headers["Location"] == "/members/ana_runner"
    profile = member_client.get("/members/ana_runner").get_data(as_text=True)
    assert "Heat and <em>gentle</em> walks help." in profile
    assert "Your bio is saved." in profile


def test_the_edit_form_starts_with_the_current_bio(member_client, member):
    edit_profile(member, member, "Sitting makes it worse.")
    html = member_client.get("/members/ana_runner/edit").get_data(as_text=True)
    assert textarea(html, "bio") == "Sitting makes it worse."


def test_a_bio_over_the_limit_is_refused_beside_the_field_and_kept(member_client, member):
    long_bio = "My story. " * 100 + "x"
    response = form_post(member_client, "/members/ana_runner/edit", {"bio": long_bio}, page="/members/ana_runner/edit")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "bio") == "Keep your bio to 1000 characters or fewer."
    assert textarea(html, "bio") == long_bio
    db.session.refresh(member)
    assert member.bio == ""


def test_another_member_may_not_open_or_send_the_edit_form(client, member, other_member):
    edit_profile(member, member, "Sitting makes it worse.")
    sign_in(client, other_member)
    assert client.get("/members/ana_runner/edit").status_code == 403
    response = form_post(client, "/members/ana_runner/edit", {"bio": "Hacked."}, page="/members/desk_sitter/edit")
    assert response.status_code == 403
    db.session.refresh(member)
    assert member.bio == "Sitting makes it worse."


def test_a_visitor_is_sent_to_sign_in(client, member):
    response = client.get("/members/ana_runner/edit")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/members/ana_runner/edit"


def test_editing_an_unknown_member_is_not_found(member_client):
    assert member_client.get("/members/nobody_here/edit").status_code == 404


# A session that ended while the bio was being typed

BIO = 'Fell on ice in January.\n\nHeat & "gentle" stretches <3 help.'


def sign_in_from(client, login_page_html):
    """Send the sign-in form exactly as the page built it, hidden fields and all."""
    data = hidden_inputs(login_page_html)
    data.update({"login": "ana_runner", "password": PASSWORD})
    return client.post("/auth/login", data=data)


def assert_bio_comes_back_and_can_be_sent(client, member, login_page):
    html = login_page.get_data(as_text=True)
    assert "You were signed out before your text was sent." in html
    assert hidden_inputs(html)["draft_bio"] == BIO

    rescue = sign_in_from(client, html)
    rescue_html = rescue.get_data(as_text=True)
    assert rescue.status_code == 200
    assert 'action="/members/ana_runner/edit"' in rescue_html
    assert textarea(rescue_html, "bio") == BIO

    sent = client.post("/members/ana_runner/edit", data={"bio": BIO, "csrf_token": csrf_token_from(rescue_html)})
    assert sent.status_code == 302
    db.session.refresh(member)
    assert member.bio == BIO


def test_signed_out_in_another_tab_the_bio_survives_signing_in(member_client, member):
    token = csrf_token_from(member_client.get("/members/ana_runner/edit").get_data(as_text=True))
    form_post(member_client, "/auth/logout", {}, page="/")
    login_page = member_client.post("/members/ana_runner/edit", data={"bio": BIO, "csrf_token": token})
    # Signing out starts a fresh session, so the page's token has expired too.
    assert login_page.status_code == 400
    assert_bio_comes_back_and_can_be_sent(member_client, member, login_page)


def test_an_expired_session_does_not_lose_the_bio(member_client, member):
    token = csrf_token_from(member_client.get("/members/ana_runner/edit").get_data(as_text=True))
    member_client.delete_cookie("session")
    login_page = member_client.post("/members/ana_runner/edit", data={"bio": BIO, "csrf_token": token})
    assert login_page.status_code == 400
    assert_bio_comes_back_and_can_be_sent(member_client, member, login_page)
