"""sales info templates, listings, stock sync

Revision ID: 0005_sales
Revises: 0004_orders
Create Date: 2026-11-23 13:30:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = '0005_sales'
down_revision = '0004_orders'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
