"""Two versions of a text compared for people to read: the one differ, used by
a post's earlier versions and the disclaimer's.

The Markdown sources are compared, never their HTML, and the answer is HTML:
unchanged text as it is, removed words in <del>, added words in <ins>, every
character escaped (the texts are members' words). Line breaks are kept as
they are, for a `white-space: pre-wrap` box (`.text-diff`) to show. Each mark
opens and closes with hidden words ("removed: ... (end removed)") because not
every screen reader announces <del> and <ins>.

Lines are compared first and only the lines that changed word by word, so a
long text with a small change costs little; past WORD_BUDGET characters of
changed lines, the rest are shown whole, removed then added.
"""
import re
from collections import deque
from difflib import SequenceMatcher
from typing import NamedTuple

from markupsafe import Markup, escape

# A word (with its apostrophes), a run of spacing, or one mark: so `**bold**`
# becoming `bold` shows the two `**` removed and the word kept.
TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")

# Comparing word by word costs more than line by line: this many characters
# of changed lines, old and new together, per comparison.
WORD_BUDGET = 20_000

_MARKS = {
    "removed": ('<del><span class="visually-hidden">removed: </span>', '<span class="visually-hidden"> (end removed) </span></del>'),
    "added": ('<ins><span class="visually-hidden">added: </span>', '<span class="visually-hidden"> (end added) </span></ins>'),
}


class Difference(NamedTuple):
    """The newer text with its changes marked, and whether any words changed
    (False when only spacing or line breaks did, or nothing)."""

    html: Markup
    changed: bool

    def __html__(self):
        return self.html


def difference(old, new):
    """How `new` differs from `old`, as a Difference."""
    old, new = old or "", new or ""
    pieces = []
    budget = WORD_BUDGET
    # Every line ends in a line break while comparing, so text added after
    # a last line that had none doesn't count that line as changed.
    for tag, before, after in _compare(_lines(old), _lines(new))[0]:
        if tag == "replace":
            words, cost = _compare(TOKEN.findall("".join(before)), TOKEN.findall("".join(after)), budget)
            pieces += _join_close_changes(words)
            budget -= cost
        else:
            pieces.append((tag, before, after))
    _drop_added_breaks(pieces, old, new)
    return _render(pieces)


def _lines(text):
    return (text if not text or text.endswith("\n") else text + "\n").splitlines(keepends=True)


def _compare(old, new, budget=None):
    """([(tag, old items, new items)] turning the list `old` into `new`, tag
    "equal", "delete", "insert" or "replace"; the characters compared).

    What both keep at the start and the end is set aside first, so one word
    changed in a long paragraph costs no comparison at all. Past `budget`
    characters the rest is one replacement, uncompared. The default junk
    heuristic stays on: items as common as spaces don't anchor a match,
    which keeps the comparison near linear, but are still taken into the
    matches beside them."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_middle, new_middle = old[start:len(old) - end], new[start:len(new) - end]
    cost = 0 if budget is None else sum(map(len, old_middle)) + sum(map(len, new_middle))
    if budget is not None and cost > budget:
        middle, cost = [("replace", old_middle, new_middle)], 0
    else:
        opcodes = SequenceMatcher(None, old_middle, new_middle).get_opcodes()
        middle = [(tag, old_middle[i1:i2], new_middle[j1:j2]) for tag, i1, i2, j1, j2 in opcodes]
    pieces = [("equal", old[:start], new[:start]), *middle, ("equal", old[len(old) - end:], new[len(new) - end:])]
    return _slide(pieces), cost


def _slide(pieces):
    """Move each lone insertion or removal as far on as the same items
    allow: "stays<ins>. More</ins>." becomes "stays.<ins> More.</ins>"."""
    slid = []
    for index, (tag, before, after) in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if tag in ("insert", "delete") and following and following[0] == "equal":
            moving, kept = deque(after if tag == "insert" else before), deque(following[2])
            moved = []
            while moving and kept and moving[0] == kept[0]:
                moved.append(moving.popleft())
                moving.append(kept.popleft())
            if moved:
                slid.append(("equal", moved, moved))
                pieces[index + 1] = ("equal", list(kept), list(kept))
            before, after = ([], list(moving)) if tag == "insert" else (list(moving), [])
        slid.append((tag, before, after))
    return slid


def _join_close_changes(pieces):
    """Changes kept apart only by spacing or marks on one line read as one:
    "<del>sharp pain</del><ins>dull ache</ins>", not word by word."""
    joined = []
    for piece in pieces:
        if piece[0] == "equal" or not joined:
            joined.append(piece)
            continue
        between = []
        if len(joined) >= 2 and joined[-1][0] == "equal" and joined[-2][0] != "equal" and _only_marks(joined[-1][2]):
            between = joined.pop()[2]
        if joined[-1][0] != "equal":
            _, before, after = joined.pop()
            piece = ("replace", before + between + piece[1], after + between + piece[2])
        elif between:
            joined.append(("equal", between, between))
        joined.append(piece)
    return joined


def _only_marks(tokens):
    return not any(token[0].isalnum() or token[0] == "_" or "\n" in token for token in tokens)


def _drop_added_breaks(pieces, old, new):
    """Take off the line break _lines put after a text's last line, where
    the comparison ends; one before something removed after it stays, to
    keep the removed words on a line of their own."""
    last = next((index for index in range(len(pieces) - 1, -1, -1) if pieces[index][1] or pieces[index][2]), None)
    if last is None:
        return
    piece = list(pieces[last])
    for side, text in ((1, old), (2, new)):
        if piece[side] and not text.endswith("\n"):
            piece[side] = piece[side][:-1] + [piece[side][-1].removesuffix("\n")]
    pieces[last] = tuple(piece)


_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.S)


def _mark(kind, text):
    opening, closing = _MARKS[kind]
    return Markup(opening) + escape(text) + Markup(closing)


def _render(pieces):
    parts, changed = [], False
    for tag, before, after in pieces:
        if tag == "equal":
            parts.append(escape("".join(after)))
            continue
        removed, added = "".join(before), "".join(after)
        # Spacing alone isn't marked: removed spacing is left out and added
        # spacing kept, so the layout shown is the newer text's. Added words
        # are marked without the spacing around them, which stays as text.
        if removed.strip():
            parts.append(_mark("removed", removed))
        lead, words, trail = _EDGES.fullmatch(added).groups()
        parts += [escape(lead), _mark("added", words) if words else "", escape(trail)]
        changed = changed or bool(removed.strip() or words)
    return Difference(Markup("").join(parts), changed)
