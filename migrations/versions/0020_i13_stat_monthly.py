"""statistics: a monthly per-product rollup beside the daily one, kept by triggers on the daily rows

Revision ID: 0020_i13_stat_monthly
Revises: 0019_i17_file_orders
Create Date: 2026-12-04 20:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0020_i13_stat_monthly'
down_revision = '0019_i17_file_orders'
branch_labels = None
depends_on = None


def upgrade():
    from models.stat_monthly import fill_monthly, monthly_trigger_sql

    op.create_table(
        "stat_monthly_product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("account", sa.String(length=60), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=220), nullable=False),
        sa.Column("product_name", sa.String(length=220), nullable=False),
        sa.Column("option_name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("orders", sa.BigInteger(), nullable=False),
        sa.Column("product_orders", sa.BigInteger(), nullable=False),
        sa.Column("option_orders", sa.BigInteger(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant_id", "month", "kind", "account", "currency", "product_id", "name_key",
                            "option_name", name="uq_stat_monthly_product"),
    )
    bind = op.get_bind()
    for statement in monthly_trigger_sql(bind.dialect.name):
        op.execute(statement)
    fill_monthly(bind)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for operation in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS stat_monthly_{operation}"
                   + (" ON stat_daily_product" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS stat_monthly_product()")
    op.drop_table("stat_monthly_product")
