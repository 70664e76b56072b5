"""warehouse: 창고관리 items, inbound/outbound requests, stock ledger, Coupang centres; the company switch

Revision ID: 0015_i20_warehouse
Revises: 0014_bulk_child_keys
Create Date: 2026-12-04 17:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0015_i20_warehouse'
down_revision = '0014_bulk_child_keys'
branch_labels = None
depends_on = None

# Coupang fulfilment centres that receive 로켓그로스 milk-runs; support keeps the list (and the
# addresses) current in the panel.
CENTRES = [
    ("GOY1", "고양1"),
    ("DPN1", "덕평1"),
    ("DTN1", "동탄1"),
    ("ICN4", "인천4"),
    ("ICH2", "이천2"),
    ("PYT1", "평택1"),
    ("CHA1", "천안1"),
    ("DAE3", "대구3"),
    ("CHG1", "창원1"),
    ("GWJ1", "광주1"),
]
LOW = sa.text("low_threshold IS NOT NULL AND available <= low_threshold")


def upgrade():
    with op.batch_alter_table("tenant") as batch_op:
        batch_op.add_column(sa.Column("warehouse_enabled", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    centre = op.create_table(
        "coupang_centre",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(20), nullable=False, unique=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.bulk_insert(centre, [{"code": c, "name": n, "address": "", "active": True} for c, n in CENTRES])
    op.create_table(
        "warehouse_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False, index=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("refused_reason", sa.String(200), nullable=False),
        sa.Column("fnsku", sa.String(40), nullable=False),
        sa.Column("warehouse", sa.String(20), nullable=False),
        sa.Column("owner_name", sa.String(50), nullable=False),
        sa.Column("seller_sku", sa.String(50), nullable=False),
        sa.Column("platform_sku", sa.String(60), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_ko", sa.String(200), nullable=False),
        sa.Column("origin", sa.String(50), nullable=False),
        sa.Column("customs_value", sa.Numeric(12, 2), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("hs_code", sa.String(12), nullable=False),
        sa.Column("option", sa.String(200), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("color", sa.String(50), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("weight_kg", sa.Numeric(9, 3), nullable=False),
        sa.Column("width_cm", sa.Numeric(8, 1), nullable=False),
        sa.Column("depth_cm", sa.Numeric(8, 1), nullable=False),
        sa.Column("height_cm", sa.Numeric(8, 1), nullable=False),
        sa.Column("has_battery", sa.Boolean(), nullable=False),
        sa.Column("image", sa.String(60), nullable=False),
        sa.Column("product_id", sa.Integer(), sa.ForeignKey("product.id", ondelete="SET NULL")),
        sa.Column("option_id", sa.Integer(), sa.ForeignKey("product_option.id", ondelete="SET NULL")),
        sa.Column("available", sa.Integer(), nullable=False),
        sa.Column("low_threshold", sa.Integer()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("tenant_id", "fnsku", name="uq_warehouse_item_fnsku"),
        sa.CheckConstraint("available >= 0", name="ck_warehouse_item_available"),
    )
    op.create_index("ix_warehouse_item_list", "warehouse_item", ["tenant_id", "status", "id"])
    op.create_index("ix_warehouse_item_low", "warehouse_item", ["tenant_id", "status", "id"],
                    postgresql_where=LOW, sqlite_where=LOW)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("name_zh", "seller_sku"):  # 중문상품명 / Seller SKU searches match anywhere
        op.create_index(f"ix_warehouse_item_{column}_trgm", "warehouse_item", [column],
                        postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})
    op.create_table(
        "inbound_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False, index=True),
        sa.Column("no", sa.String(30), nullable=False, unique=True),
        sa.Column("status", sa.String(10), nullable=False, index=True),
        sa.Column("received_at", sa.DateTime()),
        sa.Column("refused_reason", sa.String(200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("user.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_inbound_list", "inbound_request", ["tenant_id", "created_at", "id"])
    op.create_table(
        "inbound_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False, index=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("inbound_request.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("warehouse_item.id"), nullable=False, index=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("box_no", sa.String(30), nullable=False),
        sa.Column("box_width_cm", sa.Numeric(8, 1), nullable=False),
        sa.Column("box_depth_cm", sa.Numeric(8, 1), nullable=False),
        sa.Column("box_height_cm", sa.Numeric(8, 1), nullable=False),
    )
    op.create_table(
        "outbound_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False, index=True),
        sa.Column("no", sa.String(20), nullable=False, unique=True),
        sa.Column("status", sa.String(10), nullable=False, index=True),
        sa.Column("order_no", sa.String(50), nullable=False),
        sa.Column("po_no", sa.String(50), nullable=False),
        sa.Column("recipient_name", sa.String(50), nullable=False),
        sa.Column("recipient_phone", sa.String(20), nullable=False),
        sa.Column("province", sa.String(30), nullable=False),
        sa.Column("city", sa.String(50), nullable=False),
        sa.Column("zipcode", sa.String(10), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("transport", sa.String(10), nullable=False),
        sa.Column("courier", sa.String(30), nullable=False),
        sa.Column("centre_id", sa.Integer(), sa.ForeignKey("coupang_centre.id")),
        sa.Column("attachment", sa.String(60), nullable=False),
        sa.Column("attachment_name", sa.String(200), nullable=False),
        sa.Column("tracking_no", sa.String(40), nullable=False),
        sa.Column("shipped_at", sa.DateTime()),
        sa.Column("refused_reason", sa.String(200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("user.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("tenant_id", "po_no", name="uq_outbound_po"),
    )
    op.create_index("ix_outbound_list", "outbound_request", ["tenant_id", "created_at", "id"])
    op.create_table(
        "outbound_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False, index=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("outbound_request.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("warehouse_item.id"), nullable=False, index=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
    )
    op.create_table(
        "stock_ledger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.Integer(), sa.ForeignKey("tenant.id"), nullable=False, index=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("warehouse_item.id"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer()),
        sa.Column("user_name", sa.String(80), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("ref", sa.String(30), nullable=False),
        sa.Column("change", sa.Integer(), nullable=False),
        sa.Column("before", sa.Integer(), nullable=False),
        sa.Column("after", sa.Integer(), nullable=False),
        sa.Column("memo", sa.String(200), nullable=False),
    )
    op.create_index("ix_stock_ledger_item", "stock_ledger", ["tenant_id", "item_id", "id"])


def downgrade():
    for table in ("stock_ledger", "outbound_line", "outbound_request", "inbound_line",
                  "inbound_request", "warehouse_item", "coupang_centre"):
        op.drop_table(table)
    with op.batch_alter_table("tenant") as batch_op:
        batch_op.drop_column("warehouse_enabled")
