"""fulfilment: 수기주문 keep amounts with decimals and their currency, the order date, the buyer, each line's
names and amounts as the channel's file gives them; the SKU mapping table

Revision ID: 0015_i17_order_files
Revises: 0015_i14_inquiries_support
Create Date: 2026-12-04 17:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_i17_order_files'
down_revision = '0015_i14_inquiries_support'
branch_labels = None
depends_on = None

AMOUNTS = ("order_amount", "paid_amount", "total_paid")
# SQLite's batch mode rebuilds manual_order and so drops the trigger 0014 put on it: put it back.
SQLITE_TRIGGER = ("CREATE TRIGGER manual_order_deleted AFTER DELETE ON manual_order BEGIN "
                  "DELETE FROM manual_order_line WHERE order_id = OLD.id; END")


def _sqlite_trigger():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS manual_order_deleted")
        op.execute(SQLITE_TRIGGER)


def upgrade():
    with op.batch_alter_table("manual_order") as batch_op:
        for column in AMOUNTS:
            batch_op.alter_column(column, existing_type=sa.Integer(), type_=sa.Numeric(14, 2))
        batch_op.add_column(sa.Column("currency", sa.String(3), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("order_date", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("buyer_name", sa.String(50), nullable=False, server_default=""))
    _sqlite_trigger()
    with op.batch_alter_table("manual_order_line") as batch_op:
        batch_op.add_column(sa.Column("product_name", sa.String(300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("option_name", sa.String(300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("unit_price", sa.Numeric(14, 2), nullable=True))
        batch_op.add_column(sa.Column("line_amount", sa.Numeric(14, 2), nullable=True))
    op.create_table(
        "sku_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("code", sa.String(200), nullable=False),
        sa.Column("code_key", sa.String(200), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=True),
        sa.Column("learned_from", sa.String(10), nullable=False),
        sa.Column("product_url", sa.String(500), nullable=False, server_default=""),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["option_id"], ["product_option.id"], name="fk_sku_mapping_option_id_product_option",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name="fk_sku_mapping_product_id_product",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenant.id"], name="fk_sku_mapping_tenant_id_tenant"),
        sa.PrimaryKeyConstraint("id", name="pk_sku_mapping"),
        sa.UniqueConstraint("tenant_id", "channel", "code_key", name="uq_sku_mapping"),
    )
    with op.batch_alter_table("sku_mapping") as batch_op:
        batch_op.create_index("ix_sku_mapping_tenant_id", ["tenant_id"], unique=False)


def downgrade():
    op.drop_table("sku_mapping")
    with op.batch_alter_table("manual_order_line") as batch_op:
        for column in ("line_amount", "unit_price", "option_name", "product_name"):
            batch_op.drop_column(column)
    with op.batch_alter_table("manual_order") as batch_op:
        for column in ("buyer_name", "order_date", "currency"):
            batch_op.drop_column(column)
        for column in AMOUNTS:
            batch_op.alter_column(column, existing_type=sa.Numeric(14, 2), type_=sa.Integer())
    _sqlite_trigger()
