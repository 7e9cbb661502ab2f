"""A bare Flask page of a given size (BARE_BYTES), served the same way as
the forum: the framework's and the server's ceiling, for comparison."""
import os

from flask import Flask

app = Flask(__name__)
SIZE = int(os.environ.get("BARE_BYTES", "25000"))
LINE = "<p>Sitting is the worst: after twenty minutes the pain runs down the back of my thigh.</p>\n"
PAGE = "<!doctype html><html lang=en><title>Bare</title><body>\n" + LINE * (SIZE // len(LINE)) + "</body></html>"


@app.route("/")
def page():
    return PAGE
