"""When a listed phrase is found but is not news about the writer: it is
denied ("no numbness down there"), imagined ("go to A&E if I ever..."),
someone else's ("my aunt had cauda equina"), over ("had retention two years
ago, fine since"), or a general remark ("can sciatica cause numbness down
there?").

A post is read as sentences; a sentence as clauses, cut at "but",
"although" and the like; a clause as segments, cut where a comma or an "and"
starts a new statement ("no fever, my groin is numb"). A denial reaches to
the next punctuation, a condition to the end of its segment, so one denied
symptom doesn't hide another.

The cue words are kept here, in code: the lists moderators keep hold only
what to look for.
"""
import re
from bisect import bisect_left

from .cues import (ALL_CLEAR, ALL_CLEAR_REACH, CURRENT, FIRST_PERSON, GENERAL, HYPOTHETICAL, HYPOTHETICAL_CRISIS,
                   NEGATION_REACH, NEGATIONS, NOT_DENIALS, NOT_THIRD, NOW, OVER, PAST, QUESTION_OPENERS, REALISED,
                   RECURRENCE, SPEAKERS, THIRD_PERSON, THIRD_PERSON_OWN, YEAR_INTRODUCERS)
from .reading import SENTENCE

# A markdown list item: "- numbness", "* fever", "1. weakness".
BULLET = re.compile(r"[ \t]*(?:[-*•–]|\d+[.)])[ \t]")


def reason_to_ignore(doc, first, last, phrase=(), crisis=False, history=False):
    """Why the phrase read at words `first`..`last` is not news about the
    writer ("denied", "imagined", "someone else", "over", "general"), or None
    when it is. A history (cancer) is never "over"; crisis words are only
    "imagined" in advice to others or a question put to the writer, never in
    "I wonder if..."; a crisis phrase whose subject is someone else still
    counts when the writer speaks in the sentence ("my kids would be better
    off without a mum like me, I think about that")."""
    segment = _bounds(doc.segment, first)
    sentence = _sentence(doc, first, last)
    if _denied(doc, first, last, phrase, segment):
        return "denied"
    if _imagined(doc, first, last, segment, sentence, crisis):
        return "imagined"
    someone = _someone_else(doc, first, last, segment[0])
    if someone == "own" or (someone and not (crisis and _speaks(doc, (last + 1, sentence[1])))):
        return "someone else"
    if not history and _over(doc, first, last, segment, sentence):
        return "over"
    if _general(doc, first, last, segment, ask=not crisis) or _in_a_general_list(doc, first):
        return "general"
    return None


def _bounds(starts, i):
    hi = i
    while hi < len(starts) and starts[hi] == starts[i]:
        hi += 1
    return starts[i], hi


def _sentence(doc, first, last):
    lo, hi = first, last + 1
    while lo > 0 and doc.breaks[lo] != SENTENCE:
        lo -= 1
    while hi < len(doc.words) and doc.breaks[hi] != SENTENCE:
        hi += 1
    return lo, hi


def _speaks(doc, span):
    return any(doc.words[k] in SPEAKERS for k in range(*span))


def _denied(doc, first, last, phrase, segment):
    """A denial just before the phrase, with no punctuation between, or
    inside it ("numbness isn't in my groin"); or an all-clear just after."""
    lo = first
    while lo > max(segment[0], first - NEGATION_REACH) and not doc.breaks[lo]:
        lo -= 1
    for k in [*range(lo, first), *range(first + 1, last)]:
        if NEGATIONS.at(doc, k) and not NOT_DENIALS.at(doc, k) and doc.words[k] not in phrase:
            return True
    return ALL_CLEAR.any_in(doc, last + 1, min(segment[1], last + 1 + ALL_CLEAR_REACH))


def _imagined(doc, first, last, segment, sentence, crisis):
    """A condition or a warning before the phrase, unless the sentence goes
    on to say it came true ("...if I lost bladder control, and today it happened")."""
    if not (HYPOTHETICAL_CRISIS if crisis else HYPOTHETICAL).any_in(doc, segment[0], first):
        return False
    return not REALISED.any_in(doc, last + 1, sentence[1])


