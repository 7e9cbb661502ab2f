"""gunicorn's settings for the forum (scripts/serve; in production pass
`-c scripts/gunicorn.conf.py` and set PORT, BIND or WEB_CONCURRENCY)."""
import multiprocessing
import os

import gunicorn.http.wsgi

# No server software name or version in the responses' Server header.
gunicorn.http.wsgi.SERVER = "forum"

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT') or 5000}"
# Sync workers, one per core (two at least, so one slow request never holds
# up everyone): a page's time is the CPU's, and measured on two cores, two
# workers served more pages a second than five, with a lower p99.
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, multiprocessing.cpu_count()))
# The app logs one line per request (with its id); gunicorn logs its own events.
accesslog = None
errorlog = "-"
loglevel = "info"
