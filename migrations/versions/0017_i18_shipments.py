"""배송관리 shipments: 대기목록 rows, shipments with items, history and the 접수번호 day sequence, 배송문의
threads, forwarder API keys, and the per-account "배송관리로 보내기" switch

Revision ID: 0017_i18_shipments
Revises: 0017_i18_sku_master
Create Date: 2026-12-04 19:48:15.407221

"""
import sqlalchemy as sa
from alembic import op


revision = '0017_i18_shipments'
down_revision = '0017_i18_sku_master'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('receipt_sequence',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_receipt_sequence'))
    )
    op.create_table('forwarder_api_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('last_used_ip', sa.String(length=45), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_forwarder_api_key_created_by_id_user')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['user.id'], name=op.f('fk_forwarder_api_key_revoked_by_id_user')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_forwarder_api_key_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forwarder_api_key')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_forwarder_api_key_key_hash'))
    )
    with op.batch_alter_table('forwarder_api_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forwarder_api_key_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('shipment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=3), nullable=False),
    sa.Column('status_at', sa.DateTime(), nullable=False),
    sa.Column('ship_type', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=50), nullable=False),
    sa.Column('cart_no', sa.String(length=80), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('recipient_name', sa.String(length=100), nullable=False),
    sa.Column('recipient_kana', sa.String(length=100), nullable=False),
    sa.Column('recipient_name_en', sa.String(length=100), nullable=False),
    sa.Column('recipient_phone', sa.String(length=30), nullable=False),
    sa.Column('recipient_mobile', sa.String(length=30), nullable=False),
    sa.Column('zip_code', sa.String(length=10), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('address_detail', sa.String(length=200), nullable=False),
    sa.Column('address_en', sa.String(length=300), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('total_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('memo', sa.String(length=300), nullable=False),
    sa.Column('domestic_carrier', sa.String(length=30), nullable=False),
    sa.Column('domestic_tracking_no', sa.String(length=40), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=True),
    sa.Column('received_by_id', sa.Integer(), nullable=True),
    sa.Column('weight_kg', sa.Numeric(precision=9, scale=3), nullable=True),
    sa.Column('billed_weight_kg', sa.Numeric(precision=9, scale=3), nullable=True),
    sa.Column('intl_carrier', sa.String(length=30), nullable=False),
    sa.Column('intl_tracking_no', sa.String(length=40), nullable=False),
    sa.Column('hold_reason', sa.String(length=300), nullable=False),
    sa.Column('channel_notified_at', sa.DateTime(), nullable=True),
    sa.Column('reship_of_id', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_shipment_created_by_id_user')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['user.id'], name=op.f('fk_shipment_deleted_by_id_user')),
    sa.ForeignKeyConstraint(['received_by_id'], ['user.id'], name=op.f('fk_shipment_received_by_id_user')),
    sa.ForeignKeyConstraint(['reship_of_id'], ['shipment.id'], name=op.f('fk_shipment_reship_of_id_shipment')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_shipment_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_shipment_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment')),
    sa.UniqueConstraint('receipt_no', name=op.f('uq_shipment_receipt_no'))
    )
    with op.batch_alter_table('shipment', schema=None) as batch_op:
        batch_op.create_index('ix_shipment_tenant_cart_no', ['tenant_id', 'cart_no'], unique=False)
        batch_op.create_index('ix_shipment_tenant_created', ['tenant_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_shipment_tenant_status', ['tenant_id', 'status', 'id'], unique=False, postgresql_where=sa.text('deleted_at IS NULL'), sqlite_where=sa.text('deleted_at IS NULL'))

    op.create_table('shipment_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('happened_at', sa.DateTime(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status_from', sa.String(length=3), nullable=False),
    sa.Column('status_to', sa.String(length=3), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=False),
    sa.Column('by', sa.String(length=10), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('api_key_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['api_key_id'], ['forwarder_api_key.id'], name=op.f('fk_shipment_event_api_key_id_forwarder_api_key'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], name=op.f('fk_shipment_event_shipment_id_shipment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_shipment_event_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_shipment_event_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_event'))
    )
    with op.batch_alter_table('shipment_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipment_event_shipment_id'), ['shipment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_event_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('shipment_inquiry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_shipment_inquiry_created_by_id_user')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], name=op.f('fk_shipment_inquiry_shipment_id_shipment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_shipment_inquiry_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_inquiry'))
    )
    with op.batch_alter_table('shipment_inquiry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipment_inquiry_shipment_id'), ['shipment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_inquiry_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_shipment_inquiry_tenant_status', ['tenant_id', 'status', 'id'], unique=False)

    op.create_table('fulfilment_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('manual_order_id', sa.Integer(), nullable=True),
    sa.Column('manual_line_id', sa.Integer(), nullable=True),
    sa.Column('channel_line_id', sa.Integer(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('reship_of_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=50), nullable=False),
    sa.Column('order_no', sa.String(length=80), nullable=False),
    sa.Column('cart_no', sa.String(length=80), nullable=False),
    sa.Column('ordered_at', sa.DateTime(), nullable=True),
    sa.Column('paid_at', sa.DateTime(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('recipient_name', sa.String(length=100), nullable=False),
    sa.Column('recipient_kana', sa.String(length=100), nullable=False),
    sa.Column('recipient_name_en', sa.String(length=100), nullable=False),
    sa.Column('recipient_phone', sa.String(length=30), nullable=False),
    sa.Column('recipient_mobile', sa.String(length=30), nullable=False),
    sa.Column('zip_code', sa.String(length=10), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('address_detail', sa.String(length=200), nullable=False),
    sa.Column('address_en', sa.String(length=300), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('buyer_name', sa.String(length=100), nullable=False),
    sa.Column('product_name', sa.String(length=300), nullable=False),
    sa.Column('option_name', sa.String(length=300), nullable=False),
    sa.Column('option_code', sa.String(length=220), nullable=False),
    sa.Column('seller_code', sa.String(length=220), nullable=False),
    sa.Column('item_code', sa.String(length=220), nullable=False),
    sa.Column('product_url', sa.String(length=500), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('sku_code', sa.String(length=220), nullable=False),
    sa.Column('match_state', sa.String(length=10), nullable=False),
    sa.Column('sku_id', sa.Integer(), nullable=True),
    sa.Column('held', sa.Boolean(), nullable=False),
    sa.Column('hold_reason', sa.String(length=200), nullable=False),
    sa.Column('held_at', sa.DateTime(), nullable=True),
    sa.Column('held_by_id', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('delete_reason', sa.String(length=200), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('memo', sa.String(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_fulfilment_order_account_id_channel_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['channel_line_id'], ['channel_order_line.id'], name=op.f('fk_fulfilment_order_channel_line_id_channel_order_line'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_fulfilment_order_created_by_id_user')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['user.id'], name=op.f('fk_fulfilment_order_deleted_by_id_user')),
    sa.ForeignKeyConstraint(['held_by_id'], ['user.id'], name=op.f('fk_fulfilment_order_held_by_id_user')),
    sa.ForeignKeyConstraint(['reship_of_id'], ['fulfilment_order.id'], name=op.f('fk_fulfilment_order_reship_of_id_fulfilment_order')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], name=op.f('fk_fulfilment_order_shipment_id_shipment'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id'], name=op.f('fk_fulfilment_order_sku_id_fulfilment_sku'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_fulfilment_order_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_fulfilment_order_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment_order'))
    )
    with op.batch_alter_table('fulfilment_order', schema=None) as batch_op:
        batch_op.create_index('ix_fulfilment_order_recipient_trgm', ['recipient_name'], unique=False, postgresql_using='gin', postgresql_ops={'recipient_name': 'gin_trgm_ops'})
        batch_op.create_index(batch_op.f('ix_fulfilment_order_shipment_id'), ['shipment_id'], unique=False)
        batch_op.create_index('ix_fulfilment_order_tenant_cart_no', ['tenant_id', 'cart_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_order_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_fulfilment_order_tenant_order_no', ['tenant_id', 'order_no'], unique=False)
        batch_op.create_index('ix_fulfilment_order_waiting', ['tenant_id', 'id'], unique=False, postgresql_where=sa.text('shipment_id IS NULL AND deleted_at IS NULL'), sqlite_where=sa.text('shipment_id IS NULL AND deleted_at IS NULL'))
        batch_op.create_index('uq_fulfilment_order_channel_line', ['channel_line_id'], unique=True, postgresql_where=sa.text('channel_line_id IS NOT NULL'), sqlite_where=sa.text('channel_line_id IS NOT NULL'))
        batch_op.create_index('uq_fulfilment_order_manual_line', ['manual_line_id'], unique=True, postgresql_where=sa.text('manual_line_id IS NOT NULL'), sqlite_where=sa.text('manual_line_id IS NOT NULL'))

    op.create_table('shipment_inquiry_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inquiry_id'], ['shipment_inquiry.id'], name=op.f('fk_shipment_inquiry_message_inquiry_id_shipment_inquiry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_shipment_inquiry_message_tenant_id_tenant')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_shipment_inquiry_message_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_inquiry_message'))
    )
    with op.batch_alter_table('shipment_inquiry_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipment_inquiry_message_inquiry_id'), ['inquiry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_inquiry_message_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('shipment_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('sku_id', sa.Integer(), nullable=True),
    sa.Column('sku_code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=50), nullable=False),
    sa.Column('is_gift', sa.Boolean(), nullable=False),
    sa.Column('gift_event_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_shipment_item_created_by_id_user')),
    sa.ForeignKeyConstraint(['gift_event_id'], ['gift_event.id'], name=op.f('fk_shipment_item_gift_event_id_gift_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['order_id'], ['fulfilment_order.id'], name=op.f('fk_shipment_item_order_id_fulfilment_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], name=op.f('fk_shipment_item_shipment_id_shipment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sku_id'], ['fulfilment_sku.id'], name=op.f('fk_shipment_item_sku_id_fulfilment_sku')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_shipment_item_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment_item'))
    )
    with op.batch_alter_table('shipment_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipment_item_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_item_shipment_id'), ['shipment_id'], unique=False)
        batch_op.create_index('ix_shipment_item_sku', ['sku_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shipment_item_tenant_id'), ['tenant_id'], unique=False)

    with op.batch_alter_table('channel_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fulfilment_enabled', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('channel_account', schema=None) as batch_op:
        batch_op.drop_column('fulfilment_enabled')

    with op.batch_alter_table('shipment_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipment_item_tenant_id'))
        batch_op.drop_index('ix_shipment_item_sku')
        batch_op.drop_index(batch_op.f('ix_shipment_item_shipment_id'))
        batch_op.drop_index(batch_op.f('ix_shipment_item_order_id'))

    op.drop_table('shipment_item')
    with op.batch_alter_table('shipment_inquiry_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipment_inquiry_message_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_shipment_inquiry_message_inquiry_id'))

    op.drop_table('shipment_inquiry_message')
    with op.batch_alter_table('fulfilment_order', schema=None) as batch_op:
        batch_op.drop_index('uq_fulfilment_order_manual_line', postgresql_where=sa.text('manual_line_id IS NOT NULL'), sqlite_where=sa.text('manual_line_id IS NOT NULL'))
        batch_op.drop_index('uq_fulfilment_order_channel_line', postgresql_where=sa.text('channel_line_id IS NOT NULL'), sqlite_where=sa.text('channel_line_id IS NOT NULL'))
        batch_op.drop_index('ix_fulfilment_order_waiting', postgresql_where=sa.text('shipment_id IS NULL AND deleted_at IS NULL'), sqlite_where=sa.text('shipment_id IS NULL AND deleted_at IS NULL'))
        batch_op.drop_index('ix_fulfilment_order_tenant_order_no')
        batch_op.drop_index(batch_op.f('ix_fulfilment_order_tenant_id'))
        batch_op.drop_index('ix_fulfilment_order_tenant_cart_no')
        batch_op.drop_index(batch_op.f('ix_fulfilment_order_shipment_id'))
        batch_op.drop_index('ix_fulfilment_order_recipient_trgm', postgresql_using='gin', postgresql_ops={'recipient_name': 'gin_trgm_ops'})

    op.drop_table('fulfilment_order')
    with op.batch_alter_table('shipment_inquiry', schema=None) as batch_op:
        batch_op.drop_index('ix_shipment_inquiry_tenant_status')
        batch_op.drop_index(batch_op.f('ix_shipment_inquiry_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_shipment_inquiry_shipment_id'))

    op.drop_table('shipment_inquiry')
    with op.batch_alter_table('shipment_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipment_event_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_shipment_event_shipment_id'))

    op.drop_table('shipment_event')
    with op.batch_alter_table('shipment', schema=None) as batch_op:
        batch_op.drop_index('ix_shipment_tenant_status', postgresql_where=sa.text('deleted_at IS NULL'), sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_shipment_tenant_id'))
        batch_op.drop_index('ix_shipment_tenant_created')
        batch_op.drop_index('ix_shipment_tenant_cart_no')

    op.drop_table('shipment')
    with op.batch_alter_table('forwarder_api_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forwarder_api_key_tenant_id'))

    op.drop_table('forwarder_api_key')
    op.drop_table('receipt_sequence')
