"""fulfilment: 수기주문 orders keep no per-row key to tenant or to the upload's run, and no tenant index

Revision ID: 0013_manual_order_keys
Revises: 0012_products_lean_indexes
Create Date: 2026-12-01 21:30:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013_manual_order_keys'
down_revision = '0012_products_lean_indexes'
branch_labels = None
depends_on = None

# An upload writes orders by the thousand and PostgreSQL checks each foreign key row by row (a third
# of the server's work for an order row). Neither check can fail: the tenant is the signed-in seller,
# or the upload's run, which holds its own key to that tenant, and the run is the job writing the
# rows; tenants and job runs are never deleted, so neither key guards a cascade. The unique key
# (tenant_id, platform, order_no) starts with the tenant, so it serves every tenant-scoped read and
# the single-column tenant index only cost each row written.
DROPPED_KEYS = [("tenant_id", "tenant"), ("run_id", "job_run")]


def upgrade():
    op.drop_index("ix_manual_order_tenant_id", table_name="manual_order")
    with op.batch_alter_table("manual_order") as batch_op:
        for column, target in DROPPED_KEYS:
            batch_op.drop_constraint(f"fk_manual_order_{column}_{target}", type_="foreignkey")


def downgrade():
    with op.batch_alter_table("manual_order") as batch_op:
        for column, target in DROPPED_KEYS:
            batch_op.create_foreign_key(f"fk_manual_order_{column}_{target}", target, [column], ["id"])
    op.create_index("ix_manual_order_tenant_id", "manual_order", ["tenant_id"])
