"""Following: what a member keeps up with (the threads and categories they
follow, how far they have read each thread, the posts they bookmarked)."""
from flask import Blueprint

bp = Blueprint("following", __name__, url_prefix="/following")
