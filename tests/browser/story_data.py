"""Members' stories for the browser tests: five others who tried massage
therapy (enough reports for What helped to show a share), a story of a
member updated once, and the pages the browser tests open on them.

Everything goes through the forum's own services (tests/factories), so the
data is what the pages would have made.
"""
import re

from playwright.sync_api import expect

from forum.stories import services as story_services
from tests import factories
from tests.browser.opening import by_heading, showing

CATEGORY = {"name": "Recovery stories", "slug": "recovery-stories"}
TELLER = "ana_runner"
TITLE = "Half marathon, then a year of piriformis"
BODY = "It started after a hilly half marathon in March. *Sitting* at work made it much worse."
# The story the scene's teller has already told (and updated once).
TOLD_TITLE = "Runner's piriformis: what I tried in the first year"
MOST_ALIKE = "Desk job and running: piriformis on the left"
THREAD_ADDRESS = re.compile(r"/threads/\d+")

# The others' stories: (member, title, account). Massage therapy is in five
# of them, every one decided: 2 helped a lot, 1 a little, 2 no change.
OTHERS = [
    ("desk_sitter", MOST_ALIKE, dict(
        conditions=["piriformis-syndrome", "sciatica"], causes=["overuse", "sitting"], side="left", now="improving",
        treatments=[("massage-therapy", "helped_a_lot", "8 sessions over 10 weeks", "$70 a session"),
                    ("stretching", "helped_a_little"), ("nerve-gliding", "helped_a_little")])),
    ("trail_tom", "Trail running and a tight piriformis", dict(
        conditions=["piriformis-syndrome"], causes=["overuse"], side="right", now="recovered",
        treatments=[("massage-therapy", "helped_a_lot"), ("physical-therapy", "helped_a_lot")])),
    ("ice_fall_ida", "Slipped on ice onto my buttock", dict(
        conditions=["sciatica"], causes=["fall"], side="left", now="same",
        treatments=[("massage-therapy", "helped_a_little"), ("nsaids", "no_change")])),
    ("stressed_sam", "Low back pain that follows stress", dict(
        conditions=["low-back-pain"], causes=["stress"], side="both", now="same",
        treatments=[("massage-therapy", "no_change"), ("mind-body-therapy", "helped_a_little")])),
    ("cyclist_cai", "Hip pain from cycling", dict(
        conditions=["hip-pain"], causes=["overuse"], side="right", now="worse",
        treatments=[("massage-therapy", "no_change"), ("corticosteroid-injection", "worse")])),
    ("walker_wen", "Plantar fasciitis that went on its own", dict(
        conditions=["plantar-fasciitis"], causes=["unknown"], side=None, now="recovered",
        treatments=[("time-alone", "helped_a_lot"), ("walking", "helped_a_little")])),
]


def make_category():
    return factories.make_category(**CATEGORY)


def build_others(category=None):
    """A moderator, the teller (with no story yet) and six other members'
    stories, five of them reporting massage therapy."""
    category = category or make_category()
    scene = {
        "category": category,
        "moderator": factories.make_moderator(username="mod_mia"),
        "teller": factories.make_member(username=TELLER),
        "stories": {},
    }
    for username, title, account in OTHERS:
        author = factories.make_member(username=username)
        scene["stories"][username] = factories.make_story(author=author, category=category, title=title, **account)
    scene["most_alike"] = scene["stories"]["desk_sitter"]
    return scene


def build_scene():
    """build_others, and a story the teller told and updated once: massage
    therapy from "too early to tell" to "helped a lot"."""
    scene = build_others()
    told = dict(conditions=["piriformis-syndrome", "sciatica"], causes=["overuse"], side="left", now="improving")
    story = factories.make_story(
        author=scene["teller"], category=scene["category"], title=TOLD_TITLE, body=BODY,
        treatments=[("massage-therapy", "too_early", "3 sessions so far"), ("stretching", "helped_a_little")], **told)
    story = story_services.update_story(scene["teller"], story, factories.story_account(
        treatments=[("massage-therapy", "helped_a_lot", "6 sessions over 8 weeks"), ("stretching", "helped_a_little")],
        **told))
    scene.update(story=story, member=scene["teller"])
    return scene


# Filling in the story form, as a member would.

def treatment_row(page, number):
    """The fieldset "Treatment <number>" (counting from 1)."""
    return page.get_by_role("group", name=f"Treatment {number}", exact=True)


def fill_treatment(page, number, treatment, outcome, duration="", note=""):
    row = treatment_row(page, number)
    row.get_by_label("Treatment", exact=True).select_option(label=treatment)
    row.get_by_label("How it went").select_option(label=outcome)
    if duration:
        row.get_by_label("How long, or how many sessions").fill(duration)
    if note:
        row.get_by_label("Side effects or cost (optional)").fill(note)


def fill_account(page, conditions=("Piriformis syndrome", "Sciatica"), causes=("Running or other overuse",),
                 side="Left", started=("March", "2025"), now="Improving"):
    """The account's questions, above the treatments."""
    for condition in conditions:
        page.get_by_role("group", name="Which condition or conditions?").get_by_label(condition, exact=True).check()
    for cause in causes:
        page.get_by_role("group", name="How did it start?").get_by_label(cause, exact=True).check()
    page.get_by_role("group", name="Which side?").get_by_label(side, exact=True).check()
    when = page.get_by_role("group", name="When did it start?")
    when.get_by_label("Month", exact=True).select_option(label=started[0])
    when.get_by_label("Year", exact=True).select_option(label=started[1])
    page.get_by_role("group", name="How is it now?").get_by_label(now, exact=True).check()


