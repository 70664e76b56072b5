"""수출신고 자료 edits per shipment (English item name, HS code, weight typed over the SKU master)

Revision ID: 0018_i19_export_declaration
Revises: 0018_i18b_tracking_indexes
Create Date: 2026-12-04 20:12:00

"""
import sqlalchemy as sa
from alembic import op


revision = '0018_i19_export_declaration'
down_revision = '0018_i18b_tracking_indexes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('export_declaration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], name=op.f('fk_export_declaration_shipment_id_shipment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_export_declaration_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_export_declaration_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_declaration')),
    sa.UniqueConstraint('shipment_id', name=op.f('uq_export_declaration_shipment_id'))
    )
    with op.batch_alter_table('export_declaration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_declaration_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('export_declaration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_declaration_tenant_id'))
    op.drop_table('export_declaration')
