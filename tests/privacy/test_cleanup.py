"""Unconfirmed accounts older than a week that never posted are removed."""
from datetime import timedelta

from sqlalchemy import func, select

from forum.accounts.models import User
from forum.privacy.cleanup_services import remove_abandoned_accounts
from forum.privacy.jobs import remove_unconfirmed_accounts
from forum.extensions import db
from forum.following.services import follow_thread
from forum.mail.models import OutgoingEmail
from forum.moderation.member_services import warn_member
from forum.notifications.models import EmailPreference
from forum.reactions.services import react
from forum.threads.models import Post
from forum.timeutil import utcnow
from tests.conftest import form_post
from tests.factories import make_member, make_moderator, make_post, make_thread

AGO = timedelta(days=7, hours=1)


def joined(member, ago=AGO):
    member.created_at = utcnow() - ago
    db.session.commit()
    return member


def exists(member_id):
    db.session.expire_all()
    return db.session.get(User, member_id) is not None


def unconfirmed(username, ago=AGO):
    return joined(make_member(username=username, confirmed=False), ago)


def test_an_old_unconfirmed_account_that_never_posted_is_removed():
    gone = unconfirmed("typo_address")
    assert remove_abandoned_accounts() == 1
    assert not exists(gone.id)


def test_its_address_is_free_again_afterwards(client, app):
    form_post(client, "/auth/register", {"username": "first_try", "email": "me@example.org",
                                         "password": "tennis ball under the glute", "accept": "y"}, page="/auth/register")
    joined(db.session.scalar(select(User).where(User.username == "first_try")))
    remove_abandoned_accounts()
    form_post(app.test_client(), "/auth/register", {"username": "second_try", "email": "me@example.org",
                                                    "password": "tennis ball under the glute", "accept": "y"},
              page="/auth/register")
    assert db.session.scalar(select(User.username).where(User.email_key == "me@example.org")) == "second_try"


def test_what_was_theirs_alone_goes_with_them():
    thread = make_thread()
    gone = unconfirmed("reader_only")
    follow_thread(gone, thread)
    react(gone, db.session.get(Post, thread.last_post_id), "me_too")
    db.session.add(EmailPreference(member_id=gone.id, topic="replies", choice="never"))
    db.session.commit()
    assert db.session.get(Post, thread.last_post_id).me_too_count == 1
    remove_abandoned_accounts()
    assert not exists(gone.id)
    assert db.session.get(Post, thread.last_post_id).me_too_count == 0
    assert db.session.scalar(select(func.count()).select_from(EmailPreference)) == 0
    assert db.session.scalar(select(func.count(OutgoingEmail.id)).where(OutgoingEmail.member_id == gone.id)) == 0


def test_a_week_is_not_yet_up():
    kept = unconfirmed("new_arrival", ago=timedelta(days=6, hours=23))
    assert remove_abandoned_accounts() == 0
    assert exists(kept.id)


def test_a_confirmed_account_stays():
    kept = joined(make_member(username="quiet_one"))
    remove_abandoned_accounts()
    assert exists(kept.id)


def test_an_account_with_a_post_stays_even_a_deleted_one():
    author = unconfirmed("posted_once")
    thread = make_thread(author=make_member())
    post = make_post(thread, author=author)
    post.deleted_at = utcnow()
    db.session.commit()
    remove_abandoned_accounts()
    assert exists(author.id)


def test_an_account_the_moderators_acted_on_stays():
    # The audit log is never edited: what it names stays.
    warned = unconfirmed("warned_once")
    warn_member(make_moderator(), warned, "Please keep it kind.")
    remove_abandoned_accounts()
    assert exists(warned.id)


def test_staff_are_never_removed():
    # An administrator made on the command line never gets a link to follow.
    admin = joined(make_member(username="keeper_lee", role="admin", confirmed=False))
    remove_abandoned_accounts()
    assert exists(admin.id)


def test_a_deleted_account_is_left_to_the_privacy_rules():
    deleted = unconfirmed("left_us")
    deleted.deleted_at = utcnow()
    db.session.commit()
    remove_abandoned_accounts()
    assert exists(deleted.id)


def test_the_daily_job_runs_the_clean_up():
    gone = unconfirmed("never_came_back")
    assert remove_unconfirmed_accounts.call_local() == 1
    assert not exists(gone.id)
