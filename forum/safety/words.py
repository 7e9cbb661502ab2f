"""How the checks read words, the same way for a post and for a phrase on a
list: lower case, no apostrophes ("can't" -> "cant"), a light stem so that
plurals and -ing/-ed forms meet ("numbness", "numbed" -> "numb"), the many
ways of saying one thing read as one word ("unable to" -> "cant", "no
feeling" -> "numb", "back passage" -> "saddle"), and a slip of one letter
forgiven in longer words ("bladdr").

All of this is applied to both sides, so a moderator writes a phrase in
plain words and it matches however a member puts it.
"""
import re
from functools import cache

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Irregular forms, read as their plain form before stemming.
IRREGULAR = {
    "lost": "lose", "losing": "lose", "loss": "lose", "losses": "lose", "dying": "die", "died": "die",
    "dies": "die", "gave": "give", "given": "give", "felt": "feel", "went": "go", "gone": "go", "wanna": "want",
    "peed": "pee", "took": "take", "taken": "take", "thought": "think", "told": "tell", "said": "say",
    "fell": "fall", "woke": "wake", "woken": "wake", "kept": "keep", "slept": "sleep", "feet": "foot",
    "children": "child", "women": "woman", "men": "man", "lying": "lie", "tried": "try", "came": "come",
    "bled": "bleed", "ran": "run", "stood": "stand", "going": "go", "doing": "do",
}

# One word read as another, before stemming: every denial reads "not",
# every inability "cant", every part of the saddle area "saddle".
WORD_SYNONYMS = {
    "cant": ("cannot", "couldnt", "unable"),
    "not": ("dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "wont",
            "wouldnt", "aint", "shouldnt"),
    "numb": ("numbness", "tingling", "tingly", "tingle", "tingles", "anaesthesia", "anesthesia"),
    "saddle": ("groin", "groins", "genitals", "genital", "privates", "vagina", "penis", "scrotum", "testicles",
               "labia", "anus", "rectum", "perineum", "perineal", "crotch", "butthole", "arsehole"),
    "pee": ("wee", "wees", "weeing", "urinate", "urinating", "urine", "piss", "pissing"),
    "poo": ("poop", "pooing", "pooping"),
    "weak": ("weakness", "buckle", "buckled", "buckles", "buckling", "collapsed", "collapsing", "jelly", "heavy"),
    "bothlegs": ("bilateral", "bilaterally"),
    "fever": ("feverish", "chills", "rigors"),
    "temperature": ("temp", "temps", "thermometer"),
    "weight": ("kg", "kgs", "kilos", "kilo", "lbs", "lb", "pounds", "stone", "stones"),
    "suicide": ("suicidal",),
    "pill": ("pills", "tablet", "tablets", "meds", "medication", "medications", "painkillers", "tramadol",
             "amitriptyline", "pregabalin", "gabapentin", "codeine", "codamol", "paracetamol", "ibuprofen",
             "naproxen", "diazepam", "morphine", "oxycodone", "duloxetine", "sertraline", "opioids", "opiates"),
    "clothes": ("trousers", "jeans", "trouser"),
    "lose": ("dropped",),
    # Common slips that are words in their own right, read as meant here.
    "bowel": ("bowls",),
    "when": ("wen",),
    "night": ("nite",),
    "incontinent": ("incontinence",),
}

# Several words read as one, after stemming.
PHRASE_SYNONYMS = {
    "im": ["i am"],
    "cant": ["can not", "not able", "not been able", "no longer able"],
    "numb": ["cant feel", "no feeling", "no sensation", "lose feeling", "lose sensation", "lose the feeling",
             "lose the sensation", "lose all feeling", "lose all sensation", "lack of feeling",
             "lack of sensation", "reduced sensation", "reduced feeling", "altered sensation", "dead feeling",
             "feel dead", "go dead", "pins and needles"],
    "saddle": ["private parts", "back passage", "bum hole", "inner thigh", "between my leg", "between the leg",
               "between leg", "down there"],
    "weak": ["give way", "give out", "not take my weight", "not hold me up", "not hold my weight", "hold me up"],
    "bothlegs": ["both leg", "both my leg", "both of my leg", "both side", "either side", "either leg",
                 "neither leg", "both calf", "both calve", "both thigh", "both knee", "both foot", "both of them"],
    "fever": ["hot and cold", "the shivers"],
    "poo": ["open my bowel", "bowel movement", "number two"],
    "pee": ["pass water", "pass pee"],
    "selfharm": ["self harm"],
    "weight": ["dress size", "clothes size"],
}

# Small words a phrase is written with but that carry no meaning of their
# own here: left out of a phrase, and skipped between its words in a post.
FILLERS = {
    "i", "ive", "a", "an", "the", "my", "your", "our", "his", "her", "their", "its", "of", "to", "in", "on",
    "at", "for", "with", "from", "into", "around", "round", "about", "is", "are", "am", "be", "been", "being",
    "was", "were", "have", "has", "had", "do", "does", "did", "just", "really", "very", "too", "quite", "any",
    "some", "even", "actually", "literally", "totally", "completely", "fully", "basically", "kind", "sort",
    "bit", "lot", "much", "also", "that", "which", "who", "area", "region", "whole", "pretty", "properly",
}
# Words that join two statements: a phrase never reaches across one.
JOINERS = {"and", "or", "but", "because", "when", "while", "if", "then", "though", "although", "cos"}

