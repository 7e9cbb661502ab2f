"""Moderation: reports, hiding and restoring posts, locks, pins, moves,
moderator edits and notes, warnings and suspensions."""
from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
