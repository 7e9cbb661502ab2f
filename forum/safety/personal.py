"""Personal details a member may be about to publish: an email address (also
written out, "jo at gmail dot com"), a phone number in any country's format
(also spelled out, "oh seven seven..."), or a street address.

Phone numbers are read by `phonenumbers` (Google's libphonenumber data): a
run of digits counts when it is a valid number somewhere we try, or a
possible one written the way phone numbers are written (the fictional
07700 900xxx and 555-01xx numbers are possible but not valid). Addresses
are careful patterns: `pyap` was tried and found only complete addresses
with a town and postcode, for one country at a time, and missed
"17 Rose Avenue".
"""
import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException

from .reading import SENTENCE

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s*@\s*)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
MAIL_HOSTS = ("gmail|googlemail|hotmail|yahoo|outlook|icloud|aol|live|msn|protonmail|proton|gmx|btinternet|sky"
              "|virginmedia|yandex|zoho|fastmail|comcast|verizon|mail")
TOP_LEVEL = "com|org|net|co|uk|ie|au|ca|nz|us|de|fr|es|it|nl|edu|gov|io|me|info|biz|in|za"
# "jo dot bloggs at gmail dot com", "jo[at]example[dot]org": a known mail
# host, or a domain ending in a known top level.
_HOST = rf"(?:(?:{MAIL_HOSTS})\b(?:{_DOT}[a-z0-9-]+)*|[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}(?:{TOP_LEVEL})\b)"
WRITTEN_EMAIL = re.compile(rf"\b[a-z0-9][\w+-]*(?:{_DOT}[\w+-]+)*{_AT}{_HOST}", re.I)
# What follows the "at" of an address written out.
AT_HOST = re.compile(rf"{_AT}{_HOST}", re.I)
AT_MARKS = ("@", " at ", "[at]", "(at)", "{at}", "<at>")

# A run of digits that may be a phone number, with the separators people
# use. (The patterns here start with the character they need, not with a
# word boundary, which lets the regular expression engine skip ahead fast;
# `_word_starts` checks the boundary after.)
PHONE_RUN = re.compile(r"[+(\d][\d \t().\-/]{5,22}\d(?!\w)")
NOT_A_PHONE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{4}\s*[-/]\s*\d{2,4}|\d+\.\d+")
SINGLE_DIGITS = re.compile(r"(?<!\d)\d(?!\d)")
NANP_SHAPE = re.compile(r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}")
TRUNK_SHAPE = re.compile(r"\(?0\d{1,4}\)?[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){1,3}")
# Where a number written in national form may be from: with a trunk 0
# ("0151 496 0123") or without ("(202) 555-0143").
TRUNK_REGIONS = ("GB", "AU", "IE", "NZ", "ZA", "DE", "FR", "IN")
PLAIN_REGIONS = ("US", "IN", "ES", "IT")

DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
               "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
REPEATS = {"double": 2, "triple": 3}
SPELLED = frozenset(DIGIT_WORDS) | frozenset(REPEATS)

STREET = re.compile(
    r"\d{1,5}[a-z]?,?\s+((?:[a-z][\w'’.-]*\s+){1,3}?)(street|st|road|rd|avenue|ave|lane|ln|drive|boulevard|blvd"
    r"|crescent|terrace|grove|gardens|mews|parkway|highway|hwy|close|court|ct|place|way|row|walk|rise|view|hill"
    r"|circle|trail|square)\b", re.I)
# Street words that are also everyday words: "5 Church Close" is an address
# only when written with capitals, "3 weeks close" never.
AMBIGUOUS_STREETS = {"drive", "close", "court", "ct", "place", "way", "row", "walk", "rise", "view", "hill",
                     "circle", "trail", "square", "grove"}
NOT_STREET_NAMES = {
    "the", "a", "an", "of", "to", "in", "on", "at", "down", "up", "along", "across", "over", "under", "by", "my",
    "your", "his", "her", "our", "their", "this", "that", "more", "less", "other", "different", "each", "every",
    "times", "minutes", "mins", "minute", "hours", "hour", "days", "day", "weeks", "week", "months", "month",
    "years", "year", "miles", "mile", "km", "k", "metres", "meters", "feet", "foot", "steps", "reps", "sets",
    "sessions", "mg", "ml", "and", "or", "i", "we", "into", "onto", "from", "for", "with", "around", "yards",
}
# Other addresses: the name of a street before its number ("Via Roma 12"),
# the French order ("12 rue de la Paix"), a PO box, and postcodes written in
# capitals as they are ("LS6 2AB", "K1A 0B6", "IL 62704"). One pass each:
# one alternation of them all is several times slower.
OTHER_ADDRESSES = (
    re.compile(r"(?:Rue|Via|Viale|Calle|Avenida|Rua|Carrer|Piazza|Plaza)\s+(?:[A-Z][\w'’-]*\s+){1,4}?\d{1,4}\b"),
    re.compile(r"\d{1,4},?\s+(?:rue|avenue|boulevard|chemin|allée|place)\s+(?:de |du |des |la |l')*[A-Z][\w'’-]+"),
    re.compile(r"[Pp]\.?\s?[Oo]\.?\s+[Bb][Oo][Xx]\s+\d+"),
    re.compile(r"[A-Z](?:[A-Z]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}|\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)\b"),
    re.compile(r"(?:A[LKZR]|C[AOT]|DE|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]"
               r"|UT|V[TA]|W[AVIY]|DC),?\s+\d{5}(?:-\d{4})?\b"),
)
# ...and one whose name ends in the word for street ("Hauptstraße 71").
STREET_SUFFIXED = re.compile(
    r"(?:straße|strasse|str\.|weg|gasse|allee|platz|damm|laan|straat|gracht|vej|gatan)\s+\d{1,4}[a-z]?\b")
