"""The practitioner side of the demo: a verified massage therapist and
physical therapist, a pending application and a lapsed verification, so a
newcomer sees every state a badge can be in."""
from datetime import datetime, time, timedelta

from sqlalchemy import select, update

from .extensions import db
from .practitioners.models import Application
from .practitioners.review_services import verify_practitioner
from .practitioners.services import apply_practitioner
from .threads.models import Post, Thread
from .threads.services import mark_helpful
from .timeutil import utcnow

# username -> (credential, jurisdiction, board, days since the check, days the licence still runs, bio)
VERIFIED = {
    "dana_portland": ("LMT", "US-OR", "the Oregon Board of Massage Therapists", 20, 300,
                      "Licensed massage therapist in Portland, OR, for eleven years. Mostly low back, hip and "
                      "buttock pain; many of my clients sit all day or run."),
    "tomas_reyes": ("DPT", "US-WA", "the Washington State Department of Health", 12, 540,
                    "Physical therapist (DPT) in outpatient orthopedics in Vancouver, WA. Hip, low back and "
                    "running injuries."),
}
PENDING = ("bea_moves", "ATC", "US-CA", "Certified athletic trainer. Hip and low back rehab for student athletes.")
LAPSED = ("ines_kowal", "RN", "CA-ON", "the College of Nurses of Ontario",
          "Registered nurse, orthopedic ward. I answer questions about what a hospital stay is like.")


def _apply(member, credential, jurisdiction, runs_for_days, bio):
    return apply_practitioner(
        member, credential=credential, jurisdiction=jurisdiction, licence_number=f"{credential}-{member.id:05d}",
        legal_name=member.username.replace("_", " ").title(), licence_expires_on=utcnow().date() + timedelta(days=runs_for_days),
        agree=True, bio=bio, city="",
    )


def _backdate_lapsed(application, checked_days_ago=400):
    checked = utcnow().date() - timedelta(days=checked_days_ago)
    application.checked_on = checked
    application.lapses_at = datetime.combine(checked + timedelta(days=365), time())
    application.created_at = application.decided_at = datetime.combine(checked, time(10))


def _count_answers(practitioner_ids):
    """Threads the demo practitioners answered, as the reply step would have
    marked them had they been verified before they wrote."""
    first_answer = (
        select(Post.created_at).where(Post.thread_id == Thread.id, Post.author_id.in_(practitioner_ids),
                                      Post.author_id != Thread.author_id)
        .order_by(Post.created_at).limit(1).scalar_subquery()
    )
    db.session.execute(update(Thread).values(practitioner_answered_at=first_answer))


def seed_practitioners(moderator, users, seeded, threads):
    """Verify the demo's practitioners, leave one application waiting and
    one verification lapsed, and let the runner mark what helped them."""
    for username, (credential, place, board, checked_days_ago, runs_for, bio) in VERIFIED.items():
        application = _apply(users[username], credential, place, runs_for, bio)
        verify_practitioner(moderator, application, board, utcnow().date() - timedelta(days=checked_days_ago))
    name, credential, place, bio = PENDING
    _apply(users[name], credential, place, 700, bio)
    name, credential, place, board, bio = LAPSED
    lapsed = _apply(users[name], credential, place, 200, bio)
    verify_practitioner(moderator, lapsed, board, utcnow().date())
    _backdate_lapsed(db.session.get(Application, lapsed.id))
    _count_answers([users[name].id for name in VERIFIED])
    db.session.commit()
    runner = next(i for i, spec in enumerate(threads) if spec.author == "hillrunner_mk")
    answer = next(post for post in seeded[runner][1] if post.author_id == users["tomas_reyes"].id)
    mark_helpful(users["hillrunner_mk"], answer)
