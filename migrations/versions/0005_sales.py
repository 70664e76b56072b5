"""sales info templates, listings, stock sync

Revision ID: 0005_sales
Revises: 0004_orders
Create Date: 2026-11-23 13:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_sales'
down_revision = '0004_orders'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('channel_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.String(length=40), nullable=False),
    sa.Column('parent_id', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('is_leaf', sa.Boolean(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_channel_category_account_id_channel_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_channel_category_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channel_category')),
    sa.UniqueConstraint('account_id', 'category_id', name='uq_channel_category')
    )
    with op.batch_alter_table('channel_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_channel_category_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_channel_category_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('sales_info',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('group_name', sa.String(length=50), nullable=False),
    sa.Column('category_id', sa.String(length=40), nullable=False),
    sa.Column('category_path', sa.String(length=300), nullable=False),
    sa.Column('market_price', sa.Integer(), nullable=False),
    sa.Column('sale_price', sa.Integer(), nullable=False),
    sa.Column('max_buy_type', sa.String(length=20), nullable=False),
    sa.Column('max_buy_qty', sa.Integer(), nullable=False),
    sa.Column('max_buy_days', sa.Integer(), nullable=False),
    sa.Column('sale_days', sa.Integer(), nullable=False),
    sa.Column('ship_policy', sa.String(length=30), nullable=False),
    sa.Column('ship_days', sa.Integer(), nullable=False),
    sa.Column('ship_time', sa.String(length=5), nullable=False),
    sa.Column('delivery_method', sa.String(length=20), nullable=False),
    sa.Column('extra_methods', sa.JSON(), nullable=False),
    sa.Column('fee_type', sa.String(length=20), nullable=False),
    sa.Column('fee', sa.Integer(), nullable=False),
    sa.Column('free_over', sa.Integer(), nullable=False),
    sa.Column('fee_tiers', sa.JSON(), nullable=False),
    sa.Column('fee_payment', sa.String(length=10), nullable=False),
    sa.Column('jeju_fee', sa.Integer(), nullable=False),
    sa.Column('island_fee', sa.Integer(), nullable=False),
    sa.Column('ship_zip', sa.String(length=10), nullable=False),
    sa.Column('ship_address', sa.String(length=200), nullable=False),
    sa.Column('return_zip', sa.String(length=10), nullable=False),
    sa.Column('return_address', sa.String(length=200), nullable=False),
    sa.Column('courier', sa.String(length=30), nullable=False),
    sa.Column('return_fee', sa.Integer(), nullable=False),
    sa.Column('as_info', sa.String(length=500), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_sales_info_account_id_channel_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_info_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_info'))
    )
    with op.batch_alter_table('sales_info', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_info_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_info_channel'), ['channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_info_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('stock_buffer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_stock_buffer_account_id_channel_account')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_buffer_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_buffer')),
    sa.UniqueConstraint('account_id', name='uq_stock_buffer_account')
    )
    with op.batch_alter_table('stock_buffer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_buffer_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('listing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('sales_info_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('market_price', sa.Integer(), nullable=False),
    sa.Column('sale_price', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.String(length=40), nullable=False),
    sa.Column('category_path', sa.String(length=300), nullable=False),
    sa.Column('sale_days', sa.Integer(), nullable=False),
    sa.Column('sale_start', sa.Date(), nullable=True),
    sa.Column('sale_end', sa.Date(), nullable=True),
    sa.Column('channel_product_id', sa.String(length=40), nullable=True),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('seller_code', sa.String(length=40), nullable=False),
    sa.Column('push_pending', sa.Boolean(), nullable=False),
    sa.Column('last_message', sa.String(length=500), nullable=False),
    sa.Column('linked_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('sent', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('snapshot_at', sa.DateTime(), nullable=True),
    sa.Column('stock_keys', sa.JSON(), nullable=False),
    sa.Column('buffer_kind', sa.String(length=10), nullable=True),
    sa.Column('buffer_value', sa.Integer(), nullable=False),
    sa.Column('stock_seq', sa.Integer(), nullable=False),
    sa.Column('pushed_seq', sa.Integer(), nullable=False),
    sa.Column('pushed_qty', sa.Integer(), nullable=True),
    sa.Column('pushed_at', sa.DateTime(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_listing_account_id_channel_account')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_listing_product_id_product')),
    sa.ForeignKeyConstraint(['sales_info_id'], ['sales_info.id'], name=op.f('fk_listing_sales_info_id_sales_info')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_listing_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listing')),
    sa.UniqueConstraint('tenant_id', 'product_id', 'account_id', name='uq_listing_product_account')
    )
    with op.batch_alter_table('listing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_channel'), ['channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_channel_product_id'), ['channel_product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_sale_end'), ['sale_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_sales_info_id'), ['sales_info_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('migration_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('collected_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('result', sa.String(length=500), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['channel_account.id'], name=op.f('fk_migration_request_account_id_channel_account')),
    sa.ForeignKeyConstraint(['run_id'], ['job_run.id'], name=op.f('fk_migration_request_run_id_job_run')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_migration_request_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_migration_request')),
    sa.UniqueConstraint('account_id', name='uq_migration_account')
    )
    with op.batch_alter_table('migration_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_migration_request_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('listing_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=80), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], name=op.f('fk_listing_event_listing_id_listing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['job_run.id'], name=op.f('fk_listing_event_run_id_job_run')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_listing_event_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_listing_event'))
    )
    with op.batch_alter_table('listing_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_event_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_event_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('stock_push',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('stock', sa.Integer(), nullable=False),
    sa.Column('buffer', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], name=op.f('fk_stock_push_listing_id_listing'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_stock_push_product_id_product')),
    sa.ForeignKeyConstraint(['run_id'], ['job_run.id'], name=op.f('fk_stock_push_run_id_job_run')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_push_tenant_id_tenant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_push'))
    )
    with op.batch_alter_table('stock_push', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_push_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_push_listing_id'), ['listing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_push_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_push_tenant_id'), ['tenant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('stock_push', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_push_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_stock_push_product_id'))
        batch_op.drop_index(batch_op.f('ix_stock_push_listing_id'))
        batch_op.drop_index(batch_op.f('ix_stock_push_at'))

    op.drop_table('stock_push')
    with op.batch_alter_table('listing_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_event_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_listing_event_listing_id'))
        batch_op.drop_index(batch_op.f('ix_listing_event_at'))

    op.drop_table('listing_event')
    with op.batch_alter_table('migration_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_migration_request_tenant_id'))

    op.drop_table('migration_request')
    with op.batch_alter_table('listing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_listing_status'))
        batch_op.drop_index(batch_op.f('ix_listing_sales_info_id'))
        batch_op.drop_index(batch_op.f('ix_listing_sale_end'))
        batch_op.drop_index(batch_op.f('ix_listing_product_id'))
        batch_op.drop_index(batch_op.f('ix_listing_channel_product_id'))
        batch_op.drop_index(batch_op.f('ix_listing_channel'))
        batch_op.drop_index(batch_op.f('ix_listing_account_id'))

    op.drop_table('listing')
    with op.batch_alter_table('stock_buffer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_buffer_tenant_id'))

    op.drop_table('stock_buffer')
    with op.batch_alter_table('sales_info', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_info_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_info_channel'))
        batch_op.drop_index(batch_op.f('ix_sales_info_account_id'))

    op.drop_table('sales_info')
    with op.batch_alter_table('channel_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channel_category_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_channel_category_account_id'))

    op.drop_table('channel_category')
