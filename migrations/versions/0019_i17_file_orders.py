"""orders: orders uploaded from a file or typed into the 수기주문 form are mirrored into the channel order
tables without a channel account (account_id NULL, source excel/form), so they flow through 주문관리;
수기주문 lines keep the channel's own line number; the statistics count those orders once (as 수기주문)

Revision ID: 0019_i17_file_orders
Revises: 0018_i19_export_declaration
Create Date: 2026-12-04 20:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0019_i17_file_orders'
down_revision = '0018_i19_export_declaration'
branch_labels = None
depends_on = None

STAT_SOURCES = ("channel_order_line", "channel_order", "order_claim", "manual_order", "manual_order_line")
REFUNDED = "status IN ('CANCELED', 'RETURNED')"


def _drop_stat_triggers(postgresql: bool) -> None:
    for table in STAT_SOURCES:
        for operation in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS stat_{table}_{operation}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP TRIGGER IF EXISTS stat_dirty_refresh ON stat_dirty")


def _sqlite_after_rebuild() -> None:
    """SQLite's batch mode rebuilt the tables: their triggers and partial indexes go back."""
    from models.order import TALLY_SQLITE

    for name in ("order_line_tally_insert", "order_line_tally_update", "order_line_tally_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in TALLY_SQLITE:
        op.execute(statement)
    op.execute("DROP INDEX IF EXISTS ix_order_line_tenant_refunded")
    op.execute(f"CREATE INDEX ix_order_line_tenant_refunded ON channel_order_line (tenant_id, updated_at) "
               f"WHERE {REFUNDED}")
    op.execute("DROP INDEX IF EXISTS ix_order_line_tally_unsettled")
    op.execute("CREATE INDEX ix_order_line_tally_unsettled ON order_line_tally (tenant_id, day) WHERE settled = 0")


def upgrade():
    from models.stat_triggers import trigger_sql

    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    _drop_stat_triggers(postgresql)
    with op.batch_alter_table("channel_order") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("source", sa.String(length=10), nullable=False, server_default="channel"))
        batch.add_column(sa.Column("manual_order_id", sa.Integer(), nullable=True))
        batch.create_unique_constraint("uq_channel_order_manual_order_id", ["manual_order_id"])
    with op.batch_alter_table("channel_order_line") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("manual_line_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("order_line_tally") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
    op.add_column("manual_order_line", sa.Column("channel_line_no", sa.String(length=60), nullable=False,
                                                 server_default=""))
    if not postgresql:
        _sqlite_after_rebuild()
    for statement in trigger_sql(bind.dialect.name):
        op.execute(statement)
    _mirror_existing()


def _mirror_existing() -> None:
    """수기주문 registered before: mirrored once, as the upload and the form now do."""
    from blueprints.fulfilment.mirror import mirror_all

    mirror_all(op.get_bind())


def downgrade():
    from models.stat_triggers import trigger_sql

    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    _drop_stat_triggers(postgresql)
    op.execute("DELETE FROM channel_order_line WHERE account_id IS NULL")
    op.execute("DELETE FROM channel_order WHERE account_id IS NULL")
    op.execute("DELETE FROM order_line_tally WHERE account_id IS NULL")
    with op.batch_alter_table("manual_order_line") as batch:
        batch.drop_column("channel_line_no")
    with op.batch_alter_table("order_line_tally") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("channel_order_line") as batch:
        batch.drop_column("manual_line_id")
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("channel_order") as batch:
        batch.drop_constraint("uq_channel_order_manual_order_id", type_="unique")
        batch.drop_column("manual_order_id")
        batch.drop_column("source")
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=False)
    if not postgresql:
        _sqlite_after_rebuild()
    for statement in trigger_sql(bind.dialect.name):
        op.execute(statement)
