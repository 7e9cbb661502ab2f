"""A page of a longer list."""
from dataclasses import dataclass

from .errors import NotFound


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.pages


def page_number(raw):
    """A page number from the query string; anything odd is a 404, not a 500."""
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise NotFound("There is no such page.") from None
    if number < 1 or number > 100000:
        raise NotFound("There is no such page.")
    return number


def offset_for(number, per_page):
    return (number - 1) * per_page


def page_of_position(position, per_page):
    """Which page holds the item at 1-based `position`."""
    return max(1, -(-position // per_page))
