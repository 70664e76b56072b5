"""배송관리: the stock shipments move through the SKU master (shipment_stock_move); 대기목록 단가/수량 수정 이력
(fulfilment_order_change); gifts uploaded for 대기목록 carts before 배송접수 (waiting_gift); several gift SKUs
per event (gift_event_gift, filled from gift_event.gift_sku_id / gift_quantity, which go)

Revision ID: 0024_shipx_fulfilment_extras
Revises: 0023_stat_lock_order
Create Date: 2026-12-04 23:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0024_shipx_fulfilment_extras'
down_revision = '0023_stat_lock_order'
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
        sa.ForeignKeyConstraint(['item_id'], ['shipment_item.id'], ondelete='SET NULL',
                                name=op.f('fk_shipment_stock_move_item_id_shipment_item')),
        sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], ondelete='CASCADE',
                                name=op.f('fk_shipment_stock_move_shipment_id_shipment')),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_shipment_stock_move_tenant_id_tenant')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_stock_move')),
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
        sa.ForeignKeyConstraint(['order_id'], ['fulfilment_order.id'], ondelete='CASCADE',
                                name=op.f('fk_fulfilment_order_change_order_id_fulfilment_order')),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_fulfilment_order_change_tenant_id_tenant')),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_fulfilment_order_change_user_id_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment_order_change')),
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
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_waiting_gift_created_by_id_user')),
        sa.ForeignKeyConstraint(['order_id'], ['fulfilment_order.id'], ondelete='CASCADE',
                                name=op.f('fk_waiting_gift_order_id_fulfilment_order')),
        sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], ondelete='SET NULL',
                                name=op.f('fk_waiting_gift_shipment_id_shipment')),
        sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id'], name=op.f('fk_waiting_gift_sku_id_fulfilment_sku')),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_waiting_gift_tenant_id_tenant')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_waiting_gift')),
        sa.UniqueConstraint('order_id', 'sku_id', name='uq_waiting_gift'),
    )
    with op.batch_alter_table('waiting_gift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiting_gift_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_waiting_gift_tenant_id'), ['tenant_id'], unique=False)

    op.create_table(
        'gift_event_gift',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('sku_id', sa.Integer(), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.Column('tenant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['gift_event.id'], ondelete='CASCADE',
                                name=op.f('fk_gift_event_gift_event_id_gift_event')),
        sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id'],
                                name=op.f('fk_gift_event_gift_sku_id_fulfilment_sku')),
        sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_gift_event_gift_tenant_id_tenant')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_event_gift')),
        sa.UniqueConstraint('event_id', 'sku_id', name='uq_gift_event_gift'),
    )
    with op.batch_alter_table('gift_event_gift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_event_gift_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gift_event_gift_tenant_id'), ['tenant_id'], unique=False)
    op.execute("INSERT INTO gift_event_gift (tenant_id, event_id, sku_id, quantity) "
               "SELECT tenant_id, id, gift_sku_id, gift_quantity FROM gift_event")
    with op.batch_alter_table('gift_event', schema=None) as batch_op:
        batch_op.drop_constraint('fk_gift_event_gift_sku_id_fulfilment_sku', type_='foreignkey')
        batch_op.drop_column('gift_sku_id')
        batch_op.drop_column('gift_quantity')


def downgrade():
    with op.batch_alter_table('gift_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gift_sku_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('gift_quantity', sa.Integer(), nullable=False, server_default='1'))
        batch_op.create_foreign_key('fk_gift_event_gift_sku_id_fulfilment_sku', 'fulfilment_sku', ['gift_sku_id'],
                                    ['id'])
    op.execute("UPDATE gift_event SET gift_sku_id = (SELECT g.sku_id FROM gift_event_gift g WHERE g.event_id = "
               "gift_event.id ORDER BY g.id LIMIT 1), gift_quantity = coalesce((SELECT g.quantity FROM gift_event_gift "
               "g WHERE g.event_id = gift_event.id ORDER BY g.id LIMIT 1), 1)")
    op.drop_table('gift_event_gift')
    op.drop_table('waiting_gift')
    op.drop_table('fulfilment_order_change')
    op.drop_table('shipment_stock_move')
