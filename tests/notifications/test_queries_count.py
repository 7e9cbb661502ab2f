"""The notifications page, and the unread count in every page's header,
cost the same few queries however many notifications there are."""
from forum.notifications.steps import notify
from forum.extensions import db
from tests import factories
from tests.conftest import sign_in

# Who is signed in, their notifications with actors and threads, the badge
# beside their name in the header, and the disclaimer for the footer.
NOTIFICATIONS_PAGE_QUERIES = 4


def pile_up(member, threads):
    for n in range(threads):
        thread = factories.make_thread(author=member, title=f"Sitting pain, week {n}")
        factories.make_post(thread, author=factories.make_member())
        notify(member.id, "warning", f"Please keep it kind ({n}).")
    db.session.commit()


def test_the_page_costs_the_same_with_two_or_sixty_notifications(client, page_queries, member):
    sign_in(client, member)
    pile_up(member, 1)
    few_response, few = page_queries("/notifications/")
    pile_up(member, 29)
    many_response, many = page_queries("/notifications/")

    assert few_response.status_code == many_response.status_code == 200
    assert many_response.get_data(as_text=True).count('class="notification is-unread"') == 60
    assert len(few) == len(many) == NOTIFICATIONS_PAGE_QUERIES


def test_the_header_count_costs_no_query_of_its_own(client, page_queries, member):
    sign_in(client, member)
    _, none_unread = page_queries("/pages/guidelines")
    pile_up(member, 3)
    response, some_unread = page_queries("/pages/guidelines")

    assert '<span class="count">(6 new)</span>' in response.get_data(as_text=True)
    assert len(none_unread) == len(some_unread)
