"""Accounts: registering, signing in and out, and who the current member is."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")
