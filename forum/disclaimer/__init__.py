"""The medical disclaimer: moderator-published versions, shown to everyone,
accepted by members."""
from flask import Blueprint

bp = Blueprint("disclaimer", __name__, url_prefix="/disclaimer")
