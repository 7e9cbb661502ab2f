"""A massage therapist applies, answers the moderators' question and is
verified; their answer in a thread carries the badge and is marked as what
helped the asker; when the verification is revoked the badge goes from the
old answer too."""
import re

import pytest
from playwright.sync_api import expect

from forum.timeutil import utcnow
from tests import factories

from . import practitioner_data as data
from .screens import screenshot_path

pytestmark = pytest.mark.browser

MORE_INFO = "Your expiry date doesn't match the Florida register. Did you renew this year?"
INFO_ANSWER = "Yes, I renewed in March; the register may not be updated yet."
ANSWER = "Start with five minutes of gentle pressure either side of the sore spot, never on it, and stop if it tingles."
REVOKE_REASON = "The Florida board has suspended this licence pending a review."


@pytest.fixture
def forum():
    moderator = factories.make_moderator(username="mod_mia")
    lena = factories.make_member(username="lena_kneads")
    ana = factories.make_member(username="ana_runner")
    category = data.make_ask_a_practitioner()
    thread = factories.make_thread(author=ana, category=category, title="Massage during a flare-up?", body=data.QUESTION)
    factories.make_post(thread, author=factories.make_member(username="desk_sitter"), body="Following: same question here.")
    return {"moderator": moderator, "applicant": lena, "asker": ana, "thread": thread}


def flashed(page):
    """The message at the top of the page after a form is sent (not the
    banner about new notifications, which is a status too)."""
    return page.locator(".flashes")


def apply_as_a_massage_therapist(page):
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Practitioners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verified practitioners")
    expect(page.locator(".directory-entry")).to_have_count(0)
    page.get_by_role("link", name="Are you licensed? Apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your practitioner page")
    page.get_by_role("link", name="Apply as a practitioner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply as a practitioner")

    data.fill_application(page)
    page.get_by_role("button", name="Send application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your practitioner page")
    expect(flashed(page)).to_contain_text("Your application is sent.")
    application = page.locator(".application")
    expect(application).to_have_count(1)
    expect(application.get_by_role("heading", level=2)).to_have_text(re.compile(r"^LMT, Florida\s+Waiting for a moderator$"))
    application.get_by_text("Details you sent").click()
    expect(application).to_contain_text("MA60123")
    expect(application).to_contain_text("Lena Marie Okafor")
    expect(page.get_by_role("link", name="Apply as a practitioner")).to_have_count(0)


def open_the_application_from_the_queue(page):
    page.get_by_role("link", name="Admin", exact=True).click()
    page.get_by_role("navigation", name="Admin").get_by_role("link", name="Practitioners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practitioner verification")
    items = page.locator(".queue-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Waiting for a moderator")
    items.first.get_by_role("link", name="lena_kneads: LMT, Florida").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("lena_kneads: LMT, Florida")
    expect(page.locator("main")).to_contain_text("MA60123")
    expect(page.locator("main")).to_contain_text("Lena Marie Okafor")


def ask_for_more_information(page):
    page.get_by_label("What do you need from the applicant?").fill(MORE_INFO)
    page.get_by_role("button", name="Send question").click()
    expect(flashed(page)).to_contain_text("The application waits for the applicant's answer.")
    expect(page.locator(".meta .tag")).to_have_text("More information requested")
    expect(page.locator(".info-request")).to_contain_text(MORE_INFO)
    expect(page.locator(".info-request")).to_contain_text("Not answered yet.")
    expect(page.get_by_role("button", name="Verify")).to_have_count(0)


def open_practitioner_page(page):
    """From anywhere: one's own name, one's settings, the practitioner page."""
    page.get_by_role("navigation", name="Account").get_by_role("link", name="lena_kneads").click()
    page.get_by_role("link", name="Your settings").click()
    page.get_by_role("link", name="Your practitioner page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your practitioner page")


def answer_the_question(page):
    page.reload()
    expect(page.get_by_text("You have 1 new notification.")).to_be_visible()
    page.get_by_role("link", name="Read it").click()
    expect(page.locator(".notification").first).to_contain_text(MORE_INFO)
    open_practitioner_page(page)
    application = page.locator(".application")
    expect(application.locator(".tag")).to_have_text("More information requested")
    expect(application.locator(".info-request")).to_contain_text(f"The moderators asked: {MORE_INFO}")
    page.get_by_label("Your answer").fill(INFO_ANSWER)
    page.get_by_role("button", name="Send answer").click()
    expect(flashed(page)).to_contain_text("Your answer is sent to the moderators.")
    expect(application.locator(".tag")).to_have_text("Waiting for a moderator")
    expect(application.locator(".info-request")).to_contain_text(f"You answered: {INFO_ANSWER}")
    expect(page.get_by_label("Your answer")).to_have_count(0)


def verify_the_licence(page):
    page.reload()
    expect(page.locator(".info-request")).to_contain_text(INFO_ANSWER)
    today = utcnow().date().isoformat()
    verify = page.get_by_role("region", name="Verify")
    expect(verify.get_by_label("Checked on")).to_have_value(today)
    verify.get_by_label("Checked with").fill(data.BOARD)
    verify.get_by_label("Checked on").fill(today)
    verify.get_by_role("button", name="Verify").click()
    expect(flashed(page)).to_contain_text("Verified. The badge shows from now on.")
    expect(page.locator(".meta .tag")).to_have_text("Verified")
    expect(page.locator("main")).to_contain_text(f"Checked with {data.BOARD} on {today}")
    expect(page.get_by_role("heading", level=1).locator(".badge")).to_contain_text("Verified LMT")


