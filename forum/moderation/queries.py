from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from ..pagination import Page, offset_for
from ..threads.models import Post
from .models import MemberNote, Report, ReportCase

# Urgent first, then most reporters (both folded into queue_rank), then oldest.
QUEUE_ORDER = (ReportCase.queue_rank, ReportCase.opened_at, ReportCase.id)


# Counting every open item costs a scan; past this many the page says "10,000+".
COUNT_CAP = 10_000


def open_count(cap=COUNT_CAP):
    """How many items are open, counted up to `cap` + 1."""
    capped = select(ReportCase.id).where(ReportCase.status == "open").limit(cap + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(capped))


def open_queue(number, per_page):
    """Open report items, most urgent first: four queries whatever the length."""
    total = open_count()
    cases = db.session.scalars(
        select(ReportCase).where(ReportCase.status == "open").order_by(*QUEUE_ORDER)
        .offset(offset_for(number, per_page)).limit(per_page)
        # Loaded by id after the page is chosen, so a deep page skips bare
        # index entries rather than joined rows.
        .options(selectinload(ReportCase.post).joinedload(Post.author), selectinload(ReportCase.post).joinedload(Post.thread),
                 selectinload(ReportCase.reports))
    ).all()
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


def member_notes(member):
    return db.session.scalars(
        select(MemberNote).where(MemberNote.member_id == member.id).order_by(MemberNote.id.desc())
        .options(joinedload(MemberNote.author))
    ).all()


def open_report_summary():
    """(number of open items, capped; when the oldest was opened)."""
    oldest = db.session.scalar(select(func.min(ReportCase.opened_at)).where(ReportCase.status == "open"))
    return open_count(), oldest


def member_by_id(member_id):
    member = db.session.get(User, member_id)
    if member is None:
        raise NotFound("There is no such member.")
    return member
