"""channel order lines keep the channel's origin product number (스마트스토어 originalProductId)

Revision ID: 0015_i16_origin_product_id
Revises: 0015_i15_stat_rollups
Create Date: 2026-12-04 17:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_i16_origin_product_id'
down_revision = '0015_i15_stat_rollups'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('channel_order_line') as batch_op:
        batch_op.add_column(sa.Column('origin_product_id', sa.String(length=60), nullable=False,
                                      server_default=''))


def downgrade():
    with op.batch_alter_table('channel_order_line') as batch_op:
        batch_op.drop_column('origin_product_id')
