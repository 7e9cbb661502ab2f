"""Categories: the forum's sections and the list of threads in each."""
from flask import Blueprint

bp = Blueprint("categories", __name__, url_prefix="/categories")
