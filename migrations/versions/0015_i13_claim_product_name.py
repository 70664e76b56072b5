"""orders: a claim keeps the 상품명 its channel's claim list gives, for lines never collected

Revision ID: 0015_i13_claim_product_name
Revises: 0015_i16_origin_product_id
Create Date: 2026-12-04 17:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_i13_claim_product_name'
down_revision = '0015_i16_origin_product_id'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("order_claim") as batch:
        batch.add_column(sa.Column("product_name", sa.String(300), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("order_claim") as batch:
        batch.drop_column("product_name")
