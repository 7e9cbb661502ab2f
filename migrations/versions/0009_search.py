"""search: the full-text index of titles, posts and stories (FTS5 tables on
SQLite; tables with tsvector columns and GIN indexes on PostgreSQL), filled
from the posts already written

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 05:00:00
"""
from alembic import op

# The forum's own index code, imported rather than copied: the tables and
# the documents in them must be exactly what the forum then reads and
# keeps current (as 0004 imports the forum's skeleton function).
from forum.search import indexing

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    # Creates the tables, fills them from the posts, then indexes them.
    indexing.rebuild(op.get_bind())


def downgrade():
    connection = op.get_bind()
    indexing.backend(connection).drop(connection)
