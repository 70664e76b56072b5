"""창고관리: each seller's count of 상품정보 kept by triggers, so the unfiltered 재고관리 and
상품정보목록 pages read one row for their total instead of counting 200,000

Revision ID: 0016_i20b_item_counts
Revises: 0016_i13b_detail_image
Create Date: 2026-12-04 18:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0016_i20b_item_counts'
down_revision = '0016_i13b_detail_image'
branch_labels = None
depends_on = None

# Once per statement, from its transition tables: a bulk registration of 200,000 items touches
# each seller's count row once, not 200,000 times; an update that moves no item between sellers or
# states (every 입고/출고 changes `available`) writes no count row, so 출고신청 never waits on it.
POSTGRES = """
CREATE FUNCTION warehouse_item_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO warehouse_item_count (tenant_id, status, items)
    SELECT tenant_id, status, count(*) FROM new_rows GROUP BY tenant_id, status
    ON CONFLICT (tenant_id, status) DO UPDATE SET items = warehouse_item_count.items + EXCLUDED.items;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE warehouse_item_count c SET items = c.items - gone.n
    FROM (SELECT tenant_id, status, count(*) AS n FROM old_rows GROUP BY tenant_id, status) gone
    WHERE c.tenant_id = gone.tenant_id AND c.status = gone.status;
  ELSE
    UPDATE warehouse_item_count c SET items = c.items - gone.n
    FROM (SELECT o.tenant_id, o.status, count(*) AS n FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.tenant_id, o.status) IS DISTINCT FROM (n.tenant_id, n.status)
          GROUP BY o.tenant_id, o.status) gone
    WHERE c.tenant_id = gone.tenant_id AND c.status = gone.status;
    INSERT INTO warehouse_item_count (tenant_id, status, items)
    SELECT n.tenant_id, n.status, count(*) FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.tenant_id, o.status) IS DISTINCT FROM (n.tenant_id, n.status)
    GROUP BY n.tenant_id, n.status
    ON CONFLICT (tenant_id, status) DO UPDATE SET items = warehouse_item_count.items + EXCLUDED.items;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER warehouse_item_count_added AFTER INSERT ON warehouse_item
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION warehouse_item_count_keep();
CREATE TRIGGER warehouse_item_count_removed AFTER DELETE ON warehouse_item
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION warehouse_item_count_keep();
CREATE TRIGGER warehouse_item_count_moved AFTER UPDATE ON warehouse_item
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION warehouse_item_count_keep();
"""

SQLITE = ["""
CREATE TRIGGER warehouse_item_count_added AFTER INSERT ON warehouse_item BEGIN
  INSERT INTO warehouse_item_count (tenant_id, status, items) VALUES (NEW.tenant_id, NEW.status, 1)
  ON CONFLICT (tenant_id, status) DO UPDATE SET items = items + 1;
END""", """
CREATE TRIGGER warehouse_item_count_removed AFTER DELETE ON warehouse_item BEGIN
  UPDATE warehouse_item_count SET items = items - 1 WHERE tenant_id = OLD.tenant_id AND status = OLD.status;
END""", """
CREATE TRIGGER warehouse_item_count_moved AFTER UPDATE OF status, tenant_id ON warehouse_item BEGIN
  UPDATE warehouse_item_count SET items = items - 1 WHERE tenant_id = OLD.tenant_id AND status = OLD.status;
  INSERT INTO warehouse_item_count (tenant_id, status, items) SELECT NEW.tenant_id, NEW.status, 1 WHERE true
  ON CONFLICT (tenant_id, status) DO UPDATE SET items = items + 1;
END"""]


def upgrade():
    op.create_table(
        'warehouse_item_count',
        sa.Column('tenant_id', sa.Integer(), sa.ForeignKey('tenant.id'), primary_key=True),
        sa.Column('status', sa.String(10), primary_key=True),
        sa.Column('items', sa.Integer(), nullable=False, server_default='0'),
    )
    op.execute("INSERT INTO warehouse_item_count (tenant_id, status, items) "
               "SELECT tenant_id, status, count(*) FROM warehouse_item GROUP BY tenant_id, status")
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(POSTGRES)
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade():
    postgres = op.get_bind().dialect.name == 'postgresql'
    for name in ('added', 'removed', 'moved'):
        op.execute(f"DROP TRIGGER warehouse_item_count_{name}" + (" ON warehouse_item" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION warehouse_item_count_keep()")
    op.drop_table('warehouse_item_count')
