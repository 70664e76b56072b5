"""orders: order_line_tally (처리상태 counts per KST day, kept by triggers), trigram indexes for contains searches

Revision ID: 0009_orders_lists
Revises: 0008_orders_perf
Create Date: 2026-12-01 20:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009_orders_lists'
down_revision = '0008_orders_perf'
branch_labels = None
depends_on = None

# The statements of models/order.py at this revision (a migration keeps its own copy).
KEY = "tenant_id, account_id, day, status, invoice_state, courier_code"
COLUMNS = ("tenant_id, account_id, (ordered_at + interval '9 hours')::date AS day, status, invoice_state, "
           "courier_code")
POSTGRESQL = [f"""
CREATE OR REPLACE FUNCTION order_line_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One statement's changes, netted per key: a bulk update of 10,000 lines adds a handful of rows.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO order_line_tally ({KEY}, n)
        SELECT {KEY}, count(*) FROM (SELECT {COLUMNS} FROM new_rows
                                           WHERE ordered_at IS NOT NULL) c GROUP BY {KEY};
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO order_line_tally ({KEY}, n)
        SELECT {KEY}, -count(*) FROM (SELECT {COLUMNS} FROM old_rows
                                            WHERE ordered_at IS NOT NULL) c GROUP BY {KEY};
    ELSE
        INSERT INTO order_line_tally ({KEY}, n)
        SELECT {KEY}, sum(n) FROM (
            SELECT {COLUMNS}, -1 AS n FROM old_rows WHERE ordered_at IS NOT NULL
            UNION ALL SELECT {COLUMNS}, 1 AS n FROM new_rows WHERE ordered_at IS NOT NULL) c
        GROUP BY {KEY} HAVING sum(n) <> 0;
    END IF;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER order_line_tally_insert AFTER INSERT ON channel_order_line REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION order_line_tally()",
    "CREATE TRIGGER order_line_tally_update AFTER UPDATE ON channel_order_line "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_line_tally()",
    "CREATE TRIGGER order_line_tally_delete AFTER DELETE ON channel_order_line REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION order_line_tally()",
]
COUNTED = ("tenant_id", "account_id", "ordered_at", "status", "invoice_state", "courier_code")


def sqlite_row(row: str, n: int) -> str:
    return (f"INSERT INTO order_line_tally ({KEY}, n, settled) SELECT {row}.tenant_id, {row}.account_id, "
            f"date({row}.ordered_at, '+9 hours'), {row}.status, {row}.invoice_state, {row}.courier_code, {n}, 0 "
            f"WHERE {row}.ordered_at IS NOT NULL;")


SQLITE = [
    f"CREATE TRIGGER order_line_tally_insert AFTER INSERT ON channel_order_line BEGIN {sqlite_row('NEW', 1)} END",
    f"CREATE TRIGGER order_line_tally_update AFTER UPDATE OF {', '.join(COUNTED)} ON channel_order_line "
    f"WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in COUNTED)} "
    f"BEGIN {sqlite_row('OLD', -1)} {sqlite_row('NEW', 1)} END",
    f"CREATE TRIGGER order_line_tally_delete AFTER DELETE ON channel_order_line BEGIN {sqlite_row('OLD', -1)} END",
]
TRIGGERS = ("order_line_tally_insert", "order_line_tally_update", "order_line_tally_delete")
# 상품명, 판매자상품코드 and 수취인명 searches match anywhere in the text: trigram GIN on PostgreSQL.
SEARCHED = {"ix_order_line_product_trgm": ("channel_order_line", "product_name"),
            "ix_order_line_seller_code_trgm": ("channel_order_line", "seller_code"),
            "ix_channel_order_recipient_trgm": ("channel_order", "recipient_name")}


def upgrade():
    op.create_table('order_line_tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('invoice_state', sa.String(length=20), nullable=False),
    sa.Column('courier_code', sa.String(length=20), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('settled', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'],
                            name=op.f('fk_order_line_tally_account_id_channel_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_order_line_tally_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_line_tally'))
    )
    op.create_index('ix_order_line_tally_tenant_day', 'order_line_tally', ['tenant_id', 'day'])
    op.create_index('ix_order_line_tally_unsettled', 'order_line_tally', ['tenant_id', 'day'],
                    postgresql_where=sa.text('NOT settled'), sqlite_where=sa.text('settled = 0'))
    op.create_index(op.f('ix_order_line_tally_tenant_id'), 'order_line_tally', ['tenant_id'])
    dialect = op.get_bind().dialect.name
    # Counts of the lines already stored, then the triggers, with line writes held off in between.
    if dialect == "postgresql":
        op.execute("LOCK TABLE channel_order_line IN SHARE ROW EXCLUSIVE MODE")
    day = "(ordered_at + interval '9 hours')::date" if dialect == "postgresql" else "date(ordered_at, '+9 hours')"
    op.execute(f"INSERT INTO order_line_tally ({KEY}, n, settled) "
               f"SELECT tenant_id, account_id, {day}, status, invoice_state, courier_code, count(*), "
               f"{'true' if dialect == 'postgresql' else '1'} FROM channel_order_line WHERE ordered_at IS NOT NULL "
               f"GROUP BY tenant_id, account_id, {day}, status, invoice_state, courier_code")
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(dialect, []):
        op.execute(statement)
    if dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # trusted: the database owner may create it
    for name, (table, column) in SEARCHED.items():
        op.create_index(name, table, [column], postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})


def downgrade():
    dialect = op.get_bind().dialect.name
    for name, (table, _) in SEARCHED.items():
        op.drop_index(name, table_name=table)
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON channel_order_line" if dialect == "postgresql"
                   else f"DROP TRIGGER IF EXISTS {name}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS order_line_tally()")
    op.drop_index(op.f('ix_order_line_tally_tenant_id'), table_name='order_line_tally')
    op.drop_index('ix_order_line_tally_unsettled', table_name='order_line_tally')
    op.drop_index('ix_order_line_tally_tenant_day', table_name='order_line_tally')
    op.drop_table('order_line_tally')
