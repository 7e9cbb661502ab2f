"""Practitioners: applying to be shown as a licensed practitioner, the
moderators' verification of the licence, and the badge that says so."""
from flask import Blueprint

bp = Blueprint("practitioners", __name__, url_prefix="/practitioners")
