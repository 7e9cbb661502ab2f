"""Threads and their posts: starting, replying, quoting, editing, deleting."""
from flask import Blueprint

bp = Blueprint("threads", __name__, url_prefix="/threads")
