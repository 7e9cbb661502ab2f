"""The moderation side of the demo: a moderator, a public moderator note and
one open report, so the admin at /admin has something to show."""
from .auth.services import register
from .extensions import db
from .members.services import edit_profile
from .moderation.report_services import report_post
from .moderation.services import note_post

MODERATOR = ("mod_rosa", "Volunteer moderator. I live with sciatica myself. Report anything that worries you and I'll look at it.")

NOTE = (
    "This thread discusses one theory of chronic pain among several. It describes members' experience, "
    "not medical advice: talk to a clinician before changing your treatment."
)

REPORT_NOTE = (
    "I don't think this is meant badly, but someone with a fresh injury might read it as a reason to skip "
    "rehab. Could a moderator add a note?"
)


def seed_moderation(password, users, seeded, threads):
    """Add the demo moderator, note the "inner tension" thread's opening post
    and leave one report open. `seeded` pairs each thread with its posts."""
    name, bio = MODERATOR
    moderator = register(name, f"{name}@example.org", password, accepted_terms=True, role="moderator")
    edit_profile(moderator, moderator, bio)
    stress_thread = next(i for i, spec in enumerate(threads) if spec.author == "quiet_oak" and spec.category == "low-back-and-hip-pain")
    opening_post = seeded[stress_thread][1][0]
    note_post(moderator, opening_post, NOTE)
    report_post(users["hillrunner_mk"], opening_post, "misinformation", REPORT_NOTE)
    db.session.commit()
    return moderator
