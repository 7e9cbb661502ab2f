"""The stories side of the demo: the demo threads in which a member tells
what caused their pain and what they tried become stories, and more members
tell theirs, so What helped has rows worth reading and People like me finds
neighbours. One story is updated three months on, so a card shows what
changed. The members and their stories are invented."""
from collections import namedtuple
from datetime import date, timedelta
from inspect import cleandoc

from sqlalchemy import select

from .auth.services import register
from .extensions import db
from .stories import services as stories
from .stories.account import Account, Report
from .stories.models import StoryVersion, Term
from .stories.steps import ensure_vocabulary
from .threads.models import Category, Post
from .threads.services import reply
from .timeutil import utcnow

LOT, LITTLE, SAME, WORSE, EARLY = "helped_a_lot", "helped_a_little", "no_change", "worse", "too_early"

# `started`: months before the story was told, or (month, at least so many
# months before) for a story that names the month. `treatments`: (slug,
# outcome, duration, note), the last two optional.
Told = namedtuple("Told", "conditions causes side started now treatments other_cause", defaults=("",))
Update = namedtuple("Update", "days_ago told reply", defaults=(None,))
DemoStory = namedtuple("DemoStory", "author days_ago category title body told update", defaults=(None,))

# The demo threads (demo.THREADS) that tell a story, by author and the start of the title.
EXISTING = {
    ("ruth_on_ice", "Two winters"): Told(
        ("piriformis-syndrome", "sciatica"), ("fall",), "left", (1, 20), "improving",
        [("nsaids", LITTLE, "about a month", "Upset my stomach, so I stopped"),
         ("physical-therapy", LOT, "12 sessions over 3 months", "Nothing I noticed until about week 6"),
         ("self-massage", LITTLE, "tennis ball most evenings", "Worse whenever I overdid it"),
         ("corticosteroid-injection", LITTLE, "2 injections", "The first gave five weeks of relief; the second did nothing"),
         ("acupuncture", SAME, "6 sessions"), ("heat", LITTLE, "heat pad at night")]),
    ("jojo-walks", "Hello from a newcomer"): Told(
        ("hip-pain",), ("unknown",), "left", 8, "same",
        [("physical-therapy", LITTLE, "6 sessions"), ("nsaids", LITTLE, "when it's bad"),
         ("walking", LITTLE, "every day", "The one thing that never makes it worse")]),
    ("hillrunner_mk", "Hill repeats"): Told(
        ("piriformis-syndrome",), ("overuse",), "right", 2, "same",
        [("rest", LITTLE, "2 weeks off running", "Came back on the first run"), ("self-massage", SAME, "foam roller every evening"),
         ("stretching", LITTLE, "3 times a day for 3 weeks")]),
    ("deskbound.dev", "Leg numbness"): Told(
        ("sciatica", "low-back-pain"), ("sitting", "stress"), "right", 2, "improving",
        [("nsaids", LITTLE, "1 week"), ("walking", LITTLE, "a break every 40 minutes"),
         ("self-massage", LITTLE, "tennis ball, 3 weeks", "Beat the foam roller for me")]),
    ("marguerite.b", "Steroid injection"): Told(
        ("sciatica",), (), "left", date(2019, 5, 1), "same",
        [("corticosteroid-injection", LITTLE, "2 epidural injections, 8 months apart", "Six weeks of relief, then ten days"),
         ("botulinum-toxin-injection", LITTLE, "once; about three months of relief", "The buttock felt weak at first; paid for it myself"),
         ("walking", LITTLE, "breaks from sitting"), ("physical-therapy", EARLY, "booked for after the next injection")],
        other_cause="A disc bulge"),
    ("quiet_oak", "Is inner tension"): Told(
        ("low-back-pain",), ("stress",), None, 72, "improving",
        [("mind-body-therapy", LOT, "about 4 months", "An online CBT course, journaling, slow breathing"),
         ("yoga", LOT, "twice a week for 6 weeks", "Sore and discouraged in weeks 1 and 2"),
         ("acupuncture", LITTLE, "8 weekly sessions", "Looser for a day or two after each"),
         ("corticosteroid-injection", SAME, "1 injection, years ago")]),
}
# The runner's PT, as his reply in the thread tells it.
EXISTING_UPDATES = {
    ("hillrunner_mk", "Hill repeats"): Update(25.2, Told(
        ("piriformis-syndrome",), ("overuse",), "right", 2, "improving",
        [("rest", LITTLE, "2 weeks off running", "Came back on the first run"), ("self-massage", SAME, "foam roller every evening"),
         ("stretching", LITTLE, "once a day now"),
         ("physical-therapy", LITTLE, "4 weekly sessions so far", "Walk/run intervals on the flat are pain-free")])),
}

