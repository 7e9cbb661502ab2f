"""The demo shows every state a practitioner can be in."""
from sqlalchemy import select

from forum.accounts.queries import find_member
from forum.demo import seed_demo
from forum.extensions import db
from forum.practitioners import queries
from forum.practitioners.models import Application


def test_the_demo_has_two_verified_practitioners_one_waiting_and_one_lapsed(client):
    seed_demo()
    shown = {name: queries.has_badge(find_member(name).id) for name in ("dana_portland", "tomas_reyes", "bea_moves", "ines_kowal")}
    assert shown == {"dana_portland": True, "tomas_reyes": True, "bea_moves": False, "ines_kowal": False}
    states = {a.member.username: a.shown_status for a in db.session.scalars(select(Application))}
    assert states == {"dana_portland": "verified", "tomas_reyes": "verified", "bea_moves": "pending", "ines_kowal": "lapsed"}
    directory = client.get("/practitioners/").get_data(as_text=True)
    assert "Verified LMT" in directory and "Verified PT" in directory and "ines_kowal" not in directory


def test_the_demo_practitioners_answers_carry_the_badge_and_the_answer_line(client):
    seed_demo()
    html = client.get("/members/tomas_reyes").get_data(as_text=True)
    thread_link = html.split('href="/threads/posts/', 1)[1].split('"', 1)[0]
    post = client.get(f"/threads/posts/{thread_link}", follow_redirects=True).get_data(as_text=True)
    assert "Verified PT" in post and "General information from a licensed practitioner" in post
