"""배송현황 indexes: the open (not delivered) shipments by status and time in status for the aging tiles, the
live shipments of a seller by 배송접수일 (period counts, read from the index alone), and the 국제 송장번호 lookup

Revision ID: 0018_i18b_tracking_indexes
Revises: 0017_i18_shipments
Create Date: 2026-12-04 20:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0018_i18b_tracking_indexes'
down_revision = '0017_i18_shipments'
branch_labels = None
depends_on = None

OPEN = "deleted_at IS NULL AND status <> 'D99'"
LIVE = "deleted_at IS NULL"


def upgrade():
    with op.batch_alter_table('shipment', schema=None) as batch_op:
        batch_op.create_index('ix_shipment_open_aging', ['tenant_id', 'status', 'status_at', 'created_at'],
                              unique=False, postgresql_where=sa.text(OPEN), sqlite_where=sa.text(OPEN))
        batch_op.create_index('ix_shipment_live_created', ['tenant_id', 'created_at', 'status'], unique=False,
                              postgresql_where=sa.text(LIVE), sqlite_where=sa.text(LIVE))
        batch_op.create_index('ix_shipment_intl_tracking_no', ['intl_tracking_no'], unique=False,
                              postgresql_where=sa.text("intl_tracking_no <> ''"),
                              sqlite_where=sa.text("intl_tracking_no <> ''"))


def downgrade():
    with op.batch_alter_table('shipment', schema=None) as batch_op:
        batch_op.drop_index('ix_shipment_intl_tracking_no')
        batch_op.drop_index('ix_shipment_live_created')
        batch_op.drop_index('ix_shipment_open_aging')
