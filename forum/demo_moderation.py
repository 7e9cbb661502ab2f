"""The moderation side of the demo: a moderator, a public moderator note,
one open report, and a reply the safety checks flag as a possible
emergency (with the moderator's answer), so the admin at /admin and a
thread page have something to show."""
from .auth.services import register
from .extensions import db
from .members.services import edit_profile
from .moderation.report_services import report_post
from .moderation.services import note_post
from .threads.services import reply

MODERATOR = ("mod_rosa", "Volunteer moderator. I live with sciatica myself. Report anything that worries you and I'll look at it.")

NOTE = (
    "This thread discusses one theory of chronic pain among several. It describes members' experience, "
    "not medical advice: talk to a clinician before changing your treatment."
)

REPORT_NOTE = (
    "I don't think this is meant badly, but someone with a fresh injury might read it as a reason to skip "
    "rehab. Could a moderator add a note?"
)


URGENT_REPLY = (
    "Sorry to jump in here. Since I woke up this morning I can't feel much when I wipe, and I can't empty my "
    "bladder properly. My back is worse too. Is this just the sciatica acting up?"
)
MODERATOR_ANSWER = (
    "@marguerite.b please don't wait for replies here: numbness when you wipe and trouble emptying your bladder, "
    "when they are new, need an emergency department today. It may be nothing serious, but this is one where "
    "hours matter. We're thinking of you; tell us how you get on when you can."
)


ADMIN = ("harriet.k", "Site administrator. I look after the forum's settings and its moderators.")


def seed_moderation(password, users, seeded, threads):
    """Add the demo moderator, note the "inner tension" thread's opening post
    and leave one report open. `seeded` pairs each thread with its posts."""
    name, bio = MODERATOR
    moderator = register(name, f"{name}@example.org", password, accepted_terms=True, role="moderator")
    edit_profile(moderator, moderator, bio)
    admin_name, admin_bio = ADMIN
    administrator = register(admin_name, f"{admin_name}@example.org", password, accepted_terms=True, role="admin")
    edit_profile(administrator, administrator, admin_bio)
    stress_thread = next(i for i, spec in enumerate(threads) if spec.author == "quiet_oak" and spec.category == "low-back-and-hip-pain")
    opening_post = seeded[stress_thread][1][0]
    note_post(moderator, opening_post, NOTE)
    report_post(users["hillrunner_mk"], opening_post, "misinformation", REPORT_NOTE)
    thread, posts = seeded[stress_thread]
    posts.append(reply(users["marguerite.b"], thread, URGENT_REPLY))
    posts.append(reply(moderator, thread, MODERATOR_ANSWER))
    db.session.commit()
    return moderator
