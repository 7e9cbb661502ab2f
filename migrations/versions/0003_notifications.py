"""notices are called notifications

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 11:00:00

PostgreSQL renames the table, its key, foreign key, index and id sequence
in place, so nothing written while the migration runs is lost. SQLite can't
rename constraints, so there the table is copied into one built with the
new names.
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
    with op.batch_alter_table(old, schema=None) as batch_op:
        batch_op.drop_index(f'ix_{old}_member_id_id')
    op.drop_table(old)


def _rename_in_place(old, new):
    op.rename_table(old, new)
    op.execute(f"ALTER INDEX ix_{old}_member_id_id RENAME TO ix_{new}_member_id_id")
    op.execute(f"ALTER TABLE {new} RENAME CONSTRAINT pk_{old} TO pk_{new}")
    op.execute(f"ALTER TABLE {new} RENAME CONSTRAINT fk_{old}_member_id_users TO fk_{new}_member_id_users")
    op.execute(f"ALTER SEQUENCE {old}_id_seq RENAME TO {new}_id_seq")


def _rename(old, new):
    if op.get_bind().dialect.name == "postgresql":
        _rename_in_place(old, new)
    else:
        _move(old, new)


def upgrade():
    _rename('notices', 'notifications')
    # SQLite 3.25 and PostgreSQL both rename a column in place.
    op.execute("ALTER TABLE users RENAME COLUMN unread_notices TO unread_notifications")


def downgrade():
    op.execute("ALTER TABLE users RENAME COLUMN unread_notifications TO unread_notices")
    _rename('notifications', 'notices')
