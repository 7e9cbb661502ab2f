"""reading on a phone: a member's time zone and colour theme; whether a post
gives advice (it then carries the short "not medical advice" line)

Posts written before this count as giving no advice until
`flask rerender-posts` looks at them again.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 15:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('time_zone', sa.String(length=64), nullable=True))
    op.add_column('users', sa.Column('theme', sa.String(length=8), server_default='auto', nullable=False))
    op.add_column('posts', sa.Column('gives_advice', sa.Boolean(), server_default='0', nullable=False))


def downgrade():
    op.drop_column('posts', 'gives_advice')
    op.drop_column('users', 'theme')
    op.drop_column('users', 'time_zone')
