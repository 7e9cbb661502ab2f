"""Search: the full-text index of titles, posts and stories (SQLite FTS5 or
PostgreSQL full-text search, kept current in the transaction of every
write), the search page, and the related threads under each thread."""
from flask import Blueprint

bp = Blueprint("search", __name__, url_prefix="/search")
