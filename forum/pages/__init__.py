"""Fixed pages: the community guidelines, the medical disclaimer, crisis help."""
from flask import Blueprint

bp = Blueprint("pages", __name__, url_prefix="/pages")
