"""statistics on SQLite: the source rows' triggers note the days they move and the days are recomputed once
at commit, instead of each row recomputing its whole day (a 2,000-row 수기주문 upload took minutes)

Revision ID: 0022_rollups_sqlite_dirty
Revises: 0021_i13b_listing_notice
Create Date: 2026-12-04 23:30:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022_rollups_sqlite_dirty'
down_revision = '0021_i13b_listing_notice'
branch_labels = None
depends_on = None

SOURCES = ("channel_order_line", "channel_order", "order_claim", "manual_order", "manual_order_line")


def _drop_sqlite_triggers() -> None:
    for table in SOURCES:
        for operation in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS stat_{table}_{operation}")


def upgrade():
    """PostgreSQL keeps its statement triggers and deferred refresh; SQLite gets the noting triggers."""
    from models.stat_triggers import trigger_sql

    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_sqlite_triggers()
    for statement in trigger_sql("sqlite"):
        op.execute(statement)


def downgrade():
    """SQLite: back to row triggers recomputing their days at once (as 0015_i15_stat_rollups made them)."""
    from models.stat_rollup import SOURCES as DAYS
    from models.stat_rollup import TABLES, Dialect, insert_sql

    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_sqlite_triggers()
    d = Dialect("sqlite")
    for table in SOURCES:
        columns = [c.strip() for c in DAYS[table][0].split(",")]

        def row(which: str) -> str:
            return "SELECT " + ", ".join(f"{which}.{c} AS {c}" for c in columns)

        ops = {"INSERT": row("NEW"), "DELETE": row("OLD"), "UPDATE": f"{row('OLD')} UNION ALL {row('NEW')}"}
        if table == "channel_order":
            ops = {"UPDATE OF address": ops["UPDATE"]}
        for operation, source in ops.items():
            tenant = "OLD.tenant_id" if operation == "DELETE" else "NEW.tenant_id"
            when = ""
            if table in ("channel_order_line", "channel_order"):
                when = {"INSERT": " WHEN NEW.account_id IS NOT NULL",
                        "DELETE": " WHEN OLD.account_id IS NOT NULL"}.get(
                    operation, " WHEN OLD.account_id IS NOT NULL OR NEW.account_id IS NOT NULL")
            days = f"(SELECT d FROM ({DAYS[table][1](d).format(r=f'({source})')}) WHERE d IS NOT NULL)"
            body = " ".join(f"DELETE FROM {t} WHERE tenant_id = {tenant} AND day IN {days};" for t in TABLES)
            body += " ".join(f"{s};" for s in insert_sql(d, tenant, lambda col: f"{d.day(col)} IN {days}"))
            name = f"stat_{table}_{operation.split()[0].lower()}"
            op.execute(f"CREATE TRIGGER {name} AFTER {operation} ON {table}{when} BEGIN {body} END")