def answer_a_question_in_ask_a_practitioner(page, thread):
    page.get_by_role("link", name="Piriformis & Sciatica Community").click()
    page.get_by_role("link", name="Ask a practitioner").click()
    waiting = page.get_by_role("region", name="Waiting for a practitioner's answer")
    waiting.get_by_role("link", name=thread.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(thread.title)

    page.get_by_label("Your post").fill(ANSWER)
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    reply = page.locator(".post").last
    expect(reply).to_contain_text(ANSWER)
    badge = reply.locator(".post-author .badge")
    expect(badge).to_contain_text("Verified LMT")
    expect(badge).to_have_attribute("title", re.compile(f"Licence checked with {data.BOARD}"))
    expect(reply.locator(".tag-answer")).to_have_text("Practitioner answer")
    expect(reply.locator(".practitioner-line")).to_contain_text("not treatment of you")
    expect(reply).not_to_contain_text("Personal experience, not medical advice.")
    # Another member's reply in the same thread has neither.
    other = page.locator(".post").nth(1)
    expect(other.locator(".badge, .tag-answer, .practitioner-line")).to_have_count(0)

    page.get_by_role("link", name="Ask a practitioner").click()
    expect(page.get_by_role("region", name="Waiting for a practitioner's answer")).to_contain_text(
        "Every question here has a practitioner's answer."
    )


def mark_what_helped(page, thread):
    page.goto(f"/threads/{thread.id}")
    expect(page.get_by_role("complementary", name="What helped ana_runner")).to_have_count(0)
    reply = page.locator(".post").filter(has_text=ANSWER)
    reply.get_by_role("button", name="This helped me", exact=True).click()
    expect(flashed(page)).to_contain_text("Marked as what helped you.")

    helped = page.get_by_role("complementary", name="What helped ana_runner")
    expect(helped).to_contain_text(ANSWER)
    expect(helped.locator(".badge")).to_contain_text("Verified LMT")
    # The box sits straight under the question, before any reply.
    assert page.locator(".posts > *").nth(1).evaluate("el => el.matches('aside.helped')")
    reply = page.locator(".post").filter(has_text=ANSWER).first
    expect(reply.locator(".tag-helped")).to_have_text("Helped ana_runner")
    expect(reply.get_by_role("button", name="Remove “this helped me”")).to_be_visible()


def revoke_the_verification(page):
    revoke = page.get_by_role("region", name="Revoke")
    revoke.get_by_label("Reason (the applicant reads this)").fill(REVOKE_REASON)
    revoke.get_by_role("button", name="Revoke").click()
    expect(flashed(page)).to_contain_text("The verification is revoked.")
    expect(page.locator(".meta .tag")).to_have_text("Revoked")
    expect(page.locator("main")).to_contain_text(REVOKE_REASON)
    expect(page.locator(".badge")).to_have_count(0)
    expect(page.get_by_role("region", name="Revoke")).to_have_count(0)


def see_the_badge_gone(page):
    page.reload()
    reply = page.locator(".post").filter(has_text=ANSWER)
    expect(reply).to_have_count(1)
    expect(reply.locator(".badge")).to_have_count(0)
    expect(reply.locator(".tag-answer")).to_have_count(0)
    expect(reply.locator(".practitioner-line")).to_have_count(0)
    expect(reply).to_contain_text("Personal experience, not medical advice.")
    expect(page.locator("main")).not_to_contain_text("Verified LMT")
    # What helped the asker still helped them; it just no longer carries a badge.
    expect(page.get_by_role("complementary", name="What helped ana_runner")).to_contain_text(ANSWER)


def test_a_massage_therapist_is_verified_answers_and_loses_the_badge_when_revoked(new_page, signed_in, forum):
    applicant, moderator, asker = new_page(), new_page(), new_page()
    thread = forum["thread"]
    # Anything the security policy blocks, or a missing file, shows up here.
    console_errors = []
    for page in (applicant, moderator, asker):
        page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))

    signed_in(applicant, forum["applicant"])
    apply_as_a_massage_therapist(applicant)

    signed_in(moderator, forum["moderator"])
    open_the_application_from_the_queue(moderator)
    ask_for_more_information(moderator)

    answer_the_question(applicant)
    applicant.screenshot(path=screenshot_path("practitioner-journey-answered-desktop.png"), full_page=True)

    verify_the_licence(moderator)

    answer_a_question_in_ask_a_practitioner(applicant, thread)

    signed_in(asker, forum["asker"])
    mark_what_helped(asker, thread)
    asker.screenshot(path=screenshot_path("practitioner-journey-helped-desktop.png"), full_page=True)

    revoke_the_verification(moderator)

    see_the_badge_gone(asker)
    asker.screenshot(path=screenshot_path("practitioner-journey-revoked-desktop.png"), full_page=True)

    open_practitioner_page(applicant)
    expect(applicant.locator(".application .tag")).to_have_text("Revoked")
    expect(applicant.locator(".application")).to_contain_text(f"The moderators' reason: {REVOKE_REASON}")
    expect(applicant.get_by_role("link", name="Apply again")).to_be_visible()
    assert console_errors == []
