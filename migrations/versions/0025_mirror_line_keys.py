"""orders: order lines keep their order, product and tenant without per-row foreign keys (a 수기주문 upload
mirrors thousands at once); indexes that repeat another's leading columns go, and the account index holds
collected lines only; a deleted 수기주문 (or line) takes its mirror in 주문관리 with it, its stock back

Revision ID: 0025_mirror_line_keys
Revises: 0024_shipx_fulfilment_extras
Create Date: 2026-12-04 23:30:00

"""
from alembic import op

revision = '0025_mirror_line_keys'
down_revision = '0024_shipx_fulfilment_extras'
branch_labels = None
depends_on = None

# PostgreSQL checks a foreign key row by row (a query and a lock on the parent for every line): a fifth of
# the server's work for a mirrored 수기주문 line. None of these checks can fail: the line is written with
# the id of the order written just before it, of a product just read, of the writer's own tenant; products
# and tenants are never deleted, and an order's lines go with it by trigger (models.cascades).
DROPPED_KEYS = {  # table: [(column, parent)]
    "channel_order": [("tenant_id", "tenant")],
    "channel_order_line": [("order_id", "channel_order"), ("product_id", "product"), ("tenant_id", "tenant")],
}
# (table, index, columns): each repeats the leading columns of another index of its table
# (ix_order_line_tenant_id, ix_order_line_tenant_status_id, uq_channel_order).
DROPPED_INDEXES = [("channel_order_line", "ix_channel_order_line_tenant_id", ["tenant_id"]),
                   ("channel_order_line", "ix_order_line_tenant_status", ["tenant_id", "status"]),
                   ("channel_order", "ix_channel_order_account_id", ["account_id"])]
COLLECTED = "account_id IS NOT NULL"
REFUNDED = "status IN ('CANCELED', 'RETURNED')"

# Cascades (models.cascades): a channel order's lines go with it; a 수기주문 line's mirror with it (its stock
# back), a 수기주문's mirrored order with it.
CASCADE_PARENTS = ("channel_order", "manual_order_line", "manual_order")
# manual_order_deleted as of 0014_bulk_child_keys (for the downgrade)
BEFORE = {"postgresql": [
    "CREATE OR REPLACE FUNCTION manual_order_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM manual_order_line WHERE order_id IN (SELECT id FROM gone); RETURN NULL; END $$",
    "CREATE TRIGGER manual_order_deleted AFTER DELETE ON manual_order REFERENCING OLD TABLE AS gone "
    "FOR EACH STATEMENT EXECUTE FUNCTION manual_order_deleted()"],
    "sqlite": ["CREATE TRIGGER manual_order_deleted AFTER DELETE ON manual_order BEGIN "
               "DELETE FROM manual_order_line WHERE order_id = OLD.id; END"]}


def _drop_cascades(postgresql: bool) -> None:
    for parent in CASCADE_PARENTS:
        op.execute(f"DROP TRIGGER IF EXISTS {parent}_deleted" + (f" ON {parent}" if postgresql else ""))
        if postgresql:
            op.execute(f"DROP FUNCTION IF EXISTS {parent}_deleted()")


def _create_cascades(dialect: str) -> None:
    from models.cascades import trigger_sql

    for statement in trigger_sql(dialect):
        if any(f" {parent}_deleted()" in statement or f"TRIGGER {parent}_deleted " in statement
               for parent in CASCADE_PARENTS):
            op.execute(statement)


def _drop_stat_triggers() -> None:
    """SQLite: the statistics triggers name the tables rebuilt (they go back after the rebuild)."""
    from models.stat_rollup import SOURCES

    for table in SOURCES:
        for operation in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS stat_{table}_{operation}")


def _sqlite_after_rebuild(account_index: str) -> None:
    """SQLite's batch mode rebuilt the tables: their triggers and partial indexes go back."""
    from models.order import TALLY_SQLITE
    from models.stat_triggers import trigger_sql

    for name in ("order_line_tally_insert", "order_line_tally_update", "order_line_tally_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in TALLY_SQLITE:
        op.execute(statement)
    op.execute("DROP INDEX IF EXISTS ix_order_line_tenant_refunded")
    op.execute(f"CREATE INDEX ix_order_line_tenant_refunded ON channel_order_line (tenant_id, updated_at) "
               f"WHERE {REFUNDED}")
    op.execute("DROP INDEX IF EXISTS ix_channel_order_line_account_id")
    op.execute(f"CREATE INDEX ix_channel_order_line_account_id ON channel_order_line (account_id){account_index}")
    for statement in trigger_sql("sqlite"):
        op.execute(statement)


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if not postgresql:
        _drop_stat_triggers()
    for table, keys in DROPPED_KEYS.items():
        with op.batch_alter_table(table) as batch:
            for column, parent in keys:
                batch.drop_constraint(f"fk_{table}_{column}_{parent}", type_="foreignkey")
    for table, index, _ in DROPPED_INDEXES:
        op.drop_index(index, table_name=table)
    if postgresql:
        op.drop_index("ix_channel_order_line_account_id", table_name="channel_order_line")
        op.create_index("ix_channel_order_line_account_id", "channel_order_line", ["account_id"],
                        postgresql_where=COLLECTED)
    else:
        _sqlite_after_rebuild(f" WHERE {COLLECTED}")
    _drop_cascades(postgresql)
    _create_cascades(op.get_bind().dialect.name)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    _drop_cascades(postgresql)
    for statement in BEFORE[op.get_bind().dialect.name]:
        op.execute(statement)
    if postgresql:
        op.drop_index("ix_channel_order_line_account_id", table_name="channel_order_line")
        op.create_index("ix_channel_order_line_account_id", "channel_order_line", ["account_id"])
    else:
        _drop_stat_triggers()
    for table, index, columns in DROPPED_INDEXES:
        op.create_index(index, table, columns)
    for table, keys in DROPPED_KEYS.items():
        with op.batch_alter_table(table) as batch:
            for column, parent in keys:
                batch.create_foreign_key(f"fk_{table}_{column}_{parent}", parent, [column], ["id"])
    if not postgresql:
        _sqlite_after_rebuild("")
