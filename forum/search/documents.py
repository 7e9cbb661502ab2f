"""What the index holds for a post: its words as plain text, and the tags
SQLite's index finds it by when a search is filtered.

A post's Markdown is read as the words a reader sees: link addresses,
emphasis marks and list bullets are left out, so they are neither found
nor shown in an excerpt. Control characters and the private-use characters
the excerpts mark matches with are taken out too, so the only marks in an
excerpt are the index's own.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..timeutil import utcnow
from .terms import related_terms

# Where the database marks a match in a text it gives back: characters no
# indexed text contains (plain_text removes them).
MARK_START, MARK_END = "\ue000", "\ue001"

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")
# [words](address) and ![words](address): the words stay.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
# Quote marks, bullets, numbers of a list and heading marks at a line's start.
_LINE_START = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-+*][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)?", re.M)
# Emphasis, strike-through and code marks next to a word's edge ("**sitting**,"),
# and rules (---); those inside a word (snake_case) stay.
_MARKS = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)|^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)
_SPACE = re.compile(r"\s+")
_LINE_MARKS = set(" \t>-+*#0123456789")

# The tag of a post in a members-only thread.
MEMBERS_ONLY = "mo"


def plain_text(markdown):
    """`markdown` as one line of the words a reader sees. (Each pattern is
    tried only on a text with the character it starts with: rebuilding the
    index reads every post.)"""
    text = _UNSAFE.sub(" ", markdown or "")
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "\n" in text or text[:1] in _LINE_MARKS:
        text = _LINE_START.sub("", text)
    if any(mark in text for mark in "*_~`-"):
        text = _MARKS.sub("", text)
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class PostDoc:
    """One shown post as the index holds it. The thread's title and its
    story's words go with its first post only, so a reply is never found
    by its thread's title (the thread is, once)."""

    post_id: int
    thread_id: int
    category_id: int
    author_id: int
    created_at: datetime
    members_only: bool
    is_first: bool
    title: str
    body: str
    story: str

    @property
    def tags(self):
        """"c3 a17 y2026 m202603 d20260315", and "mo" in a members-only thread."""
        found = [f"c{self.category_id}", f"a{self.author_id}", *day_tags(self.created_at.date())]
        return " ".join(found + ([MEMBERS_ONLY] if self.members_only else []))

    @property
    def related_terms(self):
        return related_terms(self.title, self.story, self.body)


def day_tags(day):
    return [f"y{day:%Y}", f"m{day:%Y%m}", f"d{day:%Y%m%d}"]


def _month_end(day):
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_tags(since, until):
    """The fewest year, month and day tags that cover every day from `since`
    to `until`, both included: whole years as one tag, whole months as one."""
    tags, day = [], since
    while day <= until:
        year_end = date(day.year, 12, 31)
        month_end = _month_end(day)
        if (day.month, day.day) == (1, 1) and year_end <= until:
            tags.append(f"y{day:%Y}")
            day = year_end
        elif day.day == 1 and month_end <= until:
            tags.append(f"m{day:%Y%m}")
            day = month_end
        else:
            tags.append(f"d{day:%Y%m%d}")
        day += timedelta(days=1)
    return tags


def within(since, until):
    """The tags a post from `since` to `until` (either may be None: open)
    has one of, and the tags a post after an open-ended `until` has one of:
    (tags it needs one of, or None; tags it must have none of, or None).
    Nothing is written after today (UTC), so "since" ends tomorrow and
    "until" alone means "not after it"."""
    latest = utcnow().date() + timedelta(days=1)
    if since is not None:
        return period_tags(since, min(until, latest) if until else latest), None
    if until is not None and until < latest:
        return None, period_tags(until + timedelta(days=1), latest)
    return None, None
