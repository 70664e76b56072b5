"""products: drop indexes no list reads and foreign keys that repeat the product's, so 상품대량등록 maintains fewer per row

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


# PostgreSQL checks each foreign key row by row (half of what the server does for a bulk upload):
# an option's or a history row's tenant is its product's, which holds the key to tenant, and a
# history row keeps who made the change (user_name) after the staff account goes.
DROPPED_KEYS = {
    "product_option": [("tenant_id", "tenant")],
    "product_history": [("tenant_id", "tenant"), ("user_id", "user")],
}


def upgrade():
    for table, columns in DROPPED.items():
        for column in columns:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
    # 상품수정이력 of a seller, newest first, in place of the tenant and time indexes.
    op.create_index("ix_product_history_recent", "product_history", ["tenant_id", "at", "id"])
    for table, keys in DROPPED_KEYS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, target in keys:
                batch_op.drop_constraint(f"fk_{table}_{column}_{target}", type_="foreignkey")


def downgrade():
    for table, keys in DROPPED_KEYS.items():
        with op.batch_alter_table(table) as batch_op:
            for column, target in keys:
                batch_op.create_foreign_key(f"fk_{table}_{column}_{target}", target, [column], ["id"])
    op.drop_index("ix_product_history_recent", table_name="product_history")
    for table, columns in DROPPED.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])
