"""usernames are compared by what they look like; a name given up stays reserved

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 12:00:00

Every member gets the skeleton of their name (what it looks like, see
forum/accounts/names.py), computed here for the names already there. Names
that now look alike are kept as they are: the moderators see them listed.

Nothing here rebuilds the users table: on SQLite a rebuild drops it, and
with foreign keys enforced that fails as soon as anything refers to a
member. So the skeleton column arrives NOT NULL with an empty default
(which SQLite can add in place) and is filled in afterwards, and going
back drops the columns in place (SQLite 3.35 and later).
"""
from alembic import op
import sqlalchemy as sa

# The forum's own function, imported rather than copied: a copy could drift
# from the one new names are checked with, and the skeletons written here
# must be the ones later registrations are compared against. Should the
# skeleton ever change, a later migration recomputes every row the same way.
from forum.accounts.names import skeleton


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

users = sa.table('users', sa.column('id', sa.Integer()), sa.column('username', sa.String()), sa.column('username_skeleton', sa.String()))


def _backfill_skeletons():
    rows = op.get_bind().execute(sa.select(users.c.id, users.c.username)).all()
    if rows:
        op.get_bind().execute(
            users.update().where(users.c.id == sa.bindparam('member_id')).values(username_skeleton=sa.bindparam('look')),
            [{'member_id': member_id, 'look': skeleton(username)} for member_id, username in rows],
        )


def upgrade():
    op.create_table('retired_usernames',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=30), nullable=False),
    sa.Column('skeleton', sa.String(length=60), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=False),
    sa.Column('reserved_until', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_retired_usernames_member_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retired_usernames'))
    )
    with op.batch_alter_table('retired_usernames', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retired_usernames_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_retired_usernames_skeleton'), ['skeleton'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_skeleton', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('username_changed_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_username_skeleton'), ['username_skeleton'], unique=False)
    _backfill_skeletons()


def downgrade():
    op.drop_index(op.f('ix_users_username_skeleton'), table_name='users')
    op.drop_column('users', 'username_changed_at')
    op.drop_column('users', 'username_skeleton')

    with op.batch_alter_table('retired_usernames', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retired_usernames_skeleton'))
        batch_op.drop_index(batch_op.f('ix_retired_usernames_member_id'))

    op.drop_table('retired_usernames')
