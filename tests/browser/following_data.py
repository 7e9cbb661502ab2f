"""Finding and following, for the browser tests: a forum where one member
(ana_runner) has news waiting (replies in threads she follows, a mention,
reactions to her reply, a new thread in a category she follows, a warning
from the moderators and two bookmarks), threads that share words so each
has related threads, and the pages the accessibility checks open on it.

Everything goes through the forum's own services, so the data is what the
pages would have made. Ids and names only are kept in the scene: the
accessibility module builds it once and uses it across tests, after the
session that made the objects has gone.
"""
from playwright.sync_api import expect

from forum.following import bookmark_services
from forum.following import services as following_services
from forum.moderation import services as moderation_services
from forum.reactions import services as reaction_services
from tests import factories

READER = "ana_runner"
REPLIER = "desk_sitter"
THIRD = "night_owl"
STARTER = "hill_walker"

STRETCHES = "Piriformis stretches that helped"
FOAM = "Foam roller or tennis ball for the piriformis?"
DESK = "Stretching for sciatica at a desk"
# A word that is only in the mentioning reply: a search for it has one result.
RARE = "lacrosse"
MENTIONING = (f"@{READER} and @{THIRD}: a {RARE} ball against the wall loosened my piriformis "
              "in a week, where the figure-four stretch alone didn't.")


def _thread(author, category, title, body):
    return factories.make_thread(author=author, category=category, title=title, body=body)


def build_scene():
    """The forum as ana_runner finds it when she comes back."""
    piriformis = factories.make_category(name="Piriformis syndrome", slug="piriformis")
    sciatica = factories.make_category(name="Sciatica", slug="sciatica")
    moderator = factories.make_moderator(username="mod_mia")
    reader = factories.make_member(username=READER)
    replier = factories.make_member(username=REPLIER)
    third = factories.make_member(username=THIRD)
    starter = factories.make_member(username=STARTER)

    stretches = _thread(starter, piriformis, STRETCHES,
                        "Which piriformis stretches helped you? The figure-four stretch eases my buttock pain after sitting.")
    # Her reply: she follows the thread, and has read it up to here.
    theirs = factories.make_post(stretches, author=reader,
                                 body="Holding the figure-four stretch for a full minute, twice a day, helped me most.")
    foam = _thread(third, piriformis, FOAM, "My piriformis is tight after runs: foam roller, tennis ball, or stretches?")
    following_services.follow_thread(reader, foam)
    following_services.follow_category(reader, sciatica)
    factories.make_notification(reader, "Please keep it kind: another member's name was left out of your post.")

    # While she was away.
    mention = factories.make_post(stretches, author=replier, body=MENTIONING)
    factories.make_post(stretches, author=third, body="Same here: the stretch helps, but only if I stop sitting for hours.")
    factories.make_post(foam, author=starter, body="A tennis ball for the piriformis, a foam roller for the thighs.")
    desk = _thread(replier, sciatica, DESK, "Sitting all day at work: which stretches for sciatica can I do at my desk?")
    for member in (replier, third):
        reaction_services.react(member, theirs, "helpful")
    reaction_services.react(third, theirs, "me_too")
    reaction_services.react(reader, mention, "helpful")

    bookmark_services.bookmark_post(reader, mention)
    gone = factories.make_post(foam, author=starter, body="Buy my stretching course: link in my profile.")
    bookmark_services.bookmark_post(reader, gone)
    moderation_services.hide_post(moderator, gone, "Advertising.")
    return {
        "reader": reader.username,
        "replier": replier.username,
        "starter": starter.username,
        "piriformis": piriformis.slug,
        "stretches": stretches.id,
        "theirs": theirs.id,
        "mention": mention.id,
        "desk": desk.id,
    }


class Named:
    """A member by name, as the sign-in fixture wants one."""

    def __init__(self, username):
        self.username = username


def heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _open_search(page, scene):
    page.goto("/search/?q=stretches")
    expect(page.get_by_role("heading", level=2, name="posts found")).to_be_visible()
    expect(page.locator(".search-hit mark").first).to_be_visible()


def _open_search_filtered(page, scene):
    """Filters in use: they are shown, unfolded."""
    page.goto(f"/search/?q=stretch&category={scene['piriformis']}&author={STARTER}")
    expect(page.get_by_label("Written by")).to_have_value(STARTER)
    expect(page.get_by_role("heading", level=2)).to_have_text("1 post found")


def _open_search_nothing(page, scene):
    page.goto("/search/?q=xylophone")
    expect(page.get_by_role("heading", level=2)).to_have_text("No posts found")


def _open_notifications(page, scene):
    page.goto("/notifications/")
    heading(page, "Notifications")
    for title in (STRETCHES, FOAM, DESK):
        expect(page.get_by_role("region", name=title)).to_be_visible()


def _open_home(page, scene):
    page.goto("/")
    expect(page.get_by_role("region", name="Threads you follow with new replies")).to_contain_text(STRETCHES)
    expect(page.get_by_role("region", name="Recent activity")).to_contain_text(DESK)
    expect(page.locator(".news-count").first).to_contain_text("with new replies for you")


def _open_thread(page, scene):
    """The thread as its starter sees it: two replies new since their last
    visit, reactions to press, related threads under it."""
    page.goto(f"/threads/{scene['stretches']}")
    expect(page.locator(".thread-tools")).to_contain_text("First unread (3 new)")
    expect(page.get_by_role("button", name="Helpful").first).to_be_visible()
    expect(page.get_by_role("complementary", name="Related threads")).to_contain_text(DESK)


def _open_who_reacted(page, scene):
    page.goto(f"/reactions/posts/{scene['theirs']}")
    heading(page, "Who reacted")
    expect(page.locator("main")).to_contain_text(THIRD)


def _open_bookmarks(page, scene):
    page.goto("/following/bookmarks")
    heading(page, "Your bookmarks")
    expect(page.locator("main")).to_contain_text("A post that is no longer available")


def _open_category(page, scene):
    page.goto(f"/categories/{scene['piriformis']}")
    expect(page.get_by_role("button", name="Follow this category")).to_be_visible()
    expect(page.locator(".news-link").first).to_be_visible()


# name: (who is signed in, or None for a visitor; how to open it, checking it has loaded)
PAGES = {
    "search-results": ("reader", _open_search),
    "search-filtered": (None, _open_search_filtered),
    "search-no-results": (None, _open_search_nothing),
    "notifications": ("reader", _open_notifications),
    "home-with-news": ("reader", _open_home),
    "thread-reactions-reading-bar": ("starter", _open_thread),
    "who-reacted": (None, _open_who_reacted),
    "bookmarks": ("reader", _open_bookmarks),
    "category-follow-news": ("reader", _open_category),
}


def open_page(page, signed_in, scene, name):
    who, open_it = PAGES[name]
    if who:
        signed_in(page, Named(scene[who]))
    open_it(page, scene)
