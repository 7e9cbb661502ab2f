"""Full addresses of the forum's pages, for emails: built from FORUM_URL, so
they are right in a worker with no request, and never taken from a Host
header someone sent."""
from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint, **values):
    base = urlsplit(current_app.config["FORUM_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
