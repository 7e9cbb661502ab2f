"""Practitioners in every state, an "Ask a practitioner" category, and the
pages the browser tests open on them.

Everything goes through the forum's own services, so the data is what the
pages would have made.
"""
from datetime import timedelta

from playwright.sync_api import expect

from forum.extensions import db
from forum.practitioners import queries, review_services, services
from forum.threads import services as thread_services
from forum.timeutil import utcnow
from tests import factories
from tests.browser.opening import by_heading, showing

ASK_A_PRACTITIONER = {"name": "Ask a practitioner", "slug": "ask-a-practitioner"}
BOARD = "the Florida Board of Massage Therapy"
QUESTION = "Is massage safe while the sciatic nerve is this irritated?"
ANSWER = (
    "Gentle work around the gluteal muscles is usually fine, but no deep pressure "
    "directly over the nerve while it is flaring. Tell your therapist where it tingles."
)
MORE_INFO = "The Florida search shows two licences under that name. Which city is yours in?"
INFO_ANSWER = "Tampa. The other one is my aunt in Orlando."
REJECTED_BECAUSE = "The licence number isn't on the Texas board's register."
# An NPI of the right length whose check digit is wrong.
BAD_NPI = "1234567890"


def make_ask_a_practitioner():
    category = factories.make_category(**ASK_A_PRACTITIONER)
    category.for_practitioners = True
    db.session.commit()
    return category


def build_scene():
    """A moderator; applicants waiting, asked, rejected; practitioners
    verified (one a DPT, one whose badge lapses this month); and, in "Ask a
    practitioner", a question answered by a practitioner and marked as what
    helped, and two still waiting for an answer."""
    moderator = factories.make_moderator(username="mod_mia")
    lena = factories.make_practitioner(username="lena_kneads", verified_by=moderator, city="Tampa",
                                       practice_name="Bayside Massage", bio="Twelve years of **clinical massage**, mostly low back and hip pain.")
    factories.make_practitioner(username="dev_moves", credential="DPT", jurisdiction="US-CA", verified_by=moderator,
                                bio="Physical therapist working with runners and desk workers.")
    factories.make_practitioner(username="lou_stretches", credential="PT", jurisdiction="CA-ON", verified_by=moderator,
                                expires_in_days=20)

    pending = factories.make_member(username="pending_pat")
    pending_application = factories.make_application(pending, licence_number="MA88990", legal_name="Patricia Moreno")
    asked = factories.make_member(username="asked_ali")
    asked_application = factories.make_application(asked, licence_number="MA12345", legal_name="Alison Tran")
    review_services.request_practitioner_info(moderator, asked_application, MORE_INFO)
    answered = factories.make_member(username="answered_abe")
    answered_application = factories.make_application(answered, credential="PTA", jurisdiction="US-GA",
                                                      licence_number="PTA-4410", legal_name="Abraham Cole")
    review_services.request_practitioner_info(moderator, answered_application, MORE_INFO)
    services.answer_practitioner_info(answered, answered_application, INFO_ANSWER)
    rejected = factories.make_member(username="rejected_rob")
    rejected_application = factories.make_application(rejected, jurisdiction="US-TX", licence_number="TX000")
    review_services.reject_practitioner(moderator, rejected_application, REJECTED_BECAUSE)

    asker = factories.make_member(username="ana_runner")
    category = make_ask_a_practitioner()
    thread = factories.make_thread(author=asker, category=category, title="Massage during a flare-up?", body=QUESTION)
    answer = thread_services.reply(lena, thread, ANSWER)
    factories.make_post(thread, author=factories.make_member(username="desk_sitter"), body="I'd like to know too.")
    thread_services.mark_helpful(asker, answer)
    factories.make_thread(author=asker, category=category, title="Dry needling or massage for piriformis?",
                          body="Which would you try first?")
    factories.make_thread(author=pending, category=category, title="Ice or heat after a long shift?",
                          body="My back is stiff after twelve hours standing.")
    return {
        "moderator": moderator, "practitioner": lena, "pending": pending, "asked": asked, "rejected": rejected,
        "asker": asker, "member": asker, "category": category, "thread": thread, "answer": answer,
        "pending_application": pending_application, "answered_application": answered_application,
        "verified_application": queries.applications_of(lena)[0],
    }


