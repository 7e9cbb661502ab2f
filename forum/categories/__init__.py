"""Browsing: the front page's list of categories and each category's page of
threads. Categories themselves are kept by `threads`, which counts into them."""
from flask import Blueprint

bp = Blueprint("categories", __name__, url_prefix="/categories")