DIGITS = re.compile(r"\d+")


def personal_details(doc):
    """(start, end) of each personal detail in the post read as `doc`."""
    text = doc.text
    found = [m.span() for m in EMAIL.finditer(text)] if "@" in text else []
    for at in _written_ats(text):
        found += [m.span() for m in WRITTEN_EMAIL.finditer(text, max(0, at.start() - 80), at.end())]
    found += _spelled_numbers(doc)
    for lo, hi in _around_digits(text):
        found += [m.span() for m in PHONE_RUN.finditer(text, lo, hi) if _word_starts(text, m) and _phone(m.group())]
        found += [m.span() for m in STREET.finditer(text, lo, hi) if _word_starts(text, m) and _street(m)]
        for pattern in OTHER_ADDRESSES:
            found += [m.span() for m in pattern.finditer(text, lo, hi) if _word_starts(text, m)]
        found += [_whole_name(text, m) for m in STREET_SUFFIXED.finditer(text, lo, hi) if not _word_starts(text, m)]
    return _without_overlaps(found)


def _written_ats(text):
    """Each "at" (or "@") followed by what could be a mail host."""
    low = text.lower()
    for mark in AT_MARKS:
        place = low.find(mark)
        while place >= 0:
            found = AT_HOST.match(text, place)
            if found:
                yield found
            place = low.find(mark, place + 1)


def _around_digits(text):
    """The stretches of `text` around its digits, whole words, merged: every
    phone number and address has a digit, and most of a post has none."""
    runs = list(DIGITS.finditer(text))
    if len(runs) > 40:
        return [(0, len(text))]   # digits everywhere: one pass over it all
    stretches = []
    for digits in runs:
        lo = text.rfind(" ", 0, max(0, digits.start() - 60)) + 1
        hi = text.find(" ", min(len(text), digits.end() + 50))
        hi = len(text) if hi < 0 else hi
        if stretches and lo <= stretches[-1][1] + 200:   # near enough: one pass is cheaper than two
            stretches[-1][1] = hi
        else:
            stretches.append([lo, hi])
    return stretches


@lru_cache(maxsize=4096)   # a post is checked again as it is previewed, sent and edited
def _phone(written):
    written = written.strip()
    digits = sum(c.isdigit() for c in written)
    if not 7 <= digits <= 15 or NOT_A_PHONE.fullmatch(written) or len(SINGLE_DIGITS.findall(written)) > 2:
        return False   # too short or long, a date, or a list of small numbers
    if written.startswith(("+", "00")):
        return _plausible("+" + written[2:] if written.startswith("00") else written, None, digits >= 8)
    if written.isdigit() and not (written.startswith("0") or digits == 10):
        return False   # an order or reference number, not a phone number run together
    shaped = bool(NANP_SHAPE.fullmatch(written) or TRUNK_SHAPE.fullmatch(written))
    regions = TRUNK_REGIONS if written.lstrip("(").startswith("0") else PLAIN_REGIONS
    return any(_plausible(written, region, shaped) for region in regions)


def _plausible(written, region, shaped):
    """Valid for `region`, or possible there and written as a phone number is."""
    try:
        number = phonenumbers.parse(written, region)
    except NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) or (shaped and phonenumbers.is_possible_number(number))


def _spelled_numbers(doc):
    """Runs of at least seven digits with at least three said in words."""
    if SPELLED.isdisjoint(doc.raw):
        return []
    runs, run = [], []
    for i in [i for i, raw in enumerate(doc.raw) if raw in SPELLED or raw.isdigit()]:
        if run and (run[-1] != i - 1 or doc.breaks[i] == SENTENCE):
            runs.append(run)
            run = []
        run.append(i)
    runs.append(run)
    return [(doc.starts[run[0]], doc.ends[run[-1]]) for run in runs
            if sum(not doc.raw[i].isdigit() for i in run) >= 3 and len(_digits(doc.raw, run)) >= 7]


def _digits(raw, run):
    digits, repeat = "", 1
    for i in run:
        if raw[i] in REPEATS:
            repeat = REPEATS[raw[i]]
            continue
        digit = DIGIT_WORDS.get(raw[i], raw[i])
        digits += digit[0] * repeat + digit[1:]
        repeat = 1
    return digits


def _word_starts(text, match):
    """The match starts a word: "(555)" and "+44" do, the "5" of "A5" doesn't."""
    start = match.start()
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "+_")


def _street(match):
    names = match.group(1).split()
    if any(name.lower().strip(".") in NOT_STREET_NAMES or name[0].isdigit() for name in names):
        return False
    if match.group(2).lower() in AMBIGUOUS_STREETS:
        return all(word[0].isupper() for word in names + [match.group(2)])
    return True


def _whole_name(text, match):
    """The span of "Hauptstraße 71" where the pattern found "straße 71"."""
    start = match.start()
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        start -= 1
    return start, match.end()


def _without_overlaps(spans):
    kept = []
    for start, end in sorted(spans):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept
