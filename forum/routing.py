"""URL pieces shared by every blueprint."""
from werkzeug.routing import IntegerConverter

# Ids past a 32-bit integer can't exist, and handing one to the database is
# an error on SQLite and PostgreSQL alike: such addresses are plain 404s.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<id:name>`: a positive database id, else the route doesn't match."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


def init_routing(app):
    app.url_map.converters["id"] = IdConverter
