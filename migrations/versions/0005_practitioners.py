"""practitioners: applications and badges; "this helped me"; questions waiting for a practitioner

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:00:00

Existing threads learn their first post from their posts; the "Ask a
practitioner" section (when a forum has it) lists unanswered questions.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('practitioner_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('open_for_member', sa.Integer(), nullable=True),
    sa.Column('credential', sa.String(length=8), nullable=False),
    sa.Column('licence_number', sa.String(length=40), nullable=False),
    sa.Column('jurisdiction', sa.String(length=8), nullable=False),
    sa.Column('jurisdiction_other', sa.String(length=80), server_default='', nullable=False),
    sa.Column('legal_name', sa.String(length=120), nullable=False),
    sa.Column('licence_expires_on', sa.Date(), nullable=False),
    sa.Column('practice_name', sa.String(length=120), server_default='', nullable=False),
    sa.Column('city', sa.String(length=80), server_default='', nullable=False),
    sa.Column('npi', sa.String(length=10), nullable=True),
    sa.Column('bio', sa.Text(), server_default='', nullable=False),
    sa.Column('bio_html', sa.Text(), server_default='', nullable=False),
    sa.Column('show_licence', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('info_request', sa.Text(), nullable=True),
    sa.Column('info_answer', sa.Text(), nullable=True),
    sa.Column('source_checked', sa.String(length=200), nullable=True),
    sa.Column('source_url', sa.String(length=500), nullable=True),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('lapses_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('lapse_notice_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_practitioner_applications_decided_by_id_users')),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_practitioner_applications_member_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practitioner_applications')),
    sa.UniqueConstraint('open_for_member', name=op.f('uq_practitioner_applications_open_for_member'))
    )
    with op.batch_alter_table('practitioner_applications', schema=None) as batch_op:
        batch_op.create_index('ix_practitioner_applications_badge', ['member_id', 'status', 'lapses_at'], unique=False)
        batch_op.create_index('ix_practitioner_applications_lapsing', ['status', 'lapses_at'], unique=False)
        batch_op.create_index('ix_practitioner_applications_queue', ['status', 'created_at', 'id'], unique=False)

    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('for_practitioners', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('threads', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_post_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('helpful_post_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('practitioner_answered_at', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_threads_waiting', ['category_id', 'practitioner_answered_at', 'created_at', 'id'], unique=False)

    op.execute("UPDATE threads SET first_post_id = (SELECT MIN(posts.id) FROM posts WHERE posts.thread_id = threads.id)")
    op.execute(sa.text("UPDATE categories SET for_practitioners = :yes WHERE slug = 'ask-a-practitioner'").bindparams(yes=True))


def downgrade():
    # Dropped in place, not by copying the tables: posts point at threads, so
    # a copy of threads would break their foreign keys on SQLite.
    op.drop_index('ix_threads_waiting', table_name='threads')
    op.drop_column('threads', 'practitioner_answered_at')
    op.drop_column('threads', 'helpful_post_id')
    op.drop_column('threads', 'first_post_id')
    op.drop_column('categories', 'for_practitioners')

    with op.batch_alter_table('practitioner_applications', schema=None) as batch_op:
        batch_op.drop_index('ix_practitioner_applications_queue')
        batch_op.drop_index('ix_practitioner_applications_lapsing')
        batch_op.drop_index('ix_practitioner_applications_badge')

    op.drop_table('practitioner_applications')
