"""sales_info: 옵션정보 오픈마켓용으로만 / 종합몰에도 사용 per 판매정보;
product: 상품상세 이미지 (detail_image)

Revision ID: 0016_i13b_detail_image
Revises: 0015_i12_job_duty
Create Date: 2026-12-04 18:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0016_i13b_detail_image'
down_revision = '0015_i12_job_duty'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sales_info', schema=None) as batch_op:
        batch_op.add_column(sa.Column('option_scope', sa.String(length=20), nullable=False,
                                      server_default='open_market'))
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('detail_image', sa.String(length=60), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('detail_image')
    with op.batch_alter_table('sales_info', schema=None) as batch_op:
        batch_op.drop_column('option_scope')
