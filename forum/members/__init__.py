"""Members' public profiles: what they've written, and a short bio."""
from flask import Blueprint

bp = Blueprint("members", __name__, url_prefix="/members")
