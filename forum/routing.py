"""URL pieces shared by every blueprint."""
from flask.globals import _cv_request
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


def init_link_cache(app, size=20_000):
    """Remember the addresses the app builds: a thread page links each of
    its posts several times, and building an address through the URL map
    costs more than the rest of the post's markup. An address depends only
    on the endpoint, its values and where the app is mounted (relative
    addresses, in a request), so the same call gets the same answer. Not
    in debug mode, where static files' fingerprints change as files do."""
    if app.debug:
        return
    build = app.url_for
    remembered = {}

    def url_for(endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values):
        request = _cv_request.get(None)
        if request is None or _external or _scheme:
            return build(endpoint, _anchor=_anchor, _method=_method, _scheme=_scheme, _external=_external, **values)
        script_root = request.request.script_root
        blueprint = request.request.blueprint if endpoint[:1] == "." else None
        try:
            key = (endpoint, _anchor, _method, script_root, blueprint, *values.items())
            return remembered[key]
        except KeyError:
            pass
        except TypeError:  # a list among the values: not kept
            return build(endpoint, _anchor=_anchor, _method=_method, **values)
        address = build(endpoint, _anchor=_anchor, _method=_method, **values)
        if len(remembered) >= size:
            remembered.clear()
        remembered[key] = address
        return address

    app.url_for = url_for
    app.jinja_env.globals["url_for"] = url_for
