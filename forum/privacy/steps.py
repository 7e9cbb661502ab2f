"""Building blocks of deleting an account. Each erases one kind of data and
leaves the commit to `services.delete_account`, so a failure in any of them
leaves the account exactly as it was.

The account's row itself stays, anonymous: posts a member chose to keep
need an author, and the moderators' audit entries point at it.
"""
from sqlalchemy import delete, func, select, update

from ..accounts.models import RetiredUsername, User, username_key
from ..accounts.names import skeleton
from ..accounts.security_models import MemberSession, Passkey
from ..accounts.steps import RESERVED_FOR
from ..extensions import db
from ..following.models import Bookmark, CategoryFollow, ThreadFollow, ThreadRead
from ..moderation.models import Report
from ..mail.models import OutgoingEmail
from ..notifications.models import EmailPreference, Notification
from ..practitioners.models import OPEN_STATUSES, Application
from ..reactions.steps import take_every_reaction
from ..stories.counting import recounting
from ..stories.models import Story, StoryCause, StoryCondition, StoryTag, StoryTreatment, StoryVersion
from ..threads.models import Post, PostRevision, Thread, TitleRevision
from ..threads.steps import count_post
from ..timeutil import utcnow
from ..transactions import step

# The title a thread keeps when its author removed their writing: the
# thread stays, so that the replies others wrote keep their place.
REMOVED_TITLE = "Removed by its author"
REMOVED_SLUG = "removed-by-its-author"
# No password hashes to this (werkzeug refuses it as malformed), so the
# account can never be signed into again.
UNUSABLE_PASSWORD = "!deleted"


def _their_posts(member):
    return select(Post.id).where(Post.author_id == member.id).scalar_subquery()


def _their_threads(member):
    return select(Thread.id).where(Thread.author_id == member.id).scalar_subquery()


def _their_stories(member):
    return select(Story.id).where(Story.author_id == member.id).scalar_subquery()


@step
def erase_private_data(member):
    """What is theirs and private, whichever they chose for their posts:
    notifications, signed-in browsers, passkeys, emails, the notes they wrote in reports (the reports stay, so
    the moderators' queue and its counts stay true), the names they gave
    up whose reservation has ended, and every earlier version of their
    posts and thread titles."""
    db.session.execute(delete(Notification).where(Notification.member_id == member.id))
    # Signed-in browsers, passkeys, email choices and the emails written to
    # them (sent or waiting): the account can't be signed in to or written to.
    for model in (MemberSession, Passkey, EmailPreference, OutgoingEmail):
        db.session.execute(delete(model).where(model.member_id == member.id))
    db.session.execute(update(Report).where(Report.reporter_id == member.id).values(note=""))
    # A name given up stays reserved until its time runs out, as for anyone:
    # others' posts still say "@name" and "name wrote", and nobody new
    # should be mistaken for them. The reservation is never shown.
    db.session.execute(delete(RetiredUsername).where(RetiredUsername.member_id == member.id,
                                                     RetiredUsername.reserved_until <= utcnow()))
    db.session.execute(delete(PostRevision).where(PostRevision.post_id.in_(_their_posts(member))))
    db.session.execute(delete(TitleRevision).where(TitleRevision.thread_id.in_(_their_threads(member))))


@step
def erase_keeping_up(member):
    """What the member followed, bookmarked and had read, and every
    reaction they gave, taken back with the counts on the posts they were
    on (in SQL, in this transaction), so no count still counts them."""
    take_every_reaction(member.id)
    for model in (ThreadFollow, CategoryFollow, ThreadRead, Bookmark):
        db.session.execute(delete(model).where(model.member_id == member.id))


@step
def remove_writing(member, now):
    """Every post emptied and marked deleted by its author (it keeps its
    place, so replies and page numbers stay where they were), their stories
    withdrawn and removed with every version, and the titles of the threads
    they started replaced. The post and story counts move in step."""
    with recounting([member.id]):
        _empty_posts(member, now)
        db.session.execute(update(Story).where(Story.author_id == member.id, Story.withdrawn_at.is_(None))
                           .values(withdrawn_at=now))
        db.session.execute(update(Thread).where(Thread.author_id == member.id)
                           .values(is_story=False, title=REMOVED_TITLE, slug=REMOVED_SLUG))
    # Withdrawn, the stories no longer count anywhere; now they can go.
    stories = _their_stories(member)
    for model in (StoryVersion, StoryTag, StoryCondition, StoryCause, StoryTreatment):
        db.session.execute(delete(model).where(model.story_id.in_(stories)))
    db.session.execute(delete(Story).where(Story.author_id == member.id))


def _empty_posts(member, now):
    live = db.session.execute(
        select(Thread.category_id, func.count(Post.id)).join(Thread, Thread.id == Post.thread_id)
        .where(Post.author_id == member.id, Post.deleted_at.is_(None)).group_by(Thread.category_id)
    ).all()
    for category_id, posts in live:
        count_post(member.id, category_id, delta=-posts)
    db.session.execute(update(Thread).where(Thread.helpful_post_id.in_(_their_posts(member))).values(helpful_post_id=None))
    db.session.execute(update(Post).where(Post.author_id == member.id, Post.deleted_at.is_(None)).values(deleted_at=now))
    db.session.execute(update(Post).where(Post.author_id == member.id).values(body="", body_html="", signals=""))


@step
def erase_applications(member):
    """A practitioner's private details go (licence number, legal name, NPI,
    practice, city, bio, what they told the moderators); an open or
    verified application is withdrawn, so the badge goes with it. What the
    moderators decided stays, with their audit entries."""
    their = Application.member_id == member.id
    db.session.execute(update(Application).where(their, Application.status.in_((*OPEN_STATUSES, "verified")))
                       .values(status="withdrawn"))
    db.session.execute(update(Application).where(their).values(
        licence_number="", legal_name="", npi=None, practice_name="", city="", jurisdiction_other="", bio="",
        bio_html="", show_licence=False, info_request=None, info_answer=None, source_url=None, open_for_member=None,
    ))


def _anonymous_name(member):
    """"former-member-<id>", unique even if someone registered that name."""
    base = name = f"former-member-{member.id}"
    tries = 1
    while db.session.scalar(select(User.id).where(User.username_key == username_key(name), User.id != member.id)):
        tries += 1
        name = f"{base}-{tries}"
    return name


@step
def anonymise_account(member, now):
    """The account keeps only its id, its join date and the moderators'
    decisions about it (a suspension, a ban): the name becomes
    "former-member-<id>" (shown as "Former member", never linked), the
    email and bio go, and no password opens it. The email address is free
    to register again at once; the name after RESERVED_FOR, like any name
    given up."""
    db.session.add(RetiredUsername(member_id=member.id, username=member.username, skeleton=member.username_skeleton,
                                   retired_at=now, reserved_until=now + RESERVED_FOR))
    name = _anonymous_name(member)
    member.username, member.username_key, member.username_skeleton = name, username_key(name), skeleton(name)
    member.username_changed_at = None
    member.email, member.email_key = "", f"deleted-{member.id}"
    member.bio = member.bio_html = ""
    member.password_hash = UNUSABLE_PASSWORD
    # Whatever role they had ends with the account.
    member.role = "member"
    member.unread_notifications = 0
    member.deleted_at = now
