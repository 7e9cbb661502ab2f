"""A member with a history: what the export must hold and deleting must erase."""
from types import SimpleNamespace

from forum.moderation import member_services
from forum.threads import services as thread_services
from tests import factories

FIRST_BODY = "My sciatica started after a fall on ice."
EDITED_BODY = "My sciatica started after a fall on ice. Walking helps now."
REPLY_BODY = "Heat before stretching helped me most."
REPORT_NOTE = "This reads like an advert."
OTHER_REPORT_NOTE = "Third time this week they sell supplements."
MEMBER_NOTE = "Watch her links to outside shops."
LICENCE = "MA60123"


def make_history(member, other_member, moderator):
    """ana_runner's life on the forum: a thread she edited, a reply desk
    marked as what helped, a story, a report she sent (and one someone else
    sent about the same post), a warning, a moderator's note about her, and a
    practitioner application still waiting."""
    category = factories.make_category(name="Sciatica")
    thread = factories.make_thread(author=member, category=category, title="Fell on ice, now sciatica", body=FIRST_BODY)
    first = factories.posts_of(thread)[0]
    thread_services.edit_post(member, first, EDITED_BODY)
    desks_reply = factories.make_post(thread, author=other_member, body="Same here: sitting makes it worse.")
    asked = factories.make_thread(author=other_member, category=category, title="What helps in the morning?")
    anas_reply = factories.make_post(asked, author=member, body=REPLY_BODY)
    thread_services.mark_helpful(other_member, anas_reply)
    story = factories.make_story(author=member, category=category, title="My piriformis story")
    factories.make_report(member, desks_reply, "advertising", REPORT_NOTE)
    factories.make_report(factories.make_member(username="third_reader"), desks_reply, "advertising", OTHER_REPORT_NOTE)
    member_services.warn_member(moderator, member, "Please keep to your own experience.")
    member_services.note_member(moderator, member, MEMBER_NOTE)
    application = factories.make_application(member, licence_number=LICENCE, legal_name="Ana Q. Runner", city="Tampa")
    return SimpleNamespace(category=category, thread=thread, first=first, desks_reply=desks_reply, asked=asked,
                           anas_reply=anas_reply, story=story, application=application)


def keep_up(member, other_member, history):
    """ana keeps up with the forum: she follows a category and stopped
    following desk's question, bookmarks desk's reply, finds it helpful and
    says "me too", and has read desk's question; desk, for his part, says
    "me too" to ana's first post and bookmarks it."""
    from forum.extensions import db
    from forum.following import bookmark_services
    from forum.following.models import CategoryFollow, ThreadFollow, ThreadRead
    from forum.reactions import services as reactions

    db.session.add(CategoryFollow(member_id=member.id, category_id=history.category.id))
    db.session.merge(ThreadFollow(member_id=member.id, thread_id=history.asked.id, following=False))
    db.session.merge(ThreadRead(member_id=member.id, thread_id=history.asked.id, read_count=2,
                                last_read_post_id=history.anas_reply.id))
    db.session.commit()
    bookmark_services.bookmark_post(member, history.desks_reply)
    reactions.react(member, history.desks_reply, "helpful")
    reactions.react(member, history.desks_reply, "me_too")
    reactions.react(other_member, history.first, "me_too")
    bookmark_services.bookmark_post(other_member, history.first)