STORIES = [
    DemoStory("trailmix_tess", 96.4, "piriformis-syndrome", "Back to trail running after ten months of piriformis pain", """
        I ramped up for my first 50k far too fast: half as many miles again in a month, and lots of steep downhill. The deep ache in my right
        glute started on a long run and never really left.

        What finally worked was boring: a PT who cut me to three easy runs a week, and hip strengthening I did religiously. Massage felt lovely
        but the relief lasted about a day. Last weekend I ran 20 km pain-free and nearly cried.""",
        Told(("piriformis-syndrome",), ("overuse",), "right", 10, "recovered",
             [("physical-therapy", LOT, "10 sessions over 4 months"), ("prescribed-exercises", LOT, "daily for 5 months"),
              ("massage-therapy", LITTLE, "4 sessions", "Relief lasted about a day; $90 a session"), ("stretching", SAME, "2 months")])),
    DemoStory("couch2marathon", 61.8, "sciatica", "Marathon training at 44, then sciatica down my left leg", """
        I went from the couch to a marathon plan in a year, which in hindsight was a lot to ask of a 44-year-old body. Around week 14 I got pain
        from my left buttock to the calf, worst on long runs and in the car. Two weeks of rest did nothing. Nerve glides from my PT seem to have
        turned the tingling down a notch. Not running yet, but I walk an hour a day without pain.""",
        Told(("sciatica", "piriformis-syndrome"), ("overuse",), "left", 5, "improving",
             [("rest", SAME, "2 weeks"), ("nsaids", LITTLE, "10 days", "Helped the nights more than the days"),
              ("nerve-gliding", LITTLE, "twice a day for 6 weeks"), ("walking", LOT, "an hour a day")])),
    DemoStory("slowjog_sam", 142.0, "low-back-and-hip-pain", "Hip pain from a hilly race went away on its own (eventually)", """
        Posting because I wish I'd read something like this in week one. Sharp, then achy pain in my right hip and buttock after a hilly race. I
        panicked and booked things, but the first appointment was six weeks away, and by then it was 80% gone. I ran short and flat, skipped the
        hills and waited. I know that isn't everyone's story.""",
        Told(("hip-pain",), ("overuse",), "right", 3, "recovered",
             [("time-alone", LOT, "about 10 weeks", "Kept running, short and flat"), ("ice", LITTLE, "first 2 weeks"),
              ("rest", LITTLE, "no hills for 2 months")])),
    DemoStory("icy_driveway_bob", 48.9, "piriformis-syndrome", "Fell on my driveway in February, still sore a year on", """
        Slipped on black ice taking the bins out and landed square on my left backside. X-rays fine, bruise gone in three weeks, but sitting has
        been a problem ever since. Spinal manipulation made it worse for a couple of days each time. Massage buys me an evening of relief. PT is
        slowly helping. My wife says I'm a bad patient because I skip the exercises, and she's right.""",
        Told(("piriformis-syndrome",), ("fall",), "left", (2, 13), "same",
             [("spinal-manipulation", WORSE, "5 visits", "Sore for two days after each"),
              ("massage-therapy", LITTLE, "6 sessions over 8 weeks", "An evening of relief each time"),
              ("physical-therapy", LITTLE, "8 sessions so far"), ("nsaids", SAME, "a few weeks")])),
    DemoStory("fell_at_the_rink", 73.5, "sciatica", "Skating with the kids: a fall, a sore tailbone and a right leg that ached for months", """
        Took the kids to the outdoor rink and went down hard on my right hip and tailbone. The tailbone settled in a month; the ache down the back
        of my right thigh did not. A steroid injection at month four was the turning point: it calmed things enough that the PT exercises stopped
        hurting. Heat every evening too. Maybe 70% better now, and skating again, carefully.""",
        Told(("sciatica", "low-back-pain"), ("fall",), "right", (1, 7), "improving",
             [("corticosteroid-injection", LOT, "1 injection at month 4", "Let me do the exercises without pain"),
              ("physical-therapy", LOT, "12 sessions over 3 months"), ("heat", LITTLE, "every evening"),
              ("acetaminophen", SAME, "the first month")])),
    DemoStory("ladder_slip_luis", 18.7, "piriformis-syndrome", "Came off a ladder: nearly a year, and worse rather than better", """
        Fell off the third rung cleaning the gutters and landed on my left side. Now there's a burning pain deep in the buttock that spreads into
        the hip, and every month seems a bit worse. Massage made it flare for days. Muscle relaxants just made me sleepy. I've an MRI booked and
        I'm trying not to catastrophise. Did anyone get worse before they got better?""",
        Told(("hip-pain", "piriformis-syndrome"), ("fall", "injury"), "left", 11, "worse",
             [("massage-therapy", WORSE, "2 sessions", "Flared for days after each"), ("muscle-relaxants", SAME, "3 weeks", "Drowsy all day"),
              ("physical-therapy", SAME, "6 sessions"), ("heat", LITTLE, "most nights")])),
    DemoStory("spreadsheet_sue", 88.2, "sciatica", "Accountant, tax season, and a right leg that went numb", """
        Every spring I sit eleven-hour days for three months, and last year it caught up with me: a numb outer calf and an ache in the right
        buttock. What worked for me was a timer to stand every 30 minutes, a walk at lunch whatever the weather, and nerve glides from a PT.
        Massage was nice but made no difference past the first day. This tax season was the first without the numbness.""",
        Told(("sciatica",), ("sitting",), "right", 14, "improving",
             [("walking", LOT, "a lunch walk every workday"), ("nerve-gliding", LITTLE, "daily for 2 months"),
              ("physical-therapy", LOT, "6 sessions over 8 weeks"), ("massage-therapy", SAME, "3 sessions", "$75 each, not covered")])),
    DemoStory("night_shift_coder", 11.3, "piriformis-syndrome", "Twelve-hour shifts, a gaming chair, and a glute that won't switch off", """
        I code nights and game on my days off, so I'm basically always sitting. My left glute aches and burns after an hour in the chair. Two
        months of stretching did nothing I could notice. The foam roller helps while I'm on it, ibuprofen a little. I know the answer is "sit
        less". Working on it.""",
        Told(("piriformis-syndrome",), ("sitting",), "left", 6, "same",
             [("stretching", SAME, "2 months, most days"), ("self-massage", LITTLE, "foam roller, 10 minutes in the evening"),
              ("nsaids", LITTLE, "on bad days")])),
    DemoStory("truckin_ted", 55.0, "sciatica", "Long-haul driver: ten hours a day in the seat and sciatica to show for it", """
        Twenty-two years driving trucks. For the last two and a half my left leg burns by the end of every day. Two steroid injections: the first
        bought me a month, the second nothing. A cut-out seat cushion and a walk round the truck at every stop do more than the pills did. Surgery
        has been mentioned and I'm not ready for that.""",
        Told(("sciatica", "low-back-pain"), ("sitting",), "left", 30, "same",
             [("corticosteroid-injection", LITTLE, "2 injections", "The first lasted a month; the second did nothing"),
              ("nsaids", SAME, "on and off for a year", "Hard on my stomach"), ("walking", LITTLE, "round the truck at every stop"),
              ("duloxetine", SAME, "3 months", "Nausea for the first two weeks")])),
    DemoStory("cubicle_carla", 120.6, "low-back-and-hip-pain", "Office back pain, gone after yoga and getting my walk back", """
        Four months of a dull ache across my low back, both sides, starting when we went back to the office and I lost my walking commute. Two
        visits for spinal manipulation changed nothing either way. A lunchtime yoga class twice a week and walking to work again did: one day in
        month four I realised I hadn't thought about my back all week.""",
        Told(("low-back-pain",), ("sitting",), "both", 4, "recovered",
             [("yoga", LOT, "twice a week for 10 weeks"), ("walking", LITTLE, "walking to work again"), ("spinal-manipulation", SAME, "2 visits"),
              ("stretching", LITTLE, "a morning routine")])),
    DemoStory("tense_shoulders_tina", 33.9, "low-back-and-hip-pain", "For me it really was stress: what changed when I took that seriously", """
        I know this idea divides people here, so I'll just tell mine. Two years of low back and left hip pain, clear scans, and a long list of
        treatments that each helped for a week. Then came a divorce, and the pain doubled. A pain psychologist and an eight-week mind-body course
        did more than anything physical. I still do my exercises; I just don't think they were the whole story for me.""",
        Told(("low-back-pain", "hip-pain"), ("stress",), "left", 24, "improving",
             [("mind-body-therapy", LOT, "8-week course, then weekly sessions"), ("physical-therapy", LITTLE, "10 sessions"),
              ("massage-therapy", LITTLE, "monthly for a year"), ("acupuncture", SAME, "5 sessions")])),
    DemoStory("wound_up_will", 27.1, "piriformis-syndrome", "Clenching everything: my pain follows my stress", """
        My wife pointed out that I walk around with my glutes clenched. Once I noticed, I couldn't stop noticing: in meetings, driving, even in
        bed. My right buttock pain is worst after stressful days. Slow breathing, a CBT app and a weekly yoga class have brought it from a 6 to a
        3. Massage helped a lot too, which I think is the same thing from the other end.""",
        Told(("piriformis-syndrome", "low-back-pain"), ("stress",), "right", 10, "improving",
             [("mind-body-therapy", LITTLE, "CBT app, 3 months"), ("yoga", LITTLE, "weekly for 4 months"),
              ("massage-therapy", LOT, "8 sessions, every 2 weeks"), ("heat", LITTLE)])),
    DemoStory("not_all_in_my_head", 24.4, "piriformis-syndrome", "It was a torn muscle, not stress: please don't tell people it's all tension", """
        Sixteen months ago I felt something go in my right buttock during heavy squats. For a year I was told to relax, breathe, manage my stress.
        A second ultrasound finally showed a partial tear in one of the hip rotators. Four months of targeted rehab has done more than a year of
        being told to calm down. Stress makes everything worse, sure. It didn't cause this.""",
        Told(("piriformis-syndrome", "hip-pain"), ("injury",), "right", 16, "improving",
             [("mind-body-therapy", SAME, "6 sessions", "Left me feeling dismissed"), ("physical-therapy", LOT, "rehab for the tear, 4 months"),
              ("rest", LITTLE, "no squats for 6 months"), ("corticosteroid-injection", SAME, "1 injection")])),
    DemoStory("skeptical_steph", 40.2, "low-back-and-hip-pain", "Three years in: I've tried the mind-body route and the medical route", """
        I arrived very skeptical of the stress explanation and I'm still mostly skeptical, but I tried it honestly: twelve weeks of CBT for
        chronic pain. It helped me sleep and worry less; the pain itself didn't move. Duloxetine took the edge off, but the tiredness wasn't worth
        it. Waiting it out did nothing either. Now doing prescribed exercises and hoping.""",
        Told(("low-back-pain",), ("unknown",), "both", 36, "same",
             [("mind-body-therapy", SAME, "12 weekly sessions", "Helped my sleep, not the pain"),
              ("duloxetine", LITTLE, "5 months", "Too tired, so I stopped"), ("time-alone", SAME, "most of the first year"),
              ("prescribed-exercises", EARLY, "3 weeks so far")])),
    DemoStory("new_mum_hip", 65.3, "low-back-and-hip-pain", "Hip and buttock pain since my son was born", """
        Long labour, then from about two weeks after the birth a deep ache in my right buttock and hip, worst carrying the car seat and getting up
        off the floor. My GP said it would settle; by six months it hadn't. A women's health PT found my right side much weaker and the sacroiliac
        joint sore. Eight sessions in, I can carry him up the stairs again.""",
        Told(("hip-pain", "low-back-pain"), ("surgery-childbirth",), "right", 8, "improving",
             [("time-alone", SAME, "the first 6 months"), ("physical-therapy", LOT, "8 sessions over 3 months"),
              ("prescribed-exercises", LOT, "15 minutes a day, at nap time"),
              ("acetaminophen", LITTLE, "the first few months", "The one my GP was happy with while I was breastfeeding")])),
    DemoStory("postpartum_pia", 150.8, "introductions-and-support", "Sciatica in pregnancy that went away after the birth", """
        Sharing a hopeful one. Left-sided sciatica from about 30 weeks, awful by the end, and I was terrified it would stay. It faded over the
        three months after my daughter was born. Heat and a pregnancy pillow got me through the nights, and a few massages from a prenatal
        therapist helped a little.""",
        Told(("sciatica",), (), "left", 5, "recovered",
             [("time-alone", LOT, "about 3 months after the birth"), ("heat", LITTLE, "nightly"),
              ("massage-therapy", LITTLE, "4 prenatal massages")], other_cause="Pregnancy")),
    DemoStory("twins_and_sciatica", 8.6, "introductions-and-support", "A C-section with twins, and my back hasn't been right since", """
        Emergency C-section with twins eighteen months ago. Between the surgery, lifting two babies and no sleep, my low back and both legs ache
        most days. Honestly, PT is hard to fit in. I do the exercises I can, ibuprofen when it's bad, and a mum-and-baby yoga class that helped
        more than I expected. Mostly writing to say: if you're here too, you're not alone.""",
        Told(("low-back-pain", "sciatica"), ("surgery-childbirth",), "both", 18, "same",
             [("prescribed-exercises", LITTLE, "a few times a week, when I can"), ("nsaids", LITTLE, "on bad days"),
              ("yoga", LITTLE, "a weekly class for 2 months"), ("physical-therapy", SAME, "3 sessions", "Couldn't keep going with two babies")])),
    DemoStory("mystery_hip_42", 36.0, "low-back-and-hip-pain", "A year of left hip and buttock pain and nobody knows why", """
        No fall, no new sport, no new job. I woke up one morning with it and it has been there since. X-ray, MRI, bloods: all normal. PT helped a
        little, massage didn't, and the steroid shot into the hip did nothing. I'm 42 and feel 80 on bad days. Mostly here to find people in the
        same "unknown" box.""",
        Told(("hip-pain",), ("unknown",), "left", 12, "same",
             [("physical-therapy", LITTLE, "8 sessions"), ("massage-therapy", SAME, "4 sessions"),
              ("corticosteroid-injection", SAME, "1 injection into the hip"), ("walking", LITTLE)])),
    DemoStory("no_idea_why", 198.5, "sciatica", "Sciatica out of nowhere, gone four months later", """
        Right-leg sciatica, no idea why; it started on an ordinary Tuesday. My doctor said many cases settle within a few months and to keep
        moving. I walked every day, took paracetamol when I needed it, and by month four it was gone. I know that isn't everyone's story here, and
        I'm sorry for those it isn't.""",
        Told(("sciatica",), ("unknown",), "right", 4, "recovered",
             [("time-alone", LOT, "about 4 months"), ("walking", LOT, "30 minutes a day"), ("acetaminophen", LITTLE, "as needed")])),
    DemoStory("gardening_gran", 80.7, "piriformis-syndrome", "Too much digging, and a left leg that complains", """
        Seventy-one, and I garden most days. Last spring I dug over the whole plot in a weekend, and my left buttock has complained ever since,
        with tingling down to the ankle some evenings. A tennis ball against the door frame, a warm bath, and kneeling on a pad instead of bending
        have done most of the good. The acupuncture was pleasant, but I can't say it changed anything.""",
        Told(("piriformis-syndrome", "sciatica"), ("overuse",), "left", 9, "improving",
             [("self-massage", LOT, "tennis ball, most evenings"), ("heat", LITTLE, "a warm bath"),
              ("acupuncture", SAME, "6 sessions", "£40 a time"), ("physical-therapy", LITTLE, "4 sessions")])),
    DemoStory("cyclist_corinne", 110.1, "piriformis-syndrome", "Cyclist's buttock pain: a bike fit and strength work sorted it", """
        Deep right buttock pain on any ride over an hour, and for days after. Massage and the foam roller kept me riding but didn't fix it. What
        did: a proper bike fit (my saddle was 2 cm too high) and three months of glute strengthening from a PT. Six months on I rode 150 km with
        nothing worse than tired legs.""",
        Told(("piriformis-syndrome",), ("overuse",), "right", 7, "recovered",
             [("massage-therapy", LITTLE, "monthly", "Kept me riding"), ("self-massage", LITTLE, "foam roller after rides"),
              ("physical-therapy", LOT, "6 sessions over 3 months"), ("prescribed-exercises", LOT, "glute work 4 times a week")])),
    DemoStory("salsa_feet", 45.5, "low-back-and-hip-pain", "Plantar fasciitis from three nights a week of salsa", """
        Both heels, worst for the first steps in the morning. I kept dancing through it for months, which was a mistake. Calf stretches, a frozen
        water bottle under the foot and better shoes helped a little; a steroid injection in the left heel helped a lot for two months. Taking a
        break from dancing was the hardest part, and probably the most important.""",
        Told(("plantar-fasciitis",), ("overuse",), "both", 10, "improving",
             [("stretching", LITTLE, "calf stretches daily"), ("ice", LITTLE, "a frozen bottle in the evening"),
              ("corticosteroid-injection", LOT, "1 injection, left heel", "Wore off after about 2 months"), ("rest", LOT, "3 months off dancing")])),
    DemoStory("heel_pain_hank", 15.9, "treatments-and-recovery", "Heel pain for over a year: scraping, night splint, the lot", """
        Right heel, fourteen months, no obvious cause. Six sessions of instrument-assisted scraping (Graston) left me bruised and no better. The
        night splint, stretching and insoles gave small improvements at best. Did anyone else find stretching made no difference at all?""",
        Told(("plantar-fasciitis",), ("unknown",), "right", 14, "same",
             [("instrument-assisted-scraping", SAME, "6 sessions", "Bruised for days"), ("stretching", SAME, "twice a day for 6 months"),
              ("time-alone", SAME, "the first 4 months"), ("nsaids", LITTLE, "2 weeks at a time")])),
    DemoStory("cellist_on_cushions", 58.4, "piriformis-syndrome", "A cellist's buttock pain: hours of practice on a hard chair", """
        I play the cello for a living: four to six hours a day on a hard orchestra chair. The pain on my left side crept in over a year. A wedge
        cushion, practising in 25-minute blocks and myofascial release with a very patient therapist have made the biggest difference. Botox was
        offered; I've said no for now.""",
        Told(("piriformis-syndrome", "sciatica"), ("sitting",), "left", 20, "improving",
             [("myofascial-release", LOT, "8 sessions over 3 months"), ("stretching", LITTLE, "between practice blocks"),
              ("massage-therapy", LITTLE, "6 sessions"), ("nsaids", SAME)])),
    DemoStory("rowing_rachel", 175.2, "low-back-and-hip-pain", "A new rowing machine, every day for a month, then low back pain", """
        New year, new rowing machine, thirty minutes a day from day one. By week four my low back ached on both sides and I could barely sit
        through a film. I stopped rowing, iced it, and did the bridges and cat-camel a PT friend suggested. About eight weeks later it was gone.
        Now I row three times a week and warm up properly.""",
        Told(("low-back-pain",), ("overuse",), "both", 3, "recovered",
             [("rest", LOT, "no rowing for 6 weeks"), ("ice", LITTLE, "the first week"), ("prescribed-exercises", LOT, "daily for 8 weeks")])),
    DemoStory("waiting_it_out", 215.0, "piriformis-syndrome", "I did almost nothing and it got better", """
        Posting for the "did nothing" column. Deep left buttock pain with tingling down the leg for about five months, cause unknown. Two physio
        sessions didn't click, so I mostly carried on: walking the dog, avoiding long sits. In month five it faded, and by month six it was gone.
        I still don't know what it was.""",
        Told(("piriformis-syndrome", "sciatica"), ("unknown",), "left", 6, "recovered",
             [("time-alone", LOT, "about 5 months"), ("physical-therapy", SAME, "2 sessions"), ("walking", LITTLE, "dog walks twice a day")])),
    DemoStory("lunge_regret", 29.6, "treatments-and-recovery", "Walking lunges with too much weight: my right glute's revenge", """
        Five months ago I did walking lunges with a heavy bar after weeks away from the gym. The next morning my right glute was angry, and it
        stayed angry through sitting, stairs and sleep. Stretching alone did nothing. Massage is what turned it: the therapist found a spot I
        didn't know existed, and after four sessions over six weeks I could sit through dinner.""",
        Told(("piriformis-syndrome", "hip-pain"), ("overuse",), "right", 5, "improving",
             [("massage-therapy", LOT, "4 sessions over 6 weeks"), ("stretching", SAME, "daily for a month"),
              ("nsaids", LITTLE, "the first 2 weeks"), ("rest", LITTLE, "no lunges or squats")])),
    DemoStory("long_commute_lena", 131.0, "sciatica", "Sciatica, a long commute and a steroid injection: my story so far", """
        Two hours a day on the train plus a desk job, and since last winter a burning line from my left buttock to my heel. Eight PT sessions have
        helped a little, and my doctor has booked a steroid injection for next week. I'll update this once I know whether it worked.""",
        Told(("sciatica",), ("sitting",), "left", 7, "same",
             [("physical-therapy", LITTLE, "8 sessions over 10 weeks"), ("nsaids", SAME, "3 weeks"),
              ("corticosteroid-injection", EARLY, "booked for next week")]),
        Update(36.5, Told(
            ("sciatica",), ("sitting",), "left", 7, "improving",
            [("physical-therapy", LOT, "14 sessions over 5 months"), ("nsaids", SAME, "3 weeks"),
             ("corticosteroid-injection", LOT, "1 injection", "About six weeks of big relief, then a milder ache"),
             ("walking", LITTLE, "getting off the train a stop early")]),
            "Three months on, as promised: the injection gave me about six weeks of real relief, and I used them to get much further "
            "with the PT exercises. The ache is back a little, but milder. I've updated my story above.")),
    DemoStory("weekend_football_raj", 69.9, "sciatica", "A Sunday league tackle, and a sciatic ache that followed", """
        Took a knee to the back of my right thigh in a Sunday league game. The bruise went; a deep buttock ache with a zing down the leg stayed.
        To my surprise acupuncture helped the most: eight sessions and the zing is mostly gone. PT gave me exercises I do twice a week. Back
        playing, with a better warm-up.""",
        Told(("sciatica", "piriformis-syndrome"), ("injury",), "right", 8, "improving",
             [("acupuncture", LOT, "8 sessions over 10 weeks"), ("physical-therapy", LITTLE, "5 sessions"), ("ice", LITTLE, "the first week"),
              ("nerve-gliding", SAME, "a few weeks")])),
    DemoStory("finally_sitting_again", 102.3, "treatments-and-recovery", "Surgery after two years: my experience, carefully told", """
        I want to be careful, because surgery is rare for this and it isn't a shortcut. Two years of left-sided pain after falling down the stairs
        at work, and I'd tried PT, two injections, botox and months of massage. Last spring a surgeon released the piriformis. Recovery was slow,
        about four months, but I can now sit through a two-hour meeting.""",
        Told(("piriformis-syndrome", "sciatica"), ("fall",), "left", 30, "improving",
             [("physical-therapy", SAME, "20 sessions over a year"), ("corticosteroid-injection", LITTLE, "2 injections", "A few weeks each"),
              ("botulinum-toxin-injection", SAME, "1 injection", "Not covered: I paid about $1,200"),
              ("massage-therapy", SAME, "every 2 weeks for 6 months"), ("surgery", LOT, "piriformis release", "About 4 months to recover")])),
    DemoStory("meetings_all_day", 21.2, "sciatica", "Deep tissue massage made my sciatica worse; walking meetings made it better", """
        Project manager, meetings all day, right-sided sciatica for seven months. Everyone told me to get a massage: two deep tissue sessions left
        me limping for three days each time, so not for me, at least not deep work. What has helped: walking meetings, a lumbar roll in my chair
        and gentle nerve glides. Not fixed, but the bad days are rarer.""",
        Told(("sciatica",), ("sitting",), "right", 7, "improving",
             [("massage-therapy", WORSE, "2 deep tissue sessions", "Limped for 3 days after each"),
              ("walking", LOT, "walking meetings, most days"), ("nerve-gliding", LITTLE, "daily"), ("stretching", SAME)])),
]


