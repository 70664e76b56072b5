"""창고관리: each seller's count of 상품정보 kept by triggers, so the unfiltered 재고관리 and
상품정보목록 pages read one row for their total instead of counting 200,000

Revision ID: 0016_i20b_item_counts
Revises: 0015_i12_job_duty
Create Date: 2026-12-04 18:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0016_i20b_item_counts'
down_revision = '0015_i12_job_duty'
branch_labels = None
depends_on = None

POSTGRES = """
CREATE FUNCTION warehouse_item_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE warehouse_item_count SET items = items - 1 WHERE tenant_id = OLD.tenant_id AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO warehouse_item_count (tenant_id, status, items) VALUES (NEW.tenant_id, NEW.status, 1)
    ON CONFLICT (tenant_id, status) DO UPDATE SET items = warehouse_item_count.items + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER warehouse_item_count_keep AFTER INSERT OR DELETE OR UPDATE OF status, tenant_id
ON warehouse_item FOR EACH ROW EXECUTE FUNCTION warehouse_item_count_keep();
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
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER warehouse_item_count_keep ON warehouse_item")
        op.execute("DROP FUNCTION warehouse_item_count_keep()")
    else:
        for name in ('added', 'removed', 'moved'):
            op.execute(f"DROP TRIGGER warehouse_item_count_{name}")
    op.drop_table('warehouse_item_count')
