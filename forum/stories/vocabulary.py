"""The fixed choices of a story, and the words its vocabularies start with.

Conditions, causes and treatments are data (moderators add, rename and merge
them); outcomes, sides and "how it is now" are part of the counting rules, so
they are fixed here.
"""
# How a treatment went. Order matters: best first, as the page shows them.
OUTCOMES = {
    "helped_a_lot": "Helped a lot",
    "helped_a_little": "Helped a little",
    "no_change": "No change",
    "worse": "Made it worse",
    "too_early": "Too early to tell",
}
HELPED = ("helped_a_lot", "helped_a_little")
# A report that says how it went; "too early to tell" says nothing yet, so it
# is shown but left out of the share that helped.
DECIDED = ("helped_a_lot", "helped_a_little", "no_change", "worse")
# "Helped (a lot or a little)": one filter choice for "got better with".
HELPED_ANY = "helped"
OUTCOME_FILTERS = {HELPED_ANY: "Helped (a lot or a little)", **OUTCOMES}

SIDES = {"left": "Left", "right": "Right", "both": "Both sides"}
NOW = {
    "recovered": "Recovered",
    "improving": "Improving",
    "same": "About the same",
    "worse": "Worse",
}
KINDS = {"condition": "Conditions", "cause": "Causes", "treatment": "Treatments"}

# Recovering with time is counted like a treatment, so every treatment can be
# compared with it.
TIME_ALONE = "time-alone"

SEED = {
    "condition": [
        ("piriformis-syndrome", "Piriformis syndrome"),
        ("sciatica", "Sciatica"),
        ("low-back-pain", "Low back pain"),
        ("hip-pain", "Hip pain"),
        ("plantar-fasciitis", "Plantar fasciitis"),
    ],
    "cause": [
        ("fall", "A fall or direct blow"),
        ("injury", "Another injury"),
        ("overuse", "Running or other overuse"),
        ("sitting", "Long sitting or inactivity"),
        ("stress", "Inner tension or stress"),
        ("surgery-childbirth", "After surgery or childbirth"),
        ("unknown", "Unknown"),
    ],
    "treatment": [
        ("stretching", "Stretching"),
        ("prescribed-exercises", "Prescribed exercises"),
        ("physical-therapy", "Physical therapy"),
        ("massage-therapy", "Massage therapy"),
        ("self-massage", "Self-massage (foam roller or ball)"),
        ("heat", "Heat"),
        ("ice", "Ice"),
        ("walking", "Walking"),
        ("rest", "Rest from aggravating movement"),
        ("nsaids", "NSAIDs (ibuprofen, naproxen)"),
        ("acetaminophen", "Acetaminophen (paracetamol)"),
        ("muscle-relaxants", "Muscle relaxants"),
        ("duloxetine", "Duloxetine"),
        ("corticosteroid-injection", "Corticosteroid injection"),
        ("botulinum-toxin-injection", "Botulinum toxin injection"),
        ("acupuncture", "Acupuncture"),
        ("spinal-manipulation", "Spinal manipulation"),
        ("yoga", "Yoga"),
        ("mind-body-therapy", "Cognitive-behavioural or mind-body therapy"),
        ("nerve-gliding", "Nerve gliding"),
        ("instrument-assisted-scraping", "Instrument-assisted scraping (Graston)"),
        ("myofascial-release", "Myofascial release"),
        ("surgery", "Surgery"),
        (TIME_ALONE, "Time alone (no treatment)"),
    ],
}


def seed_rows():
    """The starting vocabulary as rows for the terms table."""
    return [
        {"kind": kind, "slug": slug, "label": label}
        for kind, entries in SEED.items() for slug, label in entries
    ]
