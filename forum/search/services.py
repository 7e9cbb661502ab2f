"""The one verb of search: building the whole index again."""
from ..extensions import db
from . import indexing, related


def reindex():
    """Rebuild the index from every post, in one transaction: searches
    meanwhile see the old index (SQLite) or wait for the new one
    (PostgreSQL). Returns how many posts are in it."""
    total = indexing.rebuild(db.session.connection())
    db.session.commit()
    related.forget()
    return total
