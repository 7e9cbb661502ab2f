"""A member's control of their own data: downloading everything the forum
holds about them, and deleting their account."""
from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/privacy")
