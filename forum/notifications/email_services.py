"""Choosing what is emailed, unsubscribing from a link, sending a digest."""
from sqlalchemy import delete, insert, update

from ..accounts.models import User
from ..extensions import db
from ..mail.steps import queue_email
from ..permissions import require
from .email_topics import ALL_DAILY, BY_NAME, DAILY, NEVER
from .emailing import unsubscribe_headers, unsubscribe_url
from .models import EmailPreference, Notification
from .queries import email_choices


def _store(member, choices):
    """Keep only the choices that differ from their topic's default: a
    default changed later reaches everyone who never chose."""
    db.session.execute(delete(EmailPreference).where(EmailPreference.member_id == member.id))
    rows = [{"member_id": member.id, "topic": name, "choice": choice} for name, choice in choices.items()
            if name in BY_NAME and choice != BY_NAME[name].default]
    if rows:
        db.session.execute(insert(EmailPreference), rows)


def change_email_preferences(actor, member, choices):
    """Set how `member` hears about each topic ({topic: choice}; topics not
    given keep their choice). Refuses anyone but the member themself."""
    require(actor, "change_email_preferences", member)
    _store(member, {**email_choices(member), **choices})
    db.session.commit()


def unsubscribe(member, topic):
    """Turn off, from an email's signed link, the topic it was about, or for
    a digest (ALL_DAILY) every topic sent daily. The signed link is the
    proof: no one is signed in. Returns the labels of the topics turned off."""
    current = email_choices(member)
    if topic == ALL_DAILY:
        stopped = [name for name, choice in current.items() if choice == DAILY]
    else:
        stopped = [topic] if topic in BY_NAME and current[topic] != NEVER else []
    _store(member, {**current, **dict.fromkeys(stopped, NEVER)})
    db.session.commit()
    return [BY_NAME[name].label for name in stopped]


def send_digest(member, groups, notification_ids, now):
    """One email with the member's notifications of the day, grouped by
    thread (digests.Group); they count as emailed, and the member's last
    digest is now."""
    link = unsubscribe_url(member, ALL_DAILY)
    queue_email(member.email, "digest", "Your daily news from the forum", "digest", member_id=member.id,
                headers=unsubscribe_headers(link), username=member.username, groups=groups, unsubscribe_url=link)
    db.session.execute(update(Notification).where(Notification.id.in_(notification_ids)).values(emailed_at=now))
    db.session.execute(update(User).where(User.id == member.id).values(last_digest_at=now))
    db.session.commit()
