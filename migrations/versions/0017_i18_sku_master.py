"""배송관리 SKU master: single and combination SKUs, remembered channel-code matches, and gift events

Revision ID: 0017_i18_sku_master
Revises: 0016_i20b_item_counts
Create Date: 2026-12-04 19:48:15.407221

"""
import sqlalchemy as sa
from alembic import op


revision = '0017_i18_sku_master'
down_revision = '0016_i20b_item_counts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fulfilment_sku',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('code_key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('customs_name_en', sa.String(length=200), nullable=False),
    sa.Column('brand', sa.String(length=100), nullable=False),
    sa.Column('barcode', sa.String(length=40), nullable=False),
    sa.Column('weight_kg', sa.Numeric(precision=9, scale=3), nullable=True),
    sa.Column('hs_code', sa.String(length=12), nullable=False),
    sa.Column('origin', sa.String(length=2), nullable=False),
    sa.Column('location', sa.String(length=50), nullable=False),
    sa.Column('image', sa.String(length=60), nullable=False),
    sa.Column('memo', sa.String(length=300), nullable=False),
    sa.Column('is_gift', sa.Boolean(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('option_id', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_fulfilment_sku_created_by_id_user')),
    sa.ForeignKeyConstraint(['option_id'], ['product_option.id'], name=op.f('fk_fulfilment_sku_option_id_product_option'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_fulfilment_sku_product_id_product'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_fulfilment_sku_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_fulfilment_sku_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment_sku')),
    sa.UniqueConstraint('tenant_id', 'code_key', name='uq_fulfilment_sku_code')
    )
    with op.batch_alter_table('fulfilment_sku', schema=None) as batch_op:
        batch_op.create_index('ix_fulfilment_sku_barcode', ['tenant_id', 'barcode'], unique=False)
        batch_op.create_index('ix_fulfilment_sku_list', ['tenant_id', 'kind', 'id'], unique=False, postgresql_where=sa.text('deleted_at IS NULL'), sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.create_index(batch_op.f('ix_fulfilment_sku_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('fulfilment_sku_component',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('combo_id', sa.Integer(), nullable=False),
    sa.Column('sku_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['combo_id'], ['fulfilment_sku.id'], name=op.f('fk_fulfilment_sku_component_combo_id_fulfilment_sku'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id'], name=op.f('fk_fulfilment_sku_component_sku_id_fulfilment_sku')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_fulfilment_sku_component_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment_sku_component')),
    sa.UniqueConstraint('combo_id', 'sku_id', name='uq_fulfilment_sku_component')
    )
    with op.batch_alter_table('fulfilment_sku_component', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fulfilment_sku_component_sku_id'), ['sku_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_sku_component_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('gift_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('basis', sa.String(length=10), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('channels', sa.JSON(), nullable=False),
    sa.Column('amount_min', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('amount_max', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('product_codes', sa.JSON(), nullable=False),
    sa.Column('quantity_min', sa.Integer(), nullable=True),
    sa.Column('quantity_max', sa.Integer(), nullable=True),
    sa.Column('proportional', sa.Boolean(), nullable=False),
    sa.Column('per_quantity', sa.Integer(), nullable=False),
    sa.Column('limit_count', sa.Integer(), nullable=True),
    sa.Column('used_count', sa.Integer(), nullable=False),
    sa.Column('gift_sku_id', sa.Integer(), nullable=False),
    sa.Column('gift_quantity', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_gift_event_created_by_id_user')),
    sa.ForeignKeyConstraint(['gift_sku_id'], ['fulfilment_sku.id'], name=op.f('fk_gift_event_gift_sku_id_fulfilment_sku')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_gift_event_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_gift_event_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_event'))
    )
    with op.batch_alter_table('gift_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_event_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('sku_match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=50), nullable=False),
    sa.Column('code', sa.String(length=220), nullable=False),
    sa.Column('code_key', sa.String(length=220), nullable=False),
    sa.Column('sku_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_sku_match_created_by_id_user')),
    sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id'], name=op.f('fk_sku_match_sku_id_fulfilment_sku'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sku_match_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sku_match')),
    sa.UniqueConstraint('tenant_id', 'channel', 'code_key', name='uq_sku_match')
    )
    with op.batch_alter_table('sku_match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sku_match_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sku_match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sku_match_tenant_id'))

    op.drop_table('sku_match')
    with op.batch_alter_table('gift_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_event_tenant_id'))

    op.drop_table('gift_event')
    with op.batch_alter_table('fulfilment_sku_component', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fulfilment_sku_component_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_fulfilment_sku_component_sku_id'))

    op.drop_table('fulfilment_sku_component')
    with op.batch_alter_table('fulfilment_sku', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fulfilment_sku_tenant_id'))
        batch_op.drop_index('ix_fulfilment_sku_list', postgresql_where=sa.text('deleted_at IS NULL'), sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index('ix_fulfilment_sku_barcode')

    op.drop_table('fulfilment_sku')
