"""The checks every title, post, reply, story and edit meets before it is
published: words describing urgent symptoms (`red_flag`), words suggesting
thoughts of suicide or self-harm (`crisis`), and personal details. The checks
never block anything: they tell the writer and route posts to moderators.

The red flag and crisis words come from the lists moderators keep (rows of
kind and phrase); `harmless` phrases are figures of speech ("this pain is
killing me") set aside before the others are looked for. A phrase matches
however it is inflected, put or slightly misspelt (words.py), with small
words and up to two others between its words ("numb feeling in my groin"),
and counts only when it is news about the writer (context.py). Personal
details are found by personal.py.
"""
import re
from dataclasses import dataclass
from functools import cached_property

from .context import reason_to_ignore
from .cues import HISTORY
from .personal import personal_details
from .reading import SENTENCE, read
from .words import FILLER_STEMS, JOINER_STEMS, Vocabulary, phrase_words, words_of

RED_FLAG, CRISIS, PERSONAL_DETAILS = "red_flag", "crisis", "personal_details"
SIGNALS = (RED_FLAG, CRISIS, PERSONAL_DETAILS)   # the order they are shown in
HARMLESS = "harmless"

# Between two words of a phrase a post may have up to this many small words
# ("of my") and this many other words ("numb *feeling* in my groin").
MAX_FILLERS, MAX_OTHERS = 4, 2
SNIPPET_LENGTH = 80
# "lost weight ... without trying": the parts of a phrase may be apart, in
# order, anywhere in one clause.
APART = re.compile(r"\.\.\.|…")
# Words that tie a phrase to its order: "can't pee" is not "pee... can't".
FIXED_ORDER = frozenset(words_of("not no never cant without myself me it if go want")) | JOINER_STEMS


@dataclass(frozen=True)
class Findings:
    signals: frozenset[str]
    # per signal, the words in the text that raised it (short snippets, in
    # text order), so the writer can be shown what to look at
    found: dict[str, tuple[str, ...]]

    def __bool__(self):
        return bool(self.signals)

    def listed(self) -> str:
        """The signals found, comma-separated in SIGNALS order ("" for none)."""
        return ",".join(s for s in SIGNALS if s in self.signals)


@dataclass(frozen=True)
class Phrase:
    kind: str
    parts: tuple[tuple[str, ...], ...]
    history: bool   # a past cancer is a warning, not an episode that is over

    @cached_property
    def words(self):
        return frozenset(w for part in self.parts for w in part)


def compile_phrase(kind, text):
    """The ways `text` is looked for: its parts in order and, for a symptom
    of two words that both mean something, the other way round too
    ("saddle numbness", "numb in the saddle"). A harmless phrase keeps its
    small words: a figure of speech is said just so."""
    parts = tuple(p for p in (phrase_words(part, literal=kind == HARMLESS) for part in APART.split(text)) if p)
    if not parts:
        return []
    history = any(w in HISTORY for part in parts for w in part)
    found = [Phrase(kind, parts, history)]
    if kind == RED_FLAG and len(parts) == 1 and len(parts[0]) == 2 and not set(parts[0]) & FIXED_ORDER:
        found.append(Phrase(kind, (parts[0][::-1],), history))
    return found


class Detector:
    """The checks, compiled once from the lists: `check` is then fast."""

    def __init__(self, phrases):
        phrases = [(kind, text) for kind, text in phrases if kind in (RED_FLAG, CRISIS, HARMLESS)]
        self.vocabulary = Vocabulary(text for _, text in phrases)
        self._signals, self._harmless = {}, {}
        seen = set()
        for kind, text in phrases:
            for phrase in compile_phrase(kind, text):
                if (kind, phrase.parts) not in seen:
                    seen.add((kind, phrase.parts))
                    table = self._harmless if kind == HARMLESS else self._signals
                    table.setdefault(phrase.parts[0][0], []).append(phrase)

    def check(self, *texts) -> Findings:
        """What each of `texts` (a title, a body) raises, merged."""
        found = {}
        for text in texts:
            for signal, snippet in self._findings(text or ""):
                found.setdefault(signal, []).append(snippet)
        return Findings(frozenset(found), {s: tuple(found[s]) for s in SIGNALS if s in found})

    def _findings(self, text):
        doc = read(text, self.vocabulary)
        spans = [(doc.starts[first], doc.ends[last], kind) for kind, first, last in self._phrases_found(doc)]
        spans += [(start, end, PERSONAL_DETAILS) for start, end in personal_details(doc)]
        return [(kind, text[start:end][:SNIPPET_LENGTH]) for start, end, kind in sorted(spans)]

    def _phrases_found(self, doc):
        """(kind, first word, last word) of each listed phrase that is news
        about the writer, one per stretch of text and kind."""
        masked = self._figures_of_speech(doc)
        candidates = _present(self._signals, doc.words)
        reached = {RED_FLAG: -1, CRISIS: -1}
        for first, word in enumerate(doc.words):
            for phrase in candidates.get(word, ()):
                if first <= reached[phrase.kind] or first in masked:
                    continue
                last = match_phrase(doc, first, phrase, masked)
                if last is None:
                    continue
                why = reason_to_ignore(doc, first, last, phrase.words, crisis=phrase.kind == CRISIS, history=phrase.history)
                if why is None:
                    reached[phrase.kind] = last
                    yield phrase.kind, first, last

    def _figures_of_speech(self, doc):
        """The places of words in harmless phrases, which no other phrase may use."""
        masked = set()
        candidates = _present(self._harmless, doc.words)
        for first, word in enumerate(doc.words):
            for phrase in candidates.get(word, ()):
                last = match_phrase(doc, first, phrase, masked)
                if last is not None:
                    masked.update(range(first, last + 1))
        return masked


def _present(table, words):
    """The phrases of `table` (by first word) whose words all occur in `words`:
    the only ones worth reading for."""
    present = set(words)
    found = {}
    for word in present.intersection(table):
        phrases = [phrase for phrase in table[word] if phrase.words <= present]
        if phrases:
            found[word] = phrases
    return found


def match_phrase(doc, first, phrase, masked):
    """The place of the phrase's last word when `phrase` is read from word
    `first` on, else None."""
    last = match(doc, first, phrase.parts[0], masked)
    for part in phrase.parts[1:]:
        if last is None:
            return None
        k, last = last + 1, None
        while last is None and k < len(doc.words) and doc.clause[k] == doc.clause[first]:
            if doc.words[k] == part[0] and k not in masked:
                last = match(doc, k, part, masked)
            k += 1
    return last


def match(doc, first, words, masked):
    """The place of the last of `words` read in order from word `first` on,
    within one statement (a phrase may itself join two: "numb when I wipe"),
    else None."""
    said, breaks, segment, end = doc.words, doc.breaks, doc.segment, len(doc.words)
    k, here = first, segment[first]
    for target in words[1:]:
        fillers = others = 0
        k += 1
        while k < end and said[k] != target:
            if breaks[k] == SENTENCE or segment[k] != here or k in masked or said[k] in JOINER_STEMS:
                return None
            if said[k] in FILLER_STEMS:
                fillers += 1
            elif said[k]:   # "" is the rest of a synonym, already counted
                others += 1
            if fillers > MAX_FILLERS or others > MAX_OTHERS:
                return None
            k += 1
        if k >= end or breaks[k] == SENTENCE or k in masked or doc.clause[k] != doc.clause[first]:
            return None
        here = segment[k]
    while k + 1 < end and said[k + 1] == "" and breaks[k + 1] != SENTENCE:
        k += 1   # the rest of a synonym ("back *passage*")
    return k
