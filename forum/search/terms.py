"""What a person typed, as the words and phrases the index is asked for.

User input never reaches the database as query syntax: it is cut into
words of letters and digits here, and each backend quotes them itself
("stretches" in FTS5, plainto_tsquery(:word) in PostgreSQL). Double quotes
mark a phrase; everything else that is not a letter or a digit separates
words, so `"`, `NEAR(`, `AND OR` or a line of punctuation can never be
read as an operator.

Very common words ("the", "and", "not") are left out on both databases
alike: PostgreSQL's English configuration drops them, and SQLite would
otherwise match nearly every post with them.
"""
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

# Letters and digits of any script; "_" separates, as the tokenizers do.
WORD = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]*)"')

# PostgreSQL's English stop words (tsearch_data/english.stop), so both
# databases ignore the same words.
_ENGLISH_STOP_LIST = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it
its itself they them their theirs themselves what which who whom this that these those am is are was were be been
being have has had having do does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on off over under again further
then once here there when where why how all any both each few more most other some such no nor not only own same so
than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_ENGLISH_STOP_LIST.split())

MAX_CHARACTERS = 500  # of the query; a pasted page is cut, not refused
MAX_TERMS = 8  # words and phrases together
MAX_PHRASE_WORDS = 8
MAX_WORD_LENGTH = 40  # longer "words" are never in a post worth finding
RELATED_TERMS = 10


@dataclass(frozen=True)
class Query:
    """Words and phrases every result must contain (all of them), or the
    reason there is nothing to search for: "empty" (nothing typed),
    "no_words" (only punctuation or symbols), "only_common" (only words too
    common to search for). `shortened` says some of what was typed was left
    out (past MAX_CHARACTERS or MAX_TERMS)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    problem: str | None = None
    shortened: bool = False

    @property
    def searchable(self):
        return self.problem is None

    @property
    def highlighted(self):
        """Every word a result may show marked, for the page's summary."""
        return self.words + tuple(w for phrase in self.phrases for w in phrase)


def words_of(text):
    """The words of `text`, lowercased, in order; over-long ones left out."""
    return [w for w in WORD.findall(text.lower()) if len(w) <= MAX_WORD_LENGTH]


def _searchable(words):
    return [w for w in words if w not in STOP_WORDS]


def parse(raw):
    """The Query for what was typed in the search box."""
    raw = (raw or "").strip()
    if not raw:
        return Query(problem="empty")
    shortened = len(raw) > MAX_CHARACTERS
    if shortened:
        cut = raw[:MAX_CHARACTERS]
        # Cut between words: half a word would find nothing.
        if not raw[MAX_CHARACTERS].isspace() and len(cut.split()) > 1:
            cut = cut.rsplit(None, 1)[0]
        raw = cut
    phrases, loose, typed = [], [], []
    for found in PHRASE.findall(raw):
        words = words_of(found)
        typed += words
        shortened = shortened or len(words) > MAX_PHRASE_WORDS
        words = tuple(words[:MAX_PHRASE_WORDS])
        if len(words) == 1:
            loose.append(words[0])
        # A phrase of only common words would find nothing useful.
        elif _searchable(words) and words not in phrases:
            phrases.append(words)
    rest = words_of(PHRASE.sub(" ", raw))
    typed += rest
    words = list(dict.fromkeys(_searchable(loose + rest)))
    if not words and not phrases:
        return Query(problem="only_common" if typed else "no_words", shortened=shortened)
    room = max(0, MAX_TERMS - len(phrases))
    shortened = shortened or len(phrases) > MAX_TERMS or len(words) > room
    return Query(words=tuple(words[:room]), phrases=tuple(phrases[:MAX_TERMS]), shortened=shortened)


def related_terms(title, story, body, limit=RELATED_TERMS):
    """The words a thread is most about, for finding threads like it: every
    word of its title and its story's labels first, then its first post's
    most repeated words (longer words first among equals, as they say more)."""
    chosen = list(dict.fromkeys(w for w in _searchable(words_of(f"{title} {story}")) if len(w) > 2))
    counts = Counter(w for w in _searchable(words_of(body)) if len(w) > 2 and not w.isdigit())
    for word, _ in sorted(counts.items(), key=lambda item: (-item[1], -len(item[0]), item[0])):
        if len(chosen) >= limit:
            break
        if word not in chosen:
            chosen.append(word)
    return chosen[:limit]


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to. `author_ids` None means anyone (an empty
    tuple, nobody); `since` and `until` are days, both included; `members`
    says whether members-only threads may be searched (the reader is signed in)."""

    category_id: int | None = None
    author_ids: tuple[int, ...] | None = None
    since: date | None = None
    until: date | None = None
    members: bool = False
