"""orders: list indexes for 주문확인/처리 and friends at a million orders

Revision ID: 0008_orders_perf
Revises: 0006_products_indexes
Create Date: 2026-11-23 15:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008_orders_perf'
down_revision = '0006_products_indexes'
branch_labels = None
depends_on = None

INDEXES = {
    # 처리상태 counts of a period: an index-only scan of this index.
    "ix_order_line_tenant_day_stage": ["tenant_id", "ordered_at", "status", "invoice_state"],
    # keyset pages, newest first, of one seller; and of one 처리상태.
    "ix_order_line_tenant_id": ["tenant_id", "id"],
    "ix_order_line_tenant_status_id": ["tenant_id", "status", "id"],
    # exact 주문번호 and 송장번호 searches.
    "ix_order_line_tenant_order_no": ["tenant_id", "channel_order_id"],
    "ix_order_line_tenant_tracking": ["tenant_id", "tracking_number"],
}


def upgrade():
    for name, columns in INDEXES.items():
        op.create_index(name, "channel_order_line", columns)


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name="channel_order_line")
