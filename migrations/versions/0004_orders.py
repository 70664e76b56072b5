"""orders, claims, invoices and manual orders

Revision ID: 0004_orders
Revises: 0003_channel_accounts
Create Date: 2026-11-23 13:30:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = '0004_orders'
down_revision = '0003_channel_accounts'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
