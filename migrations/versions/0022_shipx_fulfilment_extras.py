"""배송관리: the stock shipments move through the SKU master (shipment_stock_move); 대기목록 단가/수량 수정 이력
(fulfilment_order_change); gifts uploaded for 대기목록 carts before 배송접수 (waiting_gift)

Revision ID: 0022_shipx_fulfilment_extras
Revises: 0021_i13b_listing_notice
Create Date: 2026-12-04 23:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0022_shipx_fulfilment_extras'
down_revision = '0021_i13b_listing_notice'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'shipment_stock_move',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shipment_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('sku_id', sa.Integer(), nullable=True),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('option_id', sa.Integer(), nullable=True),
        sa.Column('change', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['shipment_item.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('shipment_stock_move', schema=None) as batch_op:
        batch_op.create_index('ix_shipment_stock_move_shipment', ['shipment_id', 'item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_stock_move_tenant_id'), ['tenant_id'], unique=False)
    op.create_table(
        'fulfilment_order_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=30), nullable=False),
        sa.Column('before', sa.String(length=100), nullable=False),
        sa.Column('after', sa.String(length=100), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['fulfilment_order.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id']),
        sa.ForeignKeyConstraint(['user_id'], ['user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('fulfilment_order_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fulfilment_order_change_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_order_change_tenant_id'), ['tenant_id'], unique=False)
    op.create_table(
        'waiting_gift',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('cart_no', sa.String(length=80), nullable=False),
        sa.Column('sku_id', sa.Integer(), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column('shipment_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id']),
        sa.ForeignKeyConstraint(['order_id'], ['fulfilment_order.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id']),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('order_id', 'sku_id', name='uq_waiting_gift'),
    )
    with op.batch_alter_table('waiting_gift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiting_gift_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_waiting_gift_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    op.drop_table('waiting_gift')
    op.drop_table('fulfilment_order_change')
    op.drop_table('shipment_stock_move')
