"""orders: the (tenant, id) index of order lines carries the list filters' columns on PostgreSQL, so a list
page finds its 50 ids in the index alone instead of reading every line its filters turn away

Revision ID: 0030_dbspeed_line_keyset
Revises: 0029_upload_speed_stat_counted
Create Date: 2026-12-05 03:40:00

"""
from alembic import op

revision = '0030_dbspeed_line_keyset'
down_revision = '0029_upload_speed_stat_counted'
branch_labels = None
depends_on = None

INDEX = "ix_order_line_tenant_id"
INCLUDED = "ordered_at, status, invoice_state, courier_code, account_id"  # models.order.LIST_FILTER_COLUMNS


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite has no INCLUDE; its plain (tenant_id, id) index stays
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(f"CREATE INDEX {INDEX} ON channel_order_line (tenant_id, id) INCLUDE ({INCLUDED})")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(f"CREATE INDEX {INDEX} ON channel_order_line (tenant_id, id)")
