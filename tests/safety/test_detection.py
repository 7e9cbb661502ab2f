"""The checks each post meets before it is published, as members write.

The first part goes rule by rule with examples; the last measures precision
and recall over the labelled sets in tests/safety/data (run with -s for the
figures).
"""
import csv
from pathlib import Path

import pytest

from forum.safety.detect import CRISIS, PERSONAL_DETAILS, RED_FLAG, SIGNALS, Detector, Findings
from forum.safety.phrases import DEFAULT_PHRASES, KINDS, phrase_problem

DATA = Path(__file__).parent / "data"
# Precision and recall each signal must reach over its labelled set.
TARGETS = {RED_FLAG: (0.80, 0.95), CRISIS: (0.80, 0.95), PERSONAL_DETAILS: (0.90, 0.90)}
SMALLEST_SETS = {RED_FLAG: 200, CRISIS: 200, PERSONAL_DETAILS: 120}


@pytest.fixture(scope="module")
def detector():
    return Detector(DEFAULT_PHRASES)


def signals(detector, *texts):
    return detector.check(*texts).listed()


# --- what a check returns ---------------------------------------------------

def test_findings_list_signals_in_their_shown_order_and_say_what_raised_them(detector):
    findings = detector.check("Email me at jo.bloggs@example.org. Since last night I can't control my bladder.")

    assert findings.listed() == "red_flag,personal_details"
    assert findings
    assert findings.found == {RED_FLAG: ("can't control my bladder",), PERSONAL_DETAILS: ("jo.bloggs@example.org",)}


def test_nothing_found_is_falsy_and_lists_nothing(detector):
    findings = detector.check("Heat and walking help me most.", "", None)

    assert not findings
    assert findings == Findings(frozenset(), {})
    assert findings.listed() == ""


def test_a_title_and_a_body_are_each_checked_and_the_findings_merged(detector):
    findings = detector.check("Numb down there since this morning", "Is this normal? Call me on 07700 900461.")

    assert findings.listed() == "red_flag,personal_details"
    assert findings.found[RED_FLAG] == ("Numb down there",)


def test_snippets_come_in_text_order(detector):
    findings = detector.check("I'm numb down there. Also I can't empty my bladder.")

    assert findings.found[RED_FLAG] == ("numb down there", "can't empty my bladder")


# --- red flags --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Since yesterday I can't control my bladder at all.",
    "I've lost control of my bowels twice this week.",
    "Woke up and couldn't pass water, nothing comes out.",
    "I'm unable to empty my bladder since the flare started.",
    "I've wet myself at work and didn't even feel it.",
    "My groin has gone numb since Sunday.",
    "Numbness around my back passage since the fall.",
    "I can't feel the toilet paper when I wipe.",
    "It's like I have no feeling between my legs.",
    "Both legs gave way on the stairs this morning.",
    "Weakness in both legs, I can barely stand.",
    "My left leg is getting weaker every day.",
    "I've had a fever for three days and my back is agony.",
    "Temperature of 38.9 and the buttock pain is worse.",
    "I had breast cancer five years ago and now this back pain.",
    "I've lost a stone without trying and my back aches at night.",
    "I think I might have cauda equina.",
])
def test_urgent_symptoms_are_red_flags(detector, text):
    assert signals(detector, text) == "red_flag"


@pytest.mark.parametrize("text", [
    # denied
    "No numbness in the saddle area and my bladder and bowels are fine.",
    "No fever, no weight loss, no numbness down there. Just the usual sciatica.",
    "The numbness isn't in my groin, it's the top of my foot.",
    # over
    "I had retention two years ago, fine since.",
    "My foot drop from 2021 recovered fully with physio.",
    # imagined
    "My physio said to go to A&E if I ever lose control of my bladder.",
    "If both legs ever went weak I'd call 999.",
    # someone else's
    "My aunt had cauda equina.",
    "My mum lost control of her bladder after her stroke.",
    # general
    "Can sciatica cause numbness down there?",
    "Is it true that back pain with a fever needs urgent attention?",
    # figures of speech and ordinary pain
    "I've got hay fever and cabin fever, stuck inside with this back.",
    "My star sign is cancer so apparently I hold tension in my hips.",
    "My bum goes numb after sitting for an hour.",
    "Sitting is killing me and my leg aches.",
])
def test_what_is_not_news_about_the_writer_is_not_a_red_flag(detector, text):
    assert signals(detector, text) == ""


def test_each_sentence_is_read_on_its_own(detector):
    text = "No fever, no weight loss. But since this morning I can't feel anything down there."

    assert signals(detector, text) == "red_flag"


