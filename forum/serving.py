"""How pages and files leave the app: static files served by WhiteNoise with
year-long caching (each URL carries its file's fingerprint, so a changed
file has a new address), pages compressed when the browser accepts it, one
log line per request with its id, and /healthz for load balancers."""
import hashlib
import logging
import re
import time
import uuid
from functools import lru_cache
from pathlib import Path

from flask import g, request
from flask_compress import Compress
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from whitenoise import WhiteNoise

from .extensions import db

YEAR = 365 * 24 * 3600
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
log = logging.getLogger("forum.requests")
compress = Compress()


@lru_cache(maxsize=512)
def _fingerprint(path, modified):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def fingerprint(static_folder, filename):
    """The first characters of the file's hash, or None if there is no such file."""
    path = Path(static_folder) / filename
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        return None
    return _fingerprint(str(path), modified)


def _static_headers(headers, path, url):
    headers["X-Content-Type-Options"] = "nosniff"


def init_static(app):
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix=app.static_url_path.strip("/") + "/",
                              max_age=YEAR, autorefresh=app.debug, add_headers_function=_static_headers)

    @app.url_defaults
    def _versioned_static(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = fingerprint(app.static_folder, values["filename"])
            if version:
                values["v"] = version


def init_compression(app):
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html", "application/json", "application/atom+xml", "text/plain"])
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    compress.init_app(app)


def init_request_log(app):
    # Flask gives the app's logger ("forum") a handler to stderr: the
    # forum's modules log under it (forum.requests, forum.mail.jobs...),
    # at INFO unless someone configured otherwise.
    if app.logger.level == logging.NOTSET:
        app.logger.setLevel(logging.INFO)

    @app.before_request
    def _start():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _log(response):
        request_id = g.get("request_id")
        if request_id is None:
            return response
        response.headers["X-Request-ID"] = request_id
        # The route's pattern, never the path: paths carry tokens and names.
        route = request.url_rule.rule if request.url_rule is not None else "-"
        elapsed = (time.perf_counter() - g.request_started) * 1000
        log.info("request_id=%s method=%s route=%s status=%s ms=%.1f", request_id, request.method, route,
                 response.status_code, elapsed)
        return response


def healthz():
    """For load balancers: 200 when the database answers, else 503."""
    try:
        db.session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503, {"Cache-Control": "no-store"}
    return {"status": "ok", "database": "ok"}, 200, {"Cache-Control": "no-store"}


def init_serving(app):
    init_static(app)
    init_compression(app)
    init_request_log(app)
    app.add_url_rule("/healthz", endpoint="healthz", view_func=healthz)
