"""Reactions: "Helpful" and "Me too" on a post, one of each per member,
counted on the post."""
from flask import Blueprint

bp = Blueprint("reactions", __name__, url_prefix="/reactions")
