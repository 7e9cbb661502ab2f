import pytest

from forum.errors import NotFound, PermissionDenied, Refused
from forum.members import queries
from forum.members.services import edit_profile
from forum.threads.services import delete_post
from tests.factories import make_post, make_thread


def test_a_member_writes_a_bio_in_markdown(member):
    edit_profile(member, member, "  Runner, **three years** of piriformis pain.  ")
    assert member.bio == "Runner, **three years** of piriformis pain."
    assert member.bio_html == "<p>Runner, <strong>three years</strong> of piriformis pain.</p>"


def test_a_script_in_a_bio_does_not_survive(member):
    edit_profile(member, member, 'Hello <script>alert("x")</script> [me](javascript:alert(1))')
    assert "<script" not in member.bio_html
    assert "href=" not in member.bio_html
    assert "Hello &lt;script&gt;" in member.bio_html


def test_a_bio_of_exactly_the_limit_is_accepted(member):
    edit_profile(member, member, "a" * 1000)
    assert len(member.bio) == 1000


def test_a_bio_over_the_limit_is_refused_and_nothing_changes(member):
    edit_profile(member, member, "Sitting makes it worse.")
    with pytest.raises(Refused) as refused:
        edit_profile(member, member, "a" * 1001)
    assert refused.value.field == "bio"
    assert refused.value.message == "Keep your bio to 1000 characters or fewer."
    assert member.bio == "Sitting makes it worse."


def test_another_member_may_not_change_a_bio(member, other_member):
    edit_profile(member, member, "Sitting makes it worse.")
    with pytest.raises(PermissionDenied):
        edit_profile(other_member, member, "Hacked.")
    assert member.bio == "Sitting makes it worse."


def test_a_member_is_found_by_name_in_any_case(member):
    assert queries.member_by_username("ANA_Runner") == member


def test_an_unknown_member_is_not_found(member):
    with pytest.raises(NotFound):
        queries.member_by_username("nobody_here")


def test_a_members_threads_are_listed_newest_first(member, other_member, category):
    older = make_thread(author=member, category=category, title="Fell on ice")
    newer = make_thread(author=member, category=category, title="Desk job and sciatica")
    make_thread(author=other_member, category=category, title="Not hers")
    page = queries.member_threads(member, 1, 20)
    assert [t.title for t in page.items] == [newer.title, older.title]
    assert page.total == 2


def test_deleted_posts_are_left_out_of_a_members_posts(member, other_member, category):
    thread = make_thread(author=other_member, category=category)
    kept = make_post(thread, author=member, body="Heat helped a little.")
    gone = make_post(thread, author=member, body="Something I regret writing.")
    delete_post(member, gone)
    page = queries.member_replies(member, 1, 20)
    assert [p.id for p in page.items] == [kept.id]
    assert page.total == 1
