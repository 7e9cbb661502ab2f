from tests.conftest import form_post, sign_in
from tests import factories


def test_member_starts_thread_and_replies(client, member, category):
    sign_in(client, member)
    r = form_post(client, "/threads/new", {"category_id": category.id, "title": "Fell on ice, buttock pain since", "body": "It started **last winter**."}, page="/threads/new")
    assert r.status_code == 302, r.get_data(as_text=True)
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "<strong>last winter</strong>" in page
