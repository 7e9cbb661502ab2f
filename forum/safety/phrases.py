"""The phrase lists a new forum starts with, and what makes a phrase one a
moderator can't add.

A phrase is written in plain words, the way a member would say it. It
matches however it is inflected ("legs", "losing"), with small words such as
"my" or "the" in any place and up to two other words between its words, with
a slip of one letter in a long word, and with the everyday variants the
checks know ("can't" reads "cannot", "unable to"; "numb" reads "numbness",
"no feeling", "pins and needles"; "groin", "down there" and "back passage"
read "saddle"; "pee" reads "wee", "pass urine"). A symptom of two words
matches either way round ("saddle numbness", "numb saddle"). Three dots
join words that may be apart in one clause: "lost weight ... without
trying". A harmless phrase is a figure of speech and matches only as said,
small words included. A phrase counts only when the writer says it of
themselves, now: "no numbness", "if I ever...", "my aunt had..." and "years
ago, fine since" are set aside by the checks, not by the lists.
"""
from .words import FILLER_STEMS, JOINER_STEMS, phrase_words, words_of

KINDS = ("red_flag", "crisis", "harmless")
LONGEST = 200

RED_FLAGS = [
    # Bladder and bowel control lost, or not able to pass urine.
    "lost control of my bladder", "lost control of my bowels", "loss of bladder control", "loss of bowel control",
    "can't control my bladder", "can't control my bowels", "no bladder control", "no bowel control",
    "bladder control has gone", "no control over my bladder", "no control over my bowels",
    "wet myself", "peed myself", "soiled myself", "pooed myself", "wet the bed", "peeing the bed",
    "woke up soaked", "woke up wet", "accident in bed", "marks in my pants", "marks in my underwear",
    "incontinent", "leaking urine", "leaking poo", "bladder accidents", "accidents with my bowels",
    "not getting any warning", "no warning before I need", "urinary retention", "retention", "can't pee",
    "can't empty my bladder", "bladder won't empty", "never feels empty", "nothing comes out",
    "pee and nothing happens", "trouble passing urine", "difficulty peeing", "straining to pee", "start peeing",
    "can't feel when I need to pee", "can't tell when I need to pee", "don't know when I need to pee",
    "can't feel my bladder", "can't tell when my bladder is full", "can't feel when my bladder is full",
    "can't feel myself peeing", "can't feel when I poo", "don't feel the urge to go", "no urge to pee",
    "can't tell if I've been to the toilet",
    # Numbness in the saddle area (groin, genitals, inner thighs, around the anus, "down there").
    "saddle numbness", "saddle anaesthesia", "numbness in my groin", "numb down there", "numb between my legs",
    "numbness in my inner thighs", "numb around my back passage", "tingling around my anus",
    "pins and needles in my groin", "can't feel down there", "can't feel when I wipe",
    "can't feel the toilet paper", "numb when I wipe",
    # Weakness in both legs, or weakness getting worse.
    "weakness in both legs", "both legs giving way", "numbness in both legs", "weakness getting worse",
    "weak ... getting worse", "getting weaker", "weaker and weaker", "weaker every day", "weaker each day",
    "each day ... weaker", "weaker by the day", "steadily weaker", "weaker than yesterday", "weaker than it was",
    "weakness is spreading", "losing strength", "strength is going", "foot drop", "can't lift my foot",
    "dragging my foot", "dragging both feet", "can't stand on my heels", "can't stand on my toes",
    "strength ... dropped",
    # Pain with fever ("a temperature of 38" reads as fever).
    "fever", "high temperature", "running a temperature", "night sweats", "sweating at night",
    # Pain with a history of cancer.
    "cancer", "tumour", "tumor", "metastatic", "metastases", "lymphoma", "myeloma", "melanoma", "carcinoma",
    "sarcoma", "leukaemia", "leukemia", "chemotherapy", "chemo", "radiotherapy", "oncologist", "mastectomy",
    # Pain with weight loss nobody can explain.
    "unexplained weight loss", "unintentional weight loss", "lost weight without trying",
    "lost weight ... without", "lost weight ... not dieting", "appetite ... lost weight", "lost weight ... appetite",
    "lost weight for no reason", "losing weight and I don't know why", "not trying to lose weight",
    "weight is falling off me", "weight is dropping off", "clothes are falling off me",
    # The name of the emergency itself.
    "cauda equina",
]

