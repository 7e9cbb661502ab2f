"""What a member may choose to hear about by email, and how often.

Every kind of notification belongs to one topic; a member picks, per topic,
"immediately", "daily" (one digest a day) or "never". The defaults are
conservative: only what is addressed to the member themself (a reply to a
thread they started, a practitioner's answer to their question, a mention)
is emailed unless they ask for more.

A reply is the one kind whose topic depends on the member: in a thread they
started it is theirs ("own_threads"), in one they only follow it is not.
"""
from dataclasses import dataclass

from sqlalchemy import and_, case

IMMEDIATELY, DAILY, NEVER = "immediately", "daily", "never"
CHOICES = ((IMMEDIATELY, "Immediately, one email each"), (DAILY, "In one email a day"), (NEVER, "Never"))


@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    description: str
    default: str
    kinds: tuple


TOPICS = (
    Topic("own_threads", "Replies to threads you started",
          "Someone replied to a thread you started, or a verified practitioner answered your question.",
          IMMEDIATELY, ("practitioner_answer",)),
    Topic("mentions", "Mentions", "Someone wrote your name with an @ in a post.", IMMEDIATELY, ("mention",)),
    Topic("followed_threads", "Replies in threads you follow", "New replies in threads you follow but did not start.",
          NEVER, ("reply",)),
    Topic("quotes", "Quotes", "Someone quoted one of your posts.", NEVER, ("quote",)),
    Topic("followed_categories", "New threads in categories you follow",
          "Someone started a thread in a category you follow.", NEVER, ("new_thread",)),
    Topic("reactions", "Helpful and Me too", "Someone found your post helpful, or said “Me too”.",
          NEVER, ("helpful", "reaction_helpful", "reaction_me_too")),
    Topic("moderators", "From the moderators and about your account",
          "Warnings, moderators' actions on your posts and threads, your reports, your account and your practitioner "
          "application.",
          NEVER, ("warning", "report_outcome", "suspension_lifted", "practitioner", "moderator_message",
                  "thread_retitled", "thread_access", "moderation", "thread_moderation", "account")),
)

BY_NAME = {topic.name: topic for topic in TOPICS}
TOPIC_OF_KIND = {kind: topic.name for topic in TOPICS for kind in topic.kinds}
# A reply in the member's own thread.
OWN_REPLY_TOPIC = "own_threads"
# What the one-click link in a digest turns off: every topic sent daily.
ALL_DAILY = "daily"


def topic_of(kind, own_thread=False):
    if kind == "reply" and own_thread:
        return OWN_REPLY_TOPIC
    return TOPIC_OF_KIND.get(kind, "moderators")


def topic_sql(kind, own_thread):
    """topic_of() as an SQL expression over a notification's kind and
    whether the thread is the member's own."""
    return case((and_(kind == "reply", own_thread), OWN_REPLY_TOPIC), else_=case(TOPIC_OF_KIND, value=kind,
                                                                                   else_="moderators"))


def default_sql(topic):
    """The default choice of a topic, as an SQL expression."""
    return case({t.name: t.default for t in TOPICS}, value=topic, else_=NEVER)


def choices_of(preferences):
    """{topic name: choice} with the defaults filled in, from the member's
    stored {topic: choice}."""
    return {topic.name: preferences.get(topic.name, topic.default) for topic in TOPICS}