# Typos are forgiven only in words at least this long, and only when the
# slip keeps the first letter and is not itself an English word
# ("dancer" is never read as "cancer").
TYPO_MIN_LENGTH = 5
# "a temperature of 38.5", "temp's 102": a reading this high is a fever.
FEVER_READINGS = {str(n) for n in (*range(38, 43), *range(100, 108))}


def plain(token):
    return token.lower().replace("'", "").replace("’", "")


def _undouble(word):
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] in "bdgmnprt":
        return word[:-1]
    return word


def stem(word):
    """A light stem: 'numbness' -> 'numb', 'legs' -> 'leg', 'losing' -> 'los'."""
    word = IRREGULAR.get(word, word)
    if len(word) <= 3:
        return word
    if word.endswith("ness") and len(word) > 6:
        word = word[:-4]
    elif word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("ing") and len(word) > 5:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) > 4:
        word = _undouble(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3 and word != "here":   # "here" is not "her"
        word = word[:-1]
    return word


_WORD_TABLE = {variant: stem(canonical) for canonical, variants in WORD_SYNONYMS.items() for variant in variants}
WEIGHT, TEMPERATURE, FEVER = stem("weight"), stem("temperature"), stem("fever")


def canon(raw):
    """One plain word as the checks read it (without typo forgiveness)."""
    if raw[:1].isdigit() and raw.lstrip("0123456789") in ("kg", "kgs", "lb", "lbs", "st"):
        return WEIGHT   # "6kg", "9lb"
    return _WORD_TABLE.get(raw) or stem(raw)


def words_of(text):
    """The words of `text` as read, in order (no typo forgiveness, no phrase synonyms)."""
    return [canon(plain(t)) for t in TOKEN.findall(text)]


def _phrase_synonym_table():
    table = {}
    for canonical, variants in PHRASE_SYNONYMS.items():
        for variant in variants:
            key = tuple(words_of(variant))
            table.setdefault(key[0], []).append((key, stem(canonical)))
    for entries in table.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return table


PHRASE_TABLE = _phrase_synonym_table()
SYNONYM_STARTS = frozenset(PHRASE_TABLE) | {TEMPERATURE}


def apply_synonyms(words):
    """Rewrite `words` in place: the first word of a phrase synonym becomes
    its canonical word, the rest become "" (skipped when matching); a
    temperature with a fever reading becomes "fever"."""
    done = 0
    for i in [i for i, word in enumerate(words) if word in SYNONYM_STARTS]:
        if i < done:
            continue   # inside a synonym already read
        if words[i] == TEMPERATURE and any(w in FEVER_READINGS for w in words[i + 1:i + 5]):
            words[i] = FEVER
        for key, canonical in PHRASE_TABLE.get(words[i], ()):
            if tuple(words[i:i + len(key)]) == key:
                words[i:i + len(key)] = [canonical] + [""] * (len(key) - 1)
                done = i + len(key)
                break
    return words


FILLER_STEMS = frozenset(stem(w) for w in FILLERS)
JOINER_STEMS = frozenset(stem(w) for w in JOINERS)


def phrase_words(phrase, literal=False):
    """The words a phrase is matched by: read as a post is, fillers left out
    (kept when `literal`: a figure of speech is said one way, "that was the
    end of it"). An "I" inside a phrase is kept ("if I was gone" is not "if
    the pain was gone"); at its start it is left out, as members often do."""
    words = [w for w in apply_synonyms(words_of(phrase)) if w]
    if literal:
        return tuple(words)
    while words and words[0] in FILLER_STEMS:
        del words[0]
    return tuple(w for w in words if w not in FILLER_STEMS or w == "i")


def one_edit_apart(a, b):
    """True when `a` becomes `b` by one insertion, deletion, substitution or
    swap of neighbouring letters."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i:i + 2][::-1] == b[i:i + 2] and a[i + 2:] == b[i + 2:]
        return a[i + 1:] == b[i + 1:] or swapped
    if len(a) > len(b):
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def _deletions(word):
    return {word[:i] + word[i + 1:] for i in range(len(word))} | {word}


@cache
def english_words():
    """Real English words (about 160,000), loaded on the first near miss: a
    word that is one letter from a listed word is forgiven as a typo only
    when it is not a word in its own right."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


class Vocabulary:
    """The listed words, and how a post's word is read against them."""

    def __init__(self, phrases):
        self.known = set()
        self._near = {}
        for phrase in phrases:
            for token in TOKEN.findall(phrase):
                raw = plain(token)
                self.known.add(canon(raw))
                for form in {raw, stem(raw)}:
                    if len(form) >= TYPO_MIN_LENGTH - 1:
                        for key in _deletions(form):
                            self._near.setdefault(key, set()).add(form)
        self._cache = {}

    def read(self, token):
        """How the checks read `token`: as its own word, or as the listed word it is a slip of."""
        word = self._cache.get(token)
        if word is None:
            word = self._read(plain(token))
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[token] = word
        return word

    def _read(self, raw):
        word = canon(raw)
        if word in self.known or len(raw) < TYPO_MIN_LENGTH or not raw.isalpha():
            return word
        for form in (raw, stem(raw)):
            found = {canon(near) for key in _deletions(form) for near in self._near.get(key, ())
                     if near[0] == form[0] and one_edit_apart(form, near)}
            if len(found) == 1 and raw not in english_words():
                return found.pop()
        return word