def _prose(source):
    """A paragraph a line, as a member would type it: the source is wrapped
    only to keep this file readable."""
    return "\n\n".join(" ".join(p.split("\n")) for p in cleandoc(source).split("\n\n"))


def _months_before(when, months):
    total = when.year * 12 + when.month - 1 - months
    return date(total // 12, total % 12 + 1, 1)


def _started(spec, when):
    if isinstance(spec, date):
        return spec
    if isinstance(spec, int):
        return _months_before(when, spec)
    month, at_least = spec
    start = _months_before(when, at_least)
    return date(start.year if start.month >= month else start.year - 1, month, 1)


def _account(told, terms, when):
    return Account(
        conditions=[terms["condition", s] for s in told.conditions], causes=[terms["cause", s] for s in told.causes],
        other_cause=told.other_cause, side=told.side, started_on=_started(told.started, when), now=told.now,
        treatments=[Report(terms["treatment", slug], *rest) for slug, *rest in told.treatments],
    )


def _backdate_story(story, at):
    """Told at `at`: the story, its thread and first post, and its first version."""
    story.created_at = story.updated_at = at
    thread = story.thread
    if thread.created_at > at:
        thread.created_at = thread.last_post_at = at
        db.session.get(Post, thread.first_post_id).created_at = at
    first = db.session.scalar(select(StoryVersion).where(StoryVersion.story_id == story.id, StoryVersion.number == 1))
    first.created_at = at


def _apply_update(story, update, terms, told_at, now):
    """A later version, told `update.days_ago` days before `now`, with the
    author's reply saying so. Months are counted from when it was first told."""
    at = now - timedelta(days=update.days_ago)
    stories.update_story(story.author, story, _account(update.told, terms, told_at))
    story.updated_at = at
    db.session.scalar(select(StoryVersion).where(StoryVersion.story_id == story.id,
                                                 StoryVersion.number == story.version_count)).created_at = at
    if update.reply:
        post = reply(story.author, story.thread, update.reply)
        post.created_at = story.thread.last_post_at = at
    return 1 if update.reply else 0


def _tell_existing(users, seeded, threads, terms, now):
    """The demo threads that tell a story become stories, told when the thread was started."""
    for (author, title), told in EXISTING.items():
        index = next(i for i, spec in enumerate(threads) if spec.author == author and spec.title.startswith(title))
        thread = seeded[index][0]
        story = stories.add_story(users[author], thread, _account(told, terms, thread.created_at))
        _backdate_story(story, thread.created_at)
        update = EXISTING_UPDATES.get((author, title))
        if update:
            _apply_update(story, update, terms, thread.created_at, now)
    db.session.commit()


def _tell_new(password, terms, now):
    """The members who came to tell their story; returns how many posts they wrote."""
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    posts = 0
    for n, spec in enumerate(STORIES):
        member = register(spec.author, f"{spec.author}@example.org", password, accepted_terms=True)
        told_at = now - timedelta(days=spec.days_ago)
        story = stories.tell_story(member, categories[spec.category], spec.title, _prose(spec.body),
                                   _account(spec.told, terms, told_at))
        _backdate_story(story, told_at)
        # Each read a while before writing; the offsets keep sign-ups from all landing at one time of day.
        member.created_at = member.guidelines_accepted_at = member.disclaimer_accepted_at = (
            told_at - timedelta(days=3 + n * 7 % 40, hours=n * 2.3))
        posts += 1 + (_apply_update(story, spec.update, terms, told_at, now) if spec.update else 0)
    db.session.commit()
    return posts


def seed_stories(password, users, seeded, threads):
    """Tell the demo's stories: the existing threads' and the new members'.
    Returns how many members, threads and posts it added."""
    ensure_vocabulary()
    db.session.commit()
    terms = {(t.kind, t.slug): t.id for t in db.session.scalars(select(Term))}
    now = utcnow()
    _tell_existing(users, seeded, threads, terms, now)
    posts = _tell_new(password, terms, now)
    return {"members": len(STORIES), "threads": len(STORIES), "posts": posts}
