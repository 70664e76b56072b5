"""products: drop indexes no list reads, so 상품대량등록 maintains fewer per row

Revision ID: 0012_products_lean_indexes
Revises: 0011_manual_order_sku
Create Date: 2026-12-01 21:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012_products_lean_indexes'
down_revision = '0011_manual_order_sku'
branch_labels = None
depends_on = None

# Every index costs each row written. These are read by no query: name, brand and category are
# searched by partial match (no b-tree helps), a seller's rows are reached through the
# tenant-scoped partial and seek indexes of 0006/0010, and products are only soft-deleted, so
# add-on items need no product key index for a cascade.
DROPPED = {
    "product": ["name", "brand", "category_path", "deleted_at", "tenant_id"],
    "product_option": ["tenant_id"],
    "product_history": ["tenant_id", "at"],
    "addon_group": ["tenant_id"],
    "addon_item": ["tenant_id", "product_id"],
}


def upgrade():
    for table, columns in DROPPED.items():
        for column in columns:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
    # 상품수정이력 of a seller, newest first, in place of the tenant and time indexes.
    op.create_index("ix_product_history_recent", "product_history", ["tenant_id", "at", "id"])


def downgrade():
    op.drop_index("ix_product_history_recent", table_name="product_history")
    for table, columns in DROPPED.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])
