"""The cue words that say whether a phrase found is news about the writer.
They live in code, not in the lists: moderators keep what to look for, the
code knows how people deny, imagine, report others and look back."""
from .words import apply_synonyms, canon, words_of


class Cues:
    """A set of cue expressions, matched word by word against a post."""

    def __init__(self, *expressions):
        self.first = {}
        for expression in expressions:
            key = tuple(w for w in apply_synonyms(words_of(expression)) if w)
            self.first.setdefault(key[0], []).append(key)

    def at(self, doc, i):
        """How many words the cue starting at word `i` of `doc` covers (0 for
        none); a cue never reaches across punctuation."""
        for key in self.first.get(doc.words[i], ()):
            end = i + len(key)
            if tuple(doc.words[i:end]) == key and not any(doc.breaks[i + 1:end]):
                return len(key)
        return 0

    def any_in(self, doc, lo, hi):
        return any(self.at(doc, k) for k in range(max(lo, 0), min(hi, len(doc.words))))


def _read(*words):
    return frozenset(canon(w) for w in words)


# What starts a new statement after a comma or an "and".
SUBJECTS = _read("i", "im", "ive", "id", "me", "my", "it", "its", "he", "hes", "she", "shes", "they",
                 "theyre", "we", "this", "that", "there", "now", "then", "you", "your", "today", "yesterday")
# What starts a new clause.
TURNS = _read("but", "however", "although", "though", "except", "whereas", "yet", "anyway", "unfortunately",
              "otherwise", "apart")
# The writer as the one speaking, and anywhere in a phrase.
SPEAKERS = _read("i", "im", "ive", "id")
FIRST_PERSON = SPEAKERS | _read("me", "my", "myself", "mine")

NEGATIONS = Cues("no", "not", "never", "without", "none", "nothing", "nor", "neither", "nobody", "free of",
                 "denies", "deny", "ruled out", "rule out")
# Negative words that deny nothing about what follows.
NOT_DENIALS = Cues("no idea", "no clue", "not sure", "no doubt", "no matter", "no wonder", "not only",
                   "don't know", "don't understand", "don't care", "no reason why", "not just", "never know",
                   "nothing helps", "nothing works", "didn't realise", "didn't realize", "without realising",
                   "without knowing", "never had that before", "never happened before", "not normal")
NEGATION_REACH = 5
# Words after a symptom that say it is absent or normal: "bladder and bowels fine".
ALL_CLEAR = Cues("fine", "normal", "ok", "okay", "intact", "unaffected", "working fine", "all clear", "no problem",
                 "no issue", "ruled out", "excluded", "negative", "nope", "none")
ALL_CLEAR_REACH = 4

HYPOTHETICAL = Cues("if", "unless", "whether", "in case", "what if", "watch out for", "look out for",
                    "watch for", "keep an eye out", "warned", "warning sign", "sign of", "symptom of", "such as",
                    "for example", "eg", "told me to", "told to", "advised", "check for", "checked for",
                    "asked about", "red flag", "worried about", "afraid of", "scared of", "fear", "terrified of",
                    "in the event", "imagine", "ever get", "ever have", "ever lose", "one day", "someday",
                    "read about", "reading about", "googled", "googling", "screen for", "screen new")
# Conditions for crisis words: advice to others and questions asked, not "I wonder if...".
HYPOTHETICAL_CRISIS = Cues("if you", "in case", "sign of",
                           "warning sign", "such as", "for example", "eg", "told to", "asked if", "asked me if",
                           "asked whether", "asks if", "asked about", "ask about")

