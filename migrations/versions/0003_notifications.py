"""notices are called notifications

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 11:00:00

The table is copied rather than renamed so that its key, foreign key and
index carry the new name on SQLite too, where constraints can't be renamed.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

COLUMNS = "id, member_id, kind, body, created_at, read_at"


def _create(name):
    op.create_table(name,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f(f'fk_{name}_member_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}'))
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(f'ix_{name}_member_id_id', ['member_id', 'id'], unique=False)


def _move(old, new):
    _create(new)
    op.execute(f"INSERT INTO {new} ({COLUMNS}) SELECT {COLUMNS} FROM {old}")
    if op.get_bind().dialect.name == "postgresql":
        # The copied ids came with their values; the new table's sequence must go on after them.
        op.execute(f"SELECT setval(pg_get_serial_sequence('{new}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {new}")
    with op.batch_alter_table(old, schema=None) as batch_op:
        batch_op.drop_index(f'ix_{old}_member_id_id')
    op.drop_table(old)


def upgrade():
    _move('notices', 'notifications')
    # SQLite 3.25 and PostgreSQL both rename a column in place.
    op.execute("ALTER TABLE users RENAME COLUMN unread_notices TO unread_notifications")


def downgrade():
    op.execute("ALTER TABLE users RENAME COLUMN unread_notifications TO unread_notices")
    _move('notifications', 'notices')
