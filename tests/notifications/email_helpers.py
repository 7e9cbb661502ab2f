"""Reading the notification emails a member was sent, and choosing topics."""
from forum.extensions import db
from forum.notifications.models import EmailPreference
from tests.mail_helpers import sent_emails


def notification_emails(app, member):
    """Emails to `member` that carry an unsubscribe link (notifications and
    digests, not the account's own emails), oldest first."""
    return [m for m in sent_emails(app, to=member.email) if m["List-Unsubscribe"]]


def choose(member, **choices):
    """Store `member`'s email choices directly, topic=choice."""
    for topic, choice in choices.items():
        db.session.merge(EmailPreference(member_id=member.id, topic=topic, choice=choice))
    db.session.commit()
