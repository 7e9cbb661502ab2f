"""Reactions: "Helpful" and "Me too" on a post, one of each per member,
counted on the post; and the marks a member leaves on posts drawn beside
them: the bookmark button and list (bookmark_views), whose rows `following`
keeps."""
from flask import Blueprint

bp = Blueprint("reactions", __name__, url_prefix="/reactions")