THIRD_PERSON = _read(
    "he", "hes", "hed", "she", "shes", "they", "theyre", "theyve", "theyd", "him", "them", "someone", "somebody",
    "anyone", "anybody", "people", "person", "patient", "client", "you", "youre", "youve", "youd", "mum", "mom",
    "mother", "dad", "father", "husband", "wife", "partner", "son", "daughter", "sister", "brother", "aunt",
    "auntie", "uncle", "cousin", "gran", "granny", "grandma", "grandmother", "grandad", "grandpa",
    "grandfather", "niece", "nephew", "boyfriend", "girlfriend", "fiance", "fiancee", "colleague", "coworker",
    "neighbour", "neighbor", "boss", "friend", "mate", "child", "kid", "baby", "dog", "cat", "physio",
    "doctor", "gp", "consultant", "surgeon", "nurse", "therapist", "chiro", "osteo", "neurologist",
    "specialist", "op", "poster", "article", "leaflet", "website", "guy", "lady", "woman", "man", "lad",
    "bloke", "chap", "girl", "boy", "member", "someones")
THIRD_PERSON_OWN = _read("his", "her", "their", "him", "them", "herself", "himself", "themselves")
NOT_THIRD = Cues("anyone else", "anybody else", "anyone other", "everyone else", "other people")

PAST = Cues("years ago", "year ago", "months ago", "month ago", "long time ago", "long ago", "decade",
            "last year", "years back", "back in", "used to", "in the past", "previously", "when i was",
            "as a child", "as a kid", "as a teenager", "at the time", "years earlier", "years before",
            "once before", "for years", "for decades", "there was a time", "that was before", "went through a phase",
            "at one point")
OVER = Cues("fine since", "fine now", "ok since", "okay since", "ok now", "okay now", "normal since",
            "normal ever since", "all good", "better now", "doing better", "doing well", "much better",
            "resolved", "recovered", "recovery", "go away", "cleared up", "clear up", "settled down", "settled",
            "back to normal", "no problem since", "no issue since", "never came back", "not come back",
            "not had it since", "never had it again", "never happened again", "since i last", "not since",
            "better place", "good place", "got help", "thankfully", "no longer", "not anymore",
            "over it", "years now", "months now", "sorted itself out", "it lifted", "that lifted",
            "has lifted", "it passed", "that passed", "has passed")
CURRENT = Cues("now", "again", "today", "tonight", "yesterday", "this morning", "this afternoon",
               "this evening", "this week", "last night", "currently", "still", "recently", "right now",
               "at the moment", "suddenly", "getting worse", "new", "since", "keep", "every day",
               "daily", "days ago", "day ago", "hours ago", "week ago", "weeks ago", "last week", "past few days",
               "lately", "anymore", "over the last", "in the last", "last few", "past few", "last ten days")
# When a list item says it is happening now ("- numb since Tuesday").
NOW = Cues("now", "today", "tonight", "yesterday", "this morning", "this week", "last night", "since",
           "days ago", "hours ago", "currently", "right now", "at the moment")
# What says an episode that was over is back, wherever it comes after.
RECURRENCE = Cues("again", "come back", "back again", "returned", "recurred", "its back", "this week",
                  "today", "yesterday", "since yesterday", "this morning")
# What says a condition came true: "...if I lost bladder control, and today it happened".
REALISED = Cues("it happened", "that happened", "it has happened", "it did happen", "and now it has", "and today",
                "i lied", "the truth is", "truth is")
# How a general question starts: "Can sciatica cause...?", "Is it normal...?"
QUESTION_OPENERS = _read("can", "could", "does", "do", "did", "is", "are", "would", "should", "will", "what",
                         "why", "how", "which", "has", "have")
YEAR_INTRODUCERS = _read("in", "back", "during", "from")

GENERAL = Cues("cause", "symptom", "sign", "red flag", "rare", "common", "risk", "rate", "statistic", "study",
               "research", "mean", "emergency", "syndrome", "condition", "typical", "usually", "awareness",
               "prevention", "article", "leaflet", "nhs", "urgent", "is it true", "documentary", "film",
               "book", "podcast", "news", "reading about", "read about", "investigate")

# Conditions whose history is itself the warning: a past cancer is not "over".
HISTORY = _read("cancer", "tumour", "tumor", "lymphoma", "myeloma", "leukaemia", "leukemia", "metastatic",
                "metastases", "chemo", "chemotherapy", "radiotherapy", "oncologist", "carcinoma", "sarcoma",
                "melanoma", "malignant", "malignancy", "remission", "mastectomy")
