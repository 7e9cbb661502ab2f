"""A post as the checks read it: its words, where each sits in the text, and
where sentences, clauses and segments start."""
import re
from dataclasses import dataclass
from itertools import accumulate

from .cues import SUBJECTS, TURNS
from .words import TOKEN, apply_synonyms

SENTENCE, PUNCTUATION = 2, 1
FULL_STOP = re.compile(r"\.\s")
SPLIT = re.compile(f"({TOKEN.pattern})")
# Words after which a new subject starts a new segment ("..., and I can't").
LINKS = frozenset(("and", "or", "so", "because", "cos", "when", "then", "now"))


@dataclass
class Doc:
    text: str
    starts: list   # where each word starts in the text
    ends: list
    raw: list      # each word in lower case, as written
    words: list    # each word as read ("" for the rest of a multi-word synonym)
    breaks: list   # SENTENCE, PUNCTUATION or 0: what comes before each word
    clause: list   # the place of the first word of each word's clause
    segment: list  # the place of the first word of each word's segment


def _break(gap):
    """What the characters between two words say: a sentence ends, a clause
    is punctuated, or nothing ("A&E", "37.5", "self-harm")."""
    if gap == " " or not gap:
        return 0
    if "\n" in gap or "!" in gap or "?" in gap or FULL_STOP.search(gap):
        return SENTENCE
    if any(c in gap for c in ",;:()[]—–") or " -" in gap or "- " in gap:
        return PUNCTUATION
    return 0


def read(text, vocabulary):
    """`text` split into words, read with `vocabulary`, with its statements marked."""
    low = text.lower()
    if len(low) != len(text):   # a letter whose lower case is longer ("İ"): words keep their case
        low = text
    parts = SPLIT.split(low)   # gap, word, gap, word, ..., gap
    edges = list(accumulate(map(len, parts)))
    raw, gaps = parts[1::2], parts[0:-1:2]
    starts, ends = edges[0:-1:2], edges[1::2]
    breaks = [0 if gap == " " else _break(gap) for gap in gaps]
    if breaks:
        breaks[0] = SENTENCE
    words = apply_synonyms([vocabulary.read(r) for r in raw])
    clause, segment = [], []
    for i, word in enumerate(words):
        turn = i == 0 or breaks[i] == SENTENCE or word in TURNS
        fresh = (breaks[i] and word in SUBJECTS) or (word in LINKS and i + 1 < len(words) and words[i + 1] in SUBJECTS)
        clause.append(i if turn else clause[-1])
        segment.append(i if turn or fresh else segment[-1])
    return Doc(text, starts, ends, raw, words, breaks, clause, segment)