def _someone_else(doc, first, last, lo):
    """"own" when the phrase has a his/her in it, "named" when the nearest
    person named before it is not the writer, else None."""
    span = doc.words[first:last + 1]
    if any(w in FIRST_PERSON for w in span) or _mine_just_before(doc, first, lo):
        return None
    if NOT_THIRD.any_in(doc, lo, first):
        return None   # "does anyone else think about killing themselves?"
    if any(w in THIRD_PERSON_OWN for w in span):
        return "own"
    for k in range(first - 1, lo - 1, -1):
        if doc.words[k] in SPEAKERS:
            return None
        if doc.words[k] in THIRD_PERSON and not NOT_THIRD.at(doc, k):
            return "named"
    return None


def _mine_just_before(doc, first, lo):
    """"my ankle strength has dropped", not "my mum lost control"."""
    return any(doc.words[k] == "my" and doc.words[k + 1] not in THIRD_PERSON for k in range(max(lo, first - 2), first))


def _over(doc, first, last, segment, sentence):
    """The sentence tells of a past episode, or one that has cleared up, and
    neither the phrase's own segment nor what follows says it is back."""
    finished, past = set(), False
    for k in range(*sentence):
        length = 0 if first <= k <= last or _denied_before(doc, k) else OVER.at(doc, k)
        finished.update(range(k, k + length))
        past = past or bool(length or PAST.at(doc, k)) or _a_year_ago(doc, k)
    if not past:
        return False
    now = [k for k in range(*segment) if k not in finished and not first <= k <= last]
    if any(CURRENT.at(doc, k) for k in now):
        return False
    return not any(RECURRENCE.at(doc, k) for k in range(last + 1, sentence[1]) if k not in finished)


def _denied_before(doc, k):
    """"won't settle" is not "settled"."""
    return any(NEGATIONS.at(doc, j) for j in range(max(0, k - 2), k))


def _a_year_ago(doc, k):
    raw = doc.raw[k]
    return len(raw) == 4 and raw.isdigit() and "1950" <= raw <= "2029" and k > 0 and doc.words[k - 1] in YEAR_INTRODUCERS


def _general(doc, first, last, segment, ask):
    """A remark or question about a condition ("can sciatica cause...?"),
    with nobody in the segment who is the writer, and nothing said of now."""
    words, (lo, hi) = doc.words, segment
    if any(w in FIRST_PERSON for w in words[lo:hi]) or NOT_THIRD.any_in(doc, lo, hi):
        return False
    if any(CURRENT.at(doc, k) for k in range(lo, hi) if not first <= k <= last):
        return False
    if GENERAL.any_in(doc, lo, first) or GENERAL.any_in(doc, last + 1, hi):
        return True
    return ask and _asked_in_general(doc, *_sentence(doc, last, last))


def _in_a_general_list(doc, first):
    """A list item that says nothing of the writer or of now ("- weakness in
    both legs"), under an introduction that warns or explains ("If you ever
    have any of these, go to A&E:"), is part of a general list."""
    text = doc.text
    line = text.rfind("\n", 0, doc.starts[first]) + 1
    if not BULLET.match(text, line):
        return False
    end = text.find("\n", doc.starts[first])
    item = _words_within(doc, line, len(text) if end < 0 else end)
    if any(doc.words[k] in FIRST_PERSON or NOW.at(doc, k) for k in range(*item)):
        return False
    while line > 0:   # up to the nearest line that is not an item
        above = text.rfind("\n", 0, line - 1) + 1
        if text[above:line].strip() and not BULLET.match(text, above):
            lo, hi = _words_within(doc, above, line)
            if HYPOTHETICAL.any_in(doc, lo, hi):
                return True
            mine = any(w in FIRST_PERSON for w in doc.words[lo:hi])   # "My symptoms:"
            return not mine and (GENERAL.any_in(doc, lo, hi) or "you" in doc.words[lo:hi])
        line = above
    return False


def _words_within(doc, start, end):
    """The places of the words between characters `start` and `end`."""
    return bisect_left(doc.starts, start), bisect_left(doc.starts, end)


def _asked_in_general(doc, start, end):
    """The sentence is a question put in general ("Can sciatica...?", "Is it
    normal...?"), and the next one doesn't say it is happening now ("Is
    faecal incontinence a thing? It started 2 days ago")."""
    if doc.words[start] not in QUESTION_OPENERS:
        return False
    gap = doc.text[doc.ends[end - 1]:doc.starts[end] if end < len(doc.words) else len(doc.text)]
    if "?" not in gap:
        return False
    return end >= len(doc.words) or not CURRENT.any_in(doc, end, _sentence(doc, end, end)[1])