CRISIS_WORDS = [
    # Wanting to die, or not to wake up.
    "kill myself", "kill themselves", "end my life", "take my own life", "end it all", "thinking about ending it",
    "going to end it", "want to die", "wish I was dead", "wish I were dead", "rather be dead", "better off dead",
    "wish I wasn't here", "wish I could die", "waiting to die", "looking forward to dying", "not scared of dying",
    "don't want to live", "don't want to be alive", "don't want to be here", "not be here anymore",
    "think about not being here", "don't want to wake up", "won't wake up", "not waking up",
    "go to sleep and never wake up", "fall asleep and never wake up", "fall asleep and stay asleep",
    "disappear forever", "stop existing", "tired of existing", "tired of living", "tired of being alive",
    "get hit by a bus", "say goodbye", "terminal ... relieved", "wish it would finish the job",
    "don't think I'll be around", "I just want out",
    # Others better off without them; being a burden.
    "better off without me", "would be better off without", "everyone would be better off",
    "they'd be better off", "they would be better off", "family would be better off",
    "if I was gone", "if I were gone", "if I was dead", "if I wasn't here", "if I wasn't around",
    "if I disappeared", "if I died", "no one would miss me", "nobody would miss me", "I'm a burden",
    "feel like a burden", "burden to everyone", "burden on my family", "such a burden", "stop being a burden",
    # No way on; no reason to live.
    "no reason to live", "nothing to live for", "not worth living", "life isn't worth living",
    "nothing worth staying for", "reasons to keep going", "reasons to keep living", "don't want to keep going",
    "keep living like this", "not living like this anymore", "can't go on like this", "can't go on anymore",
    "can't go on any longer", "can't carry on like this", "can't carry on anymore", "can't do this anymore",
    "can't see myself getting through", "done fighting", "done with it all", "done with life",
    "don't want to do life", "give up on life", "giving up on living", "lost all hope", "no way out",
    "what's the point of living", "no point in living", "what's the point anymore",
    "what's the point of anything", "what's the point of any of it",
    # Suicide and self-harm by name.
    "suicidal", "suicide", "self harm", "harm myself", "hurt myself on purpose", "want to hurt myself",
    "going to hurt myself", "started hurting myself", "hurting myself again", "cut myself", "cutting again",
    "fresh cuts", "burning myself", "urge to cut", "want it to hurt", "until it bleeds", "until they bleed",
    "until it bruises", "want to feel nothing",
    # Means and plans.
    "overdose", "take all my pills", "take all my tablets", "stockpiling", "saving up my pills",
    "how many pills would it take", "how many pills it would take", "swallowed a whole strip",
    "swallowed a whole packet", "took the whole packet", "ways to die", "how I'd do it", "when I'll do it",
    "bought a rope", "jump off a bridge", "jump in front of a train", "step in front of a train",
    "affairs in order", "sorted out my will", "giving my things away", "tonight's the night",
    "talk me out of it", "don't feel safe", "scared of what I might do", "edge of the platform",
    "holding a knife",
]

FIGURES_OF_SPEECH = [
    "killing me", "the end of it", "kill myself laughing", "nearly killed myself", "killing myself at the gym",
    "die of embarrassment", "died laughing", "dying to know", "bored to death", "sick to death",
    "scared to death", "dead leg", "dead bug", "dead hang", "dead butt", "drop dead", "dead tired", "dead end",
    "over my dead body", "kill two birds", "kill the pain", "wet myself laughing", "peed myself laughing",
    "water retention", "fluid retention", "hay fever", "cabin fever", "fever dream", "fever pitch",
    "glandular fever", "yellow fever", "scarlet fever", "cancer research", "cancer charity", "cancer awareness",
    "cancer screening", "cancer scare", "star sign is cancer", "suicide hotline", "suicide helpline",
    "suicide prevention", "suicide lifeline", "suicide awareness", "suicide squad", "suicide sprints",
    "suicide drills", "suicide runs", "self harm scars", "cut myself shaving", "cut myself cooking",
    "want it to hurt less",
]

DEFAULT_PHRASES = ([("red_flag", p) for p in RED_FLAGS] + [("crisis", p) for p in CRISIS_WORDS]
                   + [("harmless", p) for p in FIGURES_OF_SPEECH])

# Words too common on this forum to mean anything alone.
COMMON = frozenset(words_of(
    "me it this there here get got feel like go no not can cant will would could want need know think pain "
    "hurt ache back leg hip buttock bum sciatica piriformis day time thing way good bad make take say one")
) | FILLER_STEMS | JOINER_STEMS


def phrase_problem(kind, phrase):
    """Why `phrase` can't go on the `kind` list, in plain words, or None."""
    if kind not in KINDS:
        return "Choose one of the lists: red flags, crisis or harmless."
    text = (phrase or "").strip()
    if not text:
        return "Write the phrase to look for."
    if len(text) > LONGEST:
        return f"Keep a phrase to {LONGEST} characters or fewer: the checks look for short phrases."
    if sum(c.isalnum() for c in text) < 3:
        return "A phrase needs at least three letters."
    if not words_of(text):
        return "A phrase needs words, not only punctuation."
    words = phrase_words(text)
    if len(words) < 3 and not set(words) - COMMON:
        return ("That phrase has only common words (such as \u201cmy\u201d, \u201cthe\u201d or \u201cpain\u201d), "
                "so it would match almost every post. Add the words that make it stand out.")
    return None
