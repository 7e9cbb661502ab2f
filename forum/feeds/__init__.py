"""Feeds: Atom feeds of the latest threads, of each category and of each
thread, holding only what a visitor may read."""
from flask import Blueprint

bp = Blueprint("feeds", __name__, url_prefix="/feeds")
