"""following and reactions: followed threads and categories, read markers,
bookmarks, reactions and their counts, notifications about posts (grouped)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 04:00:00
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _member_table(name, other, other_table, *columns):
    op.create_table(name,
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column(other, sa.Integer(), nullable=False),
    *columns,
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f(f'fk_{name}_member_id_users')),
    sa.ForeignKeyConstraint([other], [f'{other_table}.id'], name=op.f(f'fk_{name}_{other}_{other_table}')),
    sa.PrimaryKeyConstraint('member_id', other, name=op.f(f'pk_{name}'))
    )


def upgrade():
    _member_table('thread_follows', 'thread_id', 'threads',
                  sa.Column('following', sa.Boolean(), server_default='1', nullable=False),
                  sa.Column('created_at', sa.DateTime(), nullable=False))
    op.create_index('ix_thread_follows_thread_id_member_id', 'thread_follows', ['thread_id', 'member_id'])
    _member_table('category_follows', 'category_id', 'categories', sa.Column('created_at', sa.DateTime(), nullable=False))
    op.create_index('ix_category_follows_category_id_member_id', 'category_follows', ['category_id', 'member_id'])
    _member_table('thread_reads', 'thread_id', 'threads',
                  sa.Column('read_count', sa.Integer(), nullable=False),
                  sa.Column('last_read_post_id', sa.Integer(), nullable=False),
                  sa.Column('read_at', sa.DateTime(), nullable=False))
    _member_table('bookmarks', 'post_id', 'posts', sa.Column('created_at', sa.DateTime(), nullable=False))
    op.create_index('ix_bookmarks_member_id_created_at', 'bookmarks', ['member_id', 'created_at'])
    op.create_table('reactions',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_reactions_member_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_reactions_post_id_posts')),
    sa.PrimaryKeyConstraint('post_id', 'member_id', 'kind', name=op.f('pk_reactions'))
    )
    op.create_index('ix_reactions_member_id_post_id', 'reactions', ['member_id', 'post_id'])

    # Added in place: other tables point at users and posts.
    op.add_column('users', sa.Column('follow_own_threads', sa.Boolean(), server_default='1', nullable=False))
    op.add_column('posts', sa.Column('helpful_count', sa.Integer(), server_default='0', nullable=False))
    op.add_column('posts', sa.Column('me_too_count', sa.Integer(), server_default='0', nullable=False))
    for column in ('thread_id', 'post_id', 'actor_id'):
        op.add_column('notifications', sa.Column(column, sa.Integer(), nullable=True))
    op.add_column('notifications', sa.Column('count', sa.Integer(), server_default='1', nullable=False))
    op.add_column('notifications', sa.Column('updated_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE notifications SET updated_at = created_at")
    op.create_index('ix_notifications_member_id_thread_id', 'notifications', ['member_id', 'thread_id', 'read_at'])
    op.create_index('ix_notifications_thread_id_kind', 'notifications', ['thread_id', 'kind'])
    op.create_index('ix_notifications_post_id_kind', 'notifications', ['post_id', 'kind'])


def downgrade():
    op.drop_index('ix_notifications_post_id_kind', table_name='notifications')
    op.drop_index('ix_notifications_thread_id_kind', table_name='notifications')
    op.drop_index('ix_notifications_member_id_thread_id', table_name='notifications')
    for column in ('updated_at', 'count', 'actor_id', 'post_id', 'thread_id'):
        op.drop_column('notifications', column)
    op.drop_column('posts', 'me_too_count')
    op.drop_column('posts', 'helpful_count')
    op.drop_column('users', 'follow_own_threads')
    for table in ('reactions', 'bookmarks', 'thread_reads', 'category_follows', 'thread_follows'):
        op.drop_table(table)
