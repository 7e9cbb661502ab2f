"""Ways to open a page in a browser check and know it has loaded."""
from playwright.sync_api import expect


def by_heading(address, heading):
    """Open address(scene) and wait for its h1 to read `heading`."""
    def open_it(page, scene):
        page.goto(address(scene))
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    return open_it


def showing(address, text):
    """Open address(scene) and wait for its main content to contain `text`."""
    def open_it(page, scene):
        page.goto(address(scene))
        expect(page.locator("main")).to_contain_text(text)
    return open_it


def open_menu(page):
    """On a phone the header's links fold under "Menu": open it. On a wide
    screen, where they are always shown, nothing to do."""
    summary = page.locator(".site-menu > summary")
    if summary.is_visible() and not page.locator(".site-menu[open]").count():
        summary.click()
