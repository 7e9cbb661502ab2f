from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import User
from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..threads.models import Post, PostRevision
from .models import MemberNote, Report, ReportCase

QUEUE_ORDER = (ReportCase.urgent.desc(), ReportCase.reporter_count.desc(), ReportCase.opened_at, ReportCase.id)


def open_queue(number, per_page):
    """Open report items, most urgent first: two queries whatever the length."""
    total = db.session.scalar(select(func.count(ReportCase.id)).where(ReportCase.status == "open"))
    cases = db.session.scalars(
        select(ReportCase).where(ReportCase.status == "open").order_by(*QUEUE_ORDER)
        .offset(offset_for(number, per_page)).limit(per_page)
        .options(joinedload(ReportCase.post).joinedload(Post.author), joinedload(ReportCase.post).joinedload(Post.thread),
                 selectinload(ReportCase.reports))
    ).unique().all()
    return Page(cases, number, per_page, total)


def case_by_id(case_id):
    case = db.session.scalar(
        select(ReportCase).where(ReportCase.id == case_id)
        .options(joinedload(ReportCase.post).joinedload(Post.author), joinedload(ReportCase.post).joinedload(Post.thread),
                 selectinload(ReportCase.reports).joinedload(Report.reporter))
    )
    if case is None:
        raise NotFound("There is no such report.")
    return case


def posts_around(post, before=2, after=2):
    """The post with its neighbours in the thread, for reading it in context."""
    earlier = db.session.scalars(
        select(Post).where(Post.thread_id == post.thread_id, Post.id < post.id).order_by(Post.id.desc()).limit(before)
        .options(joinedload(Post.author))
    ).all()
    later = db.session.scalars(
        select(Post).where(Post.thread_id == post.thread_id, Post.id > post.id).order_by(Post.id).limit(after)
        .options(joinedload(Post.author))
    ).all()
    return list(reversed(earlier)) + [post] + list(later)


def post_revisions(post):
    return db.session.scalars(
        select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id)
    ).all()


def member_notes(member):
    return db.session.scalars(
        select(MemberNote).where(MemberNote.member_id == member.id).order_by(MemberNote.id.desc())
        .options(joinedload(MemberNote.author))
    ).all()


def open_report_summary():
    """(number of open items, when the oldest was opened)."""
    return db.session.execute(
        select(func.count(ReportCase.id), func.min(ReportCase.opened_at)).where(ReportCase.status == "open")
    ).one()


def member_by_id(member_id):
    member = db.session.get(User, member_id)
    if member is None:
        raise NotFound("There is no such member.")
    return member
