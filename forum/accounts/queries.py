from itertools import groupby
from operator import attrgetter

from sqlalchemy import func, select

from ..extensions import db
from ..timeutil import utcnow
from .models import RetiredUsername, User, username_key
from .names import problem_with_name, skeleton


def find_member(username):
    """The member with this username (any case), or None."""
    return db.session.scalar(select(User).where(User.username_key == username_key(username or "")))


def renamed_from(username):
    """The member who gave up `username` (any case) and still holds it
    reserved, or None: where an old link to their profile leads."""
    key = username_key(username or "")
    rows = db.session.execute(
        select(RetiredUsername.username, User).join(User, User.id == RetiredUsername.member_id)
        .where(RetiredUsername.skeleton == skeleton(username or ""), RetiredUsername.reserved_until > utcnow())
        .order_by(RetiredUsername.retired_at.desc(), RetiredUsername.id.desc())
    ).all()
    return next((member for old, member in rows if username_key(old) == key), None)


def former_usernames(member):
    """[(name, when it was given up)] for each name `member` gave up, the
    latest first: for the moderators, who can then follow someone who
    changed their name to slip past them."""
    return db.session.execute(
        select(RetiredUsername.username, RetiredUsername.retired_at).where(RetiredUsername.member_id == member.id)
        .order_by(RetiredUsername.retired_at.desc(), RetiredUsername.id.desc())
    ).all()


def lookalike_groups():
    """Members whose names look alike (the same skeleton), in groups, the
    earliest member first in each: names chosen before the rule, which keep
    working and are listed for the moderators instead."""
    shared = select(User.username_skeleton).group_by(User.username_skeleton).having(func.count(User.id) > 1)
    members = db.session.scalars(
        select(User).where(User.username_skeleton.in_(shared)).order_by(User.username_skeleton, User.id)
    ).all()
    return [list(group) for _, group in groupby(members, key=attrgetter("username_skeleton"))]


def names_breaking_rules():
    """[(member, what the rules say)] for each name the name rules would
    refuse today, oldest account first. The rules are code, not SQL, so
    every name is read (as two columns) and checked here; the members found
    are then loaded in one more query."""
    problems = {}
    for member_id, username in db.session.execute(select(User.id, User.username)):
        problem = problem_with_name(username)
        if problem:
            problems[member_id] = problem
    members = db.session.scalars(select(User).where(User.id.in_(problems)).order_by(User.id)).all()
    return [(member, problems[member.id]) for member in members]
