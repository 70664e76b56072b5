"""products: 재고관리 count and 상품복원 indexes; 구매자 입력형 option names

Revision ID: 0010_products_stock
Revises: 0009_orders_lists
Create Date: 2026-12-01 20:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010_products_stock'
down_revision = '0009_orders_lists'
branch_labels = None
depends_on = None

# A product whose option_names is [] uses no options: it is one 재고관리 line of its own.
PLAIN_LIVE = sa.text("deleted_at IS NULL AND json_array_length(option_names) = 0")
DELETED = sa.text("deleted_at IS NOT NULL")


def upgrade():
    with op.batch_alter_table("product") as batch_op:
        batch_op.add_column(sa.Column("input_option_names", sa.JSON(), nullable=False,
                                      server_default=sa.text("'[]'")))
    op.create_index("ix_product_plain_live", "product", ["tenant_id", "id"],
                    postgresql_include=["stock"], postgresql_where=PLAIN_LIVE,
                    sqlite_where=PLAIN_LIVE)
    op.create_index("ix_product_deleted_updated", "product", ["tenant_id", "updated_at", "id"],
                    postgresql_where=DELETED, sqlite_where=DELETED)
    op.create_index("ix_product_option_low", "product_option", ["tenant_id", "stock"])
    op.create_index("ix_addon_item_low", "addon_item", ["tenant_id", "stock"])


def downgrade():
    op.drop_index("ix_addon_item_low", table_name="addon_item")
    op.drop_index("ix_product_option_low", table_name="product_option")
    op.drop_index("ix_product_deleted_updated", table_name="product")
    op.drop_index("ix_product_plain_live", table_name="product")
    with op.batch_alter_table("product") as batch_op:
        batch_op.drop_column("input_option_names")
