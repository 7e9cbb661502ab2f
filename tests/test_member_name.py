"""One way to show a member wherever a name appears (templates/_macros/members.html)."""
import re
from pathlib import Path

import pytest

import forum
from forum.accounts.models import User
from tests import factories
from tests.factories import text_of

TEMPLATES = Path(forum.__file__).parent.parent / "templates"
MACROS = TEMPLATES / "_macros" / "members.html"
EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# A username handed to url_for (or to the pager, which hands it on) as an
# address part is not a name shown to anyone.
URL_ARGUMENT = re.compile(r"\b(url_for|pager)\([^()]*\)")
# `.username` on anything but a form (whose username field is an input).
NAME = re.compile(r"(?<!form)\.username\b")


def _render(app, call, **values):
    with app.test_request_context():
        template = app.jinja_env.from_string('{% from "_macros/members.html" import member_name, member_label %}' + call)
        return template.render(**values)


def test_a_member_is_named_and_linked_to_their_profile(app):
    html = _render(app, "{{ member_name(m) }}", m=User(id=7, username="ruth_on_ice"))
    assert html == '<span class="member"><a href="/members/ruth_on_ice">ruth_on_ice</a></span>'


def test_in_the_admin_a_name_leads_to_the_members_admin_page(app):
    html = _render(app, "{{ member_name(m, link='admin') }}", m=User(id=7, username="ruth_on_ice"))
    assert html == '<span class="member"><a href="/admin/members/7">ruth_on_ice</a></span>'


def test_a_heading_names_without_a_link(app):
    assert _render(app, "{{ member_name(m, link=none) }}", m=User(id=7, username="ruth")) == '<span class="member">ruth</span>'


def test_an_account_that_is_gone_shows_as_a_former_member(app):
    assert _render(app, "{{ member_name(none) }}") == '<span class="member is-former">a former member</span>'
    assert _render(app, "{{ member_label(none) }}") == "a former member"


def test_a_name_is_escaped(app):
    html = _render(app, "{{ member_name(m, link=none) }}|{{ member_label(m) }}", m=User(id=1, username="<b>x</b>"))
    assert "<b>" not in html and html.count("&lt;b&gt;") == 2


def _printed_usernames(source):
    """Each template expression that writes a username out by hand."""
    found = []
    for expression in EXPRESSION.findall(source):
        if NAME.search(URL_ARGUMENT.sub("", expression)):
            found.append(expression)
    return found


def test_no_template_writes_a_name_out_by_hand():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path != MACROS:
            assert _printed_usernames(path.read_text()) == [], path.relative_to(TEMPLATES)


@pytest.mark.parametrize("source", [
    "<td>{{ m.username }}</td>", "{{ 'a post by ' ~ post.author.username }}",
    '<a href="{{ url_for(\'members.profile\', username=u.username) }}">{{ u.username }}</a>',
    "{% set who = post.author.username %}",
    "{{ greeting(name=member.username) }}",
])
def test_the_check_finds_a_name_written_by_hand(source):
    assert _printed_usernames(source)


def test_the_check_lets_a_username_pass_as_an_address_part_or_a_form_field():
    assert _printed_usernames("{{ url_for('members.profile', username=member.username) }}") == []
    assert _printed_usernames("{{ field(form.username, autocomplete='username') }}") == []


def test_the_report_page_names_every_author_in_the_context_the_same_way(client_for, moderator, member, other_member):
    from tests.factories import make_report, make_post

    thread = factories.make_thread(author=member, title="Stretches that helped my sciatica")
    reply = make_post(thread, author=other_member, body="Stop all your medication at once.")
    case = make_report(member, reply, "misinformation")

    html = client_for(moderator).get(f"/admin/reports/{case.id}").get_data(as_text=True)

    context = html[html.index('class="context"'):]
    for person in (member, other_member):
        assert f'<span class="member"><a href="/admin/members/{person.id}">{person.username}</a></span>' in context
    assert "Report about a post by desk_sitter" in text_of(html)


@pytest.mark.parametrize("role, title", [("moderator", "Moderator"), ("admin", "Admin"), ("member", None)])
def test_staff_carry_their_title_beside_their_name_and_nobody_else_does(app, role, title):
    html = _render(app, "{{ member_name(m) }}", m=User(id=7, username="mod_rosa", role=role))
    tag = '<span class="tag tag-staff">'
    assert (f"{tag}{title}</span>" in html) if title else (tag not in html)


def test_a_member_named_like_a_moderator_reads_as_a_member_on_the_thread_page(client, category):
    pretender = factories.make_member(username="mod_joe")
    moderator = factories.make_moderator(username="mod_rosa")
    thread = factories.make_thread(author=pretender, category=category)
    factories.make_post(thread, author=moderator, body="Welcome, and please keep it kind.")
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert html.count('<span class="tag tag-staff">Moderator</span>') == 1
    assert re.search(r'mod_rosa</a> <span class="tag tag-staff">Moderator</span>', html)


def test_in_the_admin_every_name_is_staff_so_no_title_is_added(app):
    html = _render(app, "{{ member_name(m, link='admin') }}", m=User(id=7, username="mod_rosa", role="moderator"))
    assert "tag-staff" not in html
