from tests.conftest import form_post, sign_in
from tests import factories
from forum.extensions import db


def test_smoke_issue3(client, app):
    mod = factories.make_member(username="mod_mia", role="moderator")
    author = factories.make_member(username="poster")
    reporter = factories.make_member(username="reporter")
    thread = factories.make_thread(author=author, replies=2)
    from forum.threads.models import Post
    post = db.session.scalars(db.select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).all()[1]
    sign_in(client, reporter)
    r = client.get(f"/moderation/posts/{post.id}/report"); assert r.status_code == 200, r.data
    r = form_post(client, f"/moderation/posts/{post.id}/report", {"reason": "self_harm", "note": "worried"})
    assert r.status_code == 302, r.get_data(as_text=True)
    client.post("/auth/logout", data={"csrf_token": __import__("tests.conftest", fromlist=["x"]).csrf_token_from(client.get("/").get_data(as_text=True))})
    client.delete_cookie("session")
    c2 = app.test_client()
    sign_in(c2, mod)
    for url in ["/admin/", "/admin/reports", "/admin/reports/1", "/admin/audit", "/admin/members", f"/admin/members/{author.id}", "/admin/disclaimer", f"/threads/{thread.id}", "/disclaimer/", "/notices/"]:
        r = c2.get(url)
        assert r.status_code == 200, (url, r.status_code, r.get_data(as_text=True)[-3000:])
    r = form_post(c2, "/admin/reports/1/hide_post", {"reason": "unsafe advice"}, page="/admin/reports/1")
    assert r.status_code == 302, r.get_data(as_text=True)[-3000:]
    r = form_post(c2, "/admin/disclaimer", {"summary": "New short", "body": "New **body**", "must_accept": "y"}, page="/admin/disclaimer")
    assert r.status_code == 302, r.get_data(as_text=True)[-3000:]
    form_post(c2, "/admin/disclaimer", {"summary": "Newer short", "body": "Newer body"}, page="/admin/disclaimer")
    from forum.disclaimer.models import DisclaimerVersion
    ids = sorted(v.id for v in db.session.scalars(db.select(DisclaimerVersion)))
    r = c2.get(f"/admin/disclaimer/compare?old={ids[0]}&new={ids[1]}"); assert r.status_code == 200
    assert c2.get(f"/admin/disclaimer/{ids[0]}").status_code == 200
    r = c2.get("/admin/audit"); assert "hide post" in r.get_data(as_text=True)
    c3 = app.test_client()
    sign_in(c3, reporter)
    html = c3.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "hidden by a moderator" in html
    assert "1 new message" in html
    r = form_post(c3, f"/threads/{thread.id}/reply", {"body": "my precious draft"}, page=f"/threads/{thread.id}")
    assert r.status_code == 409 and "my precious draft" in r.get_data(as_text=True), r.status_code
    r = form_post(c3, "/disclaimer/accept", {"accept": "yes", "next": f"/threads/{thread.id}/reply", "draft_body": "my precious draft"}, page="/")
    assert r.status_code == 200 and "my precious draft" in r.get_data(as_text=True)
