"""A member's own settings: password and email address, signed-in browsers,
passkeys, notification emails and reading (time zone, colours), each page
over its domain's services."""
from flask import Blueprint

bp = Blueprint("settings", __name__, url_prefix="/settings")