def fill_thread(page, title=TITLE):
    page.get_by_label("Category").select_option(label=CATEGORY["name"])
    page.get_by_label("Title", exact=True).fill(title)


# Reading a table the way a screen reader would: by its headers.

def table_figures(table, row_name):
    """{column header: cell text} for the row whose header is `row_name`."""
    headers = [h.strip() for h in table.locator("thead tr").last.locator("th").all_inner_texts()]
    row = table.locator("tbody tr").filter(has=table.page.get_by_role("rowheader", name=row_name, exact=True))
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.first.locator("th, td").all_inner_texts()]
    return dict(zip(headers, cells, strict=False))


def column(figures, *words):
    """The cell under the one header that contains all `words` (any case)."""
    found = [h for h in figures if all(w.lower() in h.lower() for w in words)]
    assert len(found) == 1, f"no single column with {words} among {list(figures)}"
    return figures[found[0]]


# The pages checked in the browser, with build_scene's data:
# name: (who is signed in, or None for a visitor; how to open it, checking it has loaded).

def _open_tell_with_errors(page, scene):
    """Sent with a title, a body and one treatment without its outcome."""
    page.goto("/stories/new")
    fill_thread(page)
    treatment_row(page, 1).get_by_label("Treatment", exact=True).select_option(label="Massage therapy")
    page.get_by_label("Your post").fill(BODY)
    page.get_by_role("button", name="Post your story").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose at least one condition")
    expect(summary).to_contain_text("Say how it is now.")
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)


def _open_the_story(page, scene):
    story = scene["story"]
    page.goto(f"/threads/{story.thread_id}")
    card = page.locator(".story-card")
    expect(card).to_contain_text("Massage therapy: too early to tell → helped a lot")
    expect(card.get_by_role("link", name="Every version (2)")).to_be_visible()


def _open_the_filtered_list(page, scene):
    page.goto("/stories/?condition=piriformis-syndrome&treatment=massage-therapy&outcome=helped_a_lot")
    expect(page.locator(".story-item")).to_have_count(3)


def _open_what_helped(page, scene):
    page.goto("/stories/what-helped")
    expect(page.get_by_role("heading", level=1)).to_have_text("What helped")
    expect(page.get_by_role("table")).to_contain_text("Massage therapy")


def _open_people_like_me(page, scene):
    page.goto(f"/stories/{scene['story'].id}/alike")
    expect(page.get_by_role("heading", level=1)).to_have_text("People with a story like yours")
    expect(page.locator("main")).to_contain_text(MOST_ALIKE)


def _open_the_newcomer_form(page, scene):
    page.goto("/stories/alike")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find people with pain like yours")


def _open_people_like_me_answered(page, scene):
    """The newcomer's form, answered: a condition, a cause and a treatment."""
    page.goto("/stories/alike")
    page.get_by_role("group", name="Which condition or conditions?").get_by_label("Piriformis syndrome", exact=True).check()
    page.get_by_role("group", name="How did it start?").get_by_label("Running or other overuse", exact=True).check()
    page.get_by_role("group", name="Which of them helped, even a little?").get_by_label("Massage therapy", exact=True).check()
    page.get_by_role("button", name="Show people like me").click()
    expect(page.get_by_role("region", name="People with a story like yours")).to_contain_text(MOST_ALIKE)


PAGES = {
    "tell": ("member", by_heading(lambda s: "/stories/new", "Tell your story")),
    "tell-with-errors": ("member", _open_tell_with_errors),
    "story": (None, _open_the_story),
    "story-own": ("member", _open_the_story),
    "update": ("member", by_heading(lambda s: f"/stories/{s['story'].id}/update", "Update your story")),
    "versions": (None, showing(lambda s: f"/stories/{s['story'].id}/versions", "Version 2")),
    "list": (None, showing(lambda s: "/stories/", "7 stories")),
    "list-filtered": (None, _open_the_filtered_list),
    "list-no-match": (None, showing(lambda s: "/stories/?condition=plantar-fasciitis&treatment=surgery",
                                     "No stories match these choices yet.")),
    "what-helped": (None, _open_what_helped),
    "what-helped-filtered": (None, showing(lambda s: "/stories/what-helped?condition=piriformis-syndrome",
                                            "Massage therapy")),
    "treatment": (None, showing(lambda s: "/stories/treatments/massage-therapy", MOST_ALIKE)),
    "alike": ("member", _open_people_like_me),
    "alike-newcomer": (None, _open_the_newcomer_form),
    "alike-answered": (None, _open_people_like_me_answered),
    "admin-vocabulary": ("moderator", showing(lambda s: "/admin/vocabulary", "Massage therapy")),
}
# The pages a phone user is checked on.
PHONE_PAGES = ["tell", "tell-with-errors", "story-own", "update", "list", "list-filtered", "what-helped",
               "treatment", "alike", "alike-newcomer", "alike-answered"]


def open_page(page, signed_in, scene, name):
    who, open_it = PAGES[name]
    if who:
        signed_in(page, scene[who])
    open_it(page, scene)
