"""listing: the 품목고시 entered again for a 종합몰 (group and answers)

Revision ID: 0021_i13b_listing_notice
Revises: 0020_i13_stat_monthly
Create Date: 2026-12-04 20:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0021_i13b_listing_notice'
down_revision = '0020_i13_stat_monthly'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('listing', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_group', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('notice', sa.JSON(), nullable=False, server_default='{}'))


def downgrade():
    with op.batch_alter_table('listing', schema=None) as batch_op:
        batch_op.drop_column('notice')
        batch_op.drop_column('notice_group')
