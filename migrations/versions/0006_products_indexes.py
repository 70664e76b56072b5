"""products: keyset-paging indexes for 상품조회 and 재고관리

Revision ID: 0006_products_indexes
Revises: 0005_sales
Create Date: 2026-11-24 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006_products_indexes'
down_revision = '0005_sales'
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")
SORT_KEYS = {"code": "code", "name": "name", "own_code": sa.text("coalesce(own_code, '')"),
             "price": "rep_price", "status": "status", "created": "created_at",
             "updated": "updated_at"}


def upgrade():
    for name, key in SORT_KEYS.items():
        op.create_index(f"ix_product_live_{name}", "product", ["tenant_id", key, "id"],
                        postgresql_where=LIVE, sqlite_where=LIVE)
    op.create_index("ix_product_option_seek", "product_option", ["tenant_id", "product_id", "no"])
    op.create_index("ix_addon_item_seek", "addon_item", ["tenant_id", "product_id", "position"])


def downgrade():
    op.drop_index("ix_addon_item_seek", table_name="addon_item")
    op.drop_index("ix_product_option_seek", table_name="product_option")
    for name in reversed(list(SORT_KEYS)):
        op.drop_index(f"ix_product_live_{name}", table_name="product")
