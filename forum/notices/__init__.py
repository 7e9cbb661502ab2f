"""Private messages from the forum to one member: warnings and report outcomes."""
from flask import Blueprint

bp = Blueprint("notices", __name__, url_prefix="/notices")
