"""Stories: a member's structured account of their pain (what caused it,
what they tried, how it went), the vocabularies it is told in, and what the
community's stories add up to: What helped and People like me."""
from flask import Blueprint

bp = Blueprint("stories", __name__, url_prefix="/stories")