def test_a_denial_reaches_no_further_than_its_own_statement(detector):
    assert signals(detector, "No fever, but my groin is numb since this morning.") == "red_flag"
    assert signals(detector, "I don't have a fever, and I've lost control of my bladder.") == "red_flag"


def test_an_episode_that_came_back_counts_again(detector):
    assert signals(detector, "The numbness in my saddle area went away after surgery in 2022 but it's come back this week.") == "red_flag"


def test_a_condition_that_came_true_counts(detector):
    text = "My physio told me to go to A&E if I lost bladder control, and today it happened."

    assert signals(detector, text) == "red_flag"


# --- crisis -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I can't go on like this.",
    "Everyone would be better off without me.",
    "Honestly I think about killing myself most days now.",
    "I don't want to be here anymore.",
    "Some nights I hope I just won't wake up.",
    "My kids would be better off without a mum who can't walk, I think about that a lot.",
    "I've started hurting myself again when the pain gets too much.",
    "I've been saving up my tramadol.",
    "I'm not suicidal but I can't go on like this.",
])
def test_thoughts_of_suicide_or_self_harm_are_a_crisis(detector, text):
    assert signals(detector, text) == "crisis"


@pytest.mark.parametrize("text", [
    "This pain is killing me.",
    "I'd kill for a night's sleep.",
    "I could die of embarrassment, I walked like a crab all day.",
    "I'm not suicidal, just fed up with this flare.",
    "My friend's dad took his own life after years of back pain.",
    "I was suicidal years ago but I'm in a much better place now.",
    "If you're feeling suicidal, please call the Samaritans.",
    "Watched a documentary about suicide in men with chronic illness.",
    "Coach made us do suicide sprints and my hamstring hated it.",
])
def test_figures_of_speech_and_others_stories_are_not_a_crisis(detector, text):
    assert signals(detector, text) == ""


# --- personal details -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Email me at sarah.jones84@gmail.com if you want to chat.",
    "jo dot bloggs at gmail dot com",
    "write to jo [at] example [dot] org",
    "Ring me on 07700 900461 any evening.",
    "Call (555) 123-4567 after six.",
    "My WhatsApp is +44 7700 900123.",
    "In Sydney, try +61 2 9876 5432.",
    "Text me on oh seven seven double oh nine oh oh four six one.",
    "I live at 42 Maple Street, Leeds.",
    "Drop it round to 5 Church Close.",
    "Praxis ist in der Hauptstraße 71, Berlin.",
    "Post it to LS6 2AB.",
])
def test_an_email_a_phone_number_or_an_address_is_a_personal_detail(detector, text):
    assert signals(detector, text) == "personal_details"


@pytest.mark.parametrize("text", [
    "I took 500mg twice a day from 12/03/2021 to 2022-04-01.",
    "3 sets of 10 reps, 3 times a day, for 6 weeks.",
    "I walked 3 miles down the road and it was 10 minutes each way.",
    "It was 3 weeks close to the end of my course.",
    "The Samaritans are on 116 123 and in the US it's 988.",
    "Order number 448201937 still hasn't arrived.",
    "My L5 S1 disc and the T12 vertebra.",
    "We met at the gym. Dot was there too.",
    "I was one of two or three people there.",
])
def test_numbers_of_everyday_pain_talk_are_not_personal_details(detector, text):
    assert signals(detector, text) == ""


# --- how people write -------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("my bladdr won't empty", "red_flag"),
    ("there is numbess in my groin", "red_flag"),
    ("I keep thinking about suicde", "crisis"),
    ("BOTH LEGS GAVE WAY", "red_flag"),
    ("I'm a dancer and I had to cancel my class", ""),
    ("Can't go to the ladder class", ""),
])
def test_slips_of_one_letter_are_forgiven_in_long_words_that_are_not_words_themselves(detector, text, expected):
    assert signals(detector, text) == expected


def test_a_phrase_added_to_a_list_takes_effect_however_it_is_written():
    without = Detector(DEFAULT_PHRASES)
    added = Detector([*DEFAULT_PHRASES, ("crisis", "can't face tomorrow")])

    assert signals(without, "I cannot face tomorrow.") == ""
    assert signals(added, "I cannot face tomorrow.") == "crisis"
    assert signals(added, "honestly i cant face tomorow") == "crisis"
    assert signals(added, "She says she can't face tomorrow.") == ""
    assert signals(added, "I used to think I couldn't face tomorrow, years ago, but I'm fine now.") == ""


def test_a_symptom_a_moderator_adds_matches_plurals_and_either_order():
    added = Detector([("red_flag", "numb heel")])

    assert signals(added, "Both my heels are numb since Monday.") == "red_flag"
    assert signals(added, "Numbness in my heels since Monday.") == "red_flag"
    assert signals(added, "No numbness in my heels.") == ""


