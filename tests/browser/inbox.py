"""The newcomer's inbox: the live server writes emails as .eml files into
the app's outbox folder (MAIL_TRANSPORT=file), and jobs run at once."""
from playwright.sync_api import expect

from tests.mail_helpers import last_email, links_in, path_of


def confirm_address(page, app, address):
    """Open the newest email to `address`, follow its link and press the button."""
    page.goto(path_of(links_in(last_email(app, to=address))[0]))
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_text("Thank you: your address is confirmed, and you're signed in.")).to_be_visible()