def fill_application(page, npi="", expires_on=None):
    """Fill in the application form as a massage therapist licensed in Florida would."""
    expires_on = expires_on or utcnow().date() + timedelta(days=400)
    page.get_by_label("Credential", exact=True).select_option("LMT")
    page.get_by_label("Licence number", exact=True).fill("MA60123")
    page.get_by_label("Issued by").select_option(label="Florida")
    page.get_by_label("Full name on the licence").fill("Lena Marie Okafor")
    page.get_by_label("Licence expiry date").fill(expires_on.isoformat())
    if npi:
        page.get_by_label("NPI number (optional)").fill(npi)
    page.get_by_label("Short public bio").fill("Clinical massage for low back, hip and **piriformis** pain.")
    page.get_by_label("I will not solicit clients").check()


# The pages checked in the browser, with build_scene's data:
# name: (who is signed in, or None for a visitor; how to open it, checking it has loaded).

def _open_apply_with_a_bad_npi(page, scene):
    page.goto("/practitioners/apply")
    fill_application(page, npi=BAD_NPI)
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("alert")).to_contain_text("That isn't a valid NPI")
    expect(page.get_by_label("NPI number (optional)")).to_have_value(BAD_NPI)


def _open_the_answered_thread(page, scene):
    page.goto(f"/threads/{scene['thread'].id}")
    expect(page.get_by_role("complementary", name="What helped ana_runner")).to_contain_text(ANSWER)
    expect(page.locator(".post .badge")).to_contain_text(["Verified LMT"])


def _open_ask_a_practitioner(page, scene):
    page.goto(f"/categories/{ASK_A_PRACTITIONER['slug']}")
    expect(page.get_by_role("region", name="Waiting for a practitioner's answer").get_by_role("listitem")).to_have_count(2)


PAGES = {
    "directory": (None, showing(lambda s: "/practitioners/", "3 practitioners")),
    "directory-filtered": (None, showing(lambda s: "/practitioners/?credential=PT&jurisdiction=US-CA", "1 practitioner")),
    "directory-no-match": (None, showing(lambda s: "/practitioners/?credential=MD", "No verified practitioners match.")),
    "apply": ("member", by_heading(lambda s: "/practitioners/apply", "Apply as a practitioner")),
    "apply-with-error": ("member", _open_apply_with_a_bad_npi),
    "application-none": ("member", showing(lambda s: "/practitioners/application", "You haven't applied.")),
    "application-pending": ("pending", showing(lambda s: "/practitioners/application", "Waiting for a moderator")),
    "application-info-requested": ("asked", showing(lambda s: "/practitioners/application", MORE_INFO)),
    "application-verified": ("practitioner", showing(lambda s: "/practitioners/application", "Your badge reads Verified LMT.")),
    "application-rejected": ("rejected", showing(lambda s: "/practitioners/application", REJECTED_BECAUSE)),
    "admin-queue": ("moderator", by_heading(lambda s: "/admin/practitioners", "Practitioner verification")),
    "admin-application": ("moderator", showing(lambda s: f"/admin/practitioners/{s['answered_application'].id}", INFO_ANSWER)),
    "admin-application-verified": ("moderator", showing(lambda s: f"/admin/practitioners/{s['verified_application'].id}", BOARD)),
    "thread-with-answer": ("asker", _open_the_answered_thread),
    "ask-a-practitioner": ("practitioner", _open_ask_a_practitioner),
    "profile": (None, showing(lambda s: "/members/lena_kneads", "Licence checked with")),
}


def open_page(page, signed_in, scene, name):
    who, open_it = PAGES[name]
    if who:
        signed_in(page, scene[who])
    open_it(page, scene)