def test_three_dots_join_words_that_may_be_apart_in_one_clause():
    added = Detector([("red_flag", "lost weight ... without trying")])

    assert signals(added, "I've lost so much weight since Christmas, all without trying.") == "red_flag"
    assert signals(added, "I've lost weight. I did it without trying any diet.") == ""


def test_a_list_under_a_warning_is_not_the_writers_symptoms(detector):
    warning = "If you ever have any of these, go to A&E:\n- numbness in the saddle area\n- weakness in both legs"
    symptoms = "My symptoms:\n- numbness in the saddle area\n- weakness in both legs"

    assert signals(detector, warning) == ""
    assert signals(detector, symptoms) == "red_flag"


def test_a_harmless_phrase_is_set_aside_before_the_others_are_looked_for():
    lists = [("crisis", "want to die")]
    text = "Stretching in front of the class makes me want to die of embarrassment."

    assert signals(Detector(lists), text) == "crisis"
    assert signals(Detector([*lists, ("harmless", "want to die of embarrassment")]), text) == ""


def test_rows_of_unknown_kinds_or_without_words_are_ignored():
    detector = Detector([("spam", "want to die"), ("crisis", "the"), ("red_flag", "...")])

    assert signals(detector, "I want to die, the end.") == ""


# --- the lists --------------------------------------------------------------

def test_every_starting_phrase_can_be_added_and_none_twice():
    assert {kind for kind, _ in DEFAULT_PHRASES} == set(KINDS)
    assert [(kind, phrase) for kind, phrase in DEFAULT_PHRASES if phrase_problem(kind, phrase)] == []
    assert len(set(DEFAULT_PHRASES)) == len(DEFAULT_PHRASES)


@pytest.mark.parametrize("kind, phrase, problem", [
    ("red_flag", "saddle anaesthesia", None),
    ("crisis", "want to end it all", None),
    ("harmless", "killing me", None),
    ("urgent", "saddle anaesthesia", "Choose one of the lists"),
    ("crisis", "   ", "Write the phrase"),
    ("crisis", "ok", "at least three letters"),
    ("crisis", "x" * 201, "200 characters or fewer"),
    ("red_flag", "!!!???", "at least three letters"),
    ("red_flag", "my pain is in the back", "only common words"),
])
def test_a_phrase_that_cant_be_added_says_why(kind, phrase, problem):
    said = phrase_problem(kind, phrase)

    if problem is None:
        assert said is None
    else:
        assert problem in said


# --- the labelled sets ------------------------------------------------------

def labelled(signal):
    with open(DATA / f"{signal}.tsv", encoding="utf-8", newline="") as rows:
        reader = csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == ["label", "kind", "text"], header
        return [(label, kind, text) for label, kind, text in reader]


@pytest.mark.parametrize("signal", SIGNALS)
def test_each_labelled_set_is_big_enough_has_negatives_and_a_kind_on_every_row(signal):
    rows = labelled(signal)

    assert len(rows) >= SMALLEST_SETS[signal]
    assert {label for label, _, _ in rows} == {"0", "1"}, "positives and negatives both"
    assert all(kind.strip() for _, kind, _ in rows)
    assert all(text.strip() for _, _, text in rows)


def measure(detector, signal):
    """Counts, figures, and the rows the detector got wrong."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    wrong = []
    for label, kind, text in labelled(signal):
        found, wanted = signal in detector.check(text).signals, label == "1"
        counts[("t" if found == wanted else "f") + ("p" if found else "n")] += 1
        if found != wanted:
            wrong.append(f"  {'missed' if wanted else 'raised'} [{kind}] {text}")
    precision = counts["tp"] / ((counts["tp"] + counts["fp"]) or 1)
    recall = counts["tp"] / ((counts["tp"] + counts["fn"]) or 1)
    return counts, precision, recall, wrong


@pytest.mark.parametrize("signal", SIGNALS)
def test_precision_and_recall_over_the_labelled_set(detector, signal):
    counts, precision, recall, wrong = measure(detector, signal)
    least_precision, least_recall = TARGETS[signal]

    print(f"\n{signal:17} precision {precision:.3f}  recall {recall:.3f}  "
          + "  ".join(f"{name} {n}" for name, n in counts.items()))
    print("\n".join(wrong))
    assert precision >= least_precision and recall >= least_recall, (
        f"{signal}: precision {precision:.3f} (at least {least_precision}), recall {recall:.3f} "
        f"(at least {least_recall}); rows got wrong:\n" + "\n".join(wrong))
