"""Notifications: what the forum tells one member privately (a moderator's
warning, the outcome of their report, a lifted suspension), and their
unread count."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
