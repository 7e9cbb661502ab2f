"""gunicorn's settings for the forum (scripts/serve; in production pass
`-c scripts/gunicorn.conf.py` and set PORT, BIND or WEB_CONCURRENCY)."""
import multiprocessing
import os

import gunicorn.http.wsgi

# No server software name or version in the responses' Server header.
gunicorn.http.wsgi.SERVER = "forum"

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT') or 5000}"
# Sync workers: two per core and one more, the usual start for a CPU-light app.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# The app logs one line per request (with its id); gunicorn logs its own events.
accesslog = None
errorlog = "-"
loglevel = "info"
