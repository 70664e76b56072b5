"""fulfilment: 수기주문 lines name the seller's product and 조합형 option their SKU resolves to; lighter line indexes

Revision ID: 0011_manual_order_sku
Revises: 0010_products_stock
Create Date: 2026-12-01 20:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011_manual_order_sku'
down_revision = '0010_products_stock'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('manual_order_line', schema=None) as batch_op:
        # 자체상품코드 or 상품코드, ":" and a combination of option values (up to 200 characters)
        batch_op.alter_column('sku', existing_type=sa.String(length=60), type_=sa.String(length=220),
                              existing_nullable=False)
        batch_op.add_column(sa.Column('product_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('option_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_manual_order_line_option_id_product_option'), 'product_option',
                                    ['option_id'], ['id'], ondelete='SET NULL')
        # An upload writes lines by the hundred thousand and PostgreSQL checks each foreign key row by row
        # (most of the write): the tenant is the order's and products are only soft-deleted, so neither
        # keeps a key of its own; lines are reached through their order, so no tenant index either.
        batch_op.drop_constraint('fk_manual_order_line_tenant_id_tenant', type_='foreignkey')
        batch_op.drop_index('ix_manual_order_line_tenant_id')
    # Only lines naming a combination need finding when it is deleted.
    op.create_index('ix_manual_order_line_option_id', 'manual_order_line', ['option_id'], unique=False,
                    sqlite_where=sa.text('option_id IS NOT NULL'), postgresql_where=sa.text('option_id IS NOT NULL'))


def downgrade():
    op.drop_index('ix_manual_order_line_option_id', table_name='manual_order_line')
    with op.batch_alter_table('manual_order_line', schema=None) as batch_op:
        batch_op.create_index('ix_manual_order_line_tenant_id', ['tenant_id'], unique=False)
        batch_op.create_foreign_key('fk_manual_order_line_tenant_id_tenant', 'tenant', ['tenant_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('fk_manual_order_line_option_id_product_option'), type_='foreignkey')
        batch_op.drop_column('option_id')
        batch_op.drop_column('product_id')
        batch_op.alter_column('sku', existing_type=sa.String(length=220), type_=sa.String(length=60),
                              existing_nullable=False)
