"""A short excerpt of a result, its matching words in <mark>.

The text comes from the index with the database's marks around each match
(documents.MARK_START / MARK_END, characters no indexed text contains). It
is escaped like any text, and only then are those marks turned into <mark>
tags: whatever a post says, the excerpt holds no other markup.
"""
from markupsafe import Markup, escape

from .documents import MARK_END, MARK_START

WORDS_BEFORE = 10
LENGTH = 260  # characters, about forty words
ELLIPSIS = "…"


def _start(text, first_mark):
    """Where the excerpt starts: a few words before the first match."""
    if first_mark <= 0:
        return 0
    kept = text[:first_mark].split(" ")[-(WORDS_BEFORE + 1):]
    return first_mark - len(" ".join(kept))


def _end(text, start):
    """Where it ends: after LENGTH characters, at a word's end, and never
    inside a marked match."""
    end = start + LENGTH
    if end >= len(text):
        return len(text)
    space = text.find(" ", end)
    end = len(text) if space < 0 else space
    opened, closed = text.rfind(MARK_START, start, end), text.rfind(MARK_END, start, end)
    if opened > closed:
        finish = text.find(MARK_END, opened)
        end = len(text) if finish < 0 else finish + 1
    return end


def excerpt(marked):
    """Markup of about LENGTH characters of `marked` around its first match
    (or its beginning, when nothing in it matched), with "…" where it is cut."""
    text = marked or ""
    first = text.find(MARK_START)
    start = _start(text, first)
    end = _end(text, start)
    piece = text[start:end].strip()
    html = str(escape(piece)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return Markup((ELLIPSIS if start > 0 else "") + html + (ELLIPSIS if end < len(text) else ""))


def has_match(marked):
    return bool(marked) and MARK_START in marked
