"""orders: a channel order keeps its currency (KRW; the Japanese channels' orders JPY)

Revision ID: 0026_orderccy_currency
Revises: 0025_mirror_line_keys
Create Date: 2026-12-05 01:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0026_orderccy_currency'
down_revision = '0025_mirror_line_keys'
branch_labels = None
depends_on = None

# Channels whose orders are paid in yen (their adapters' price_currency), as of this revision.
YEN_CHANNELS = ("rakuten", "qoo10jp", "amazonjp")


def upgrade():
    # A column with a constant default is added in place on both dialects (no table rebuild, no trigger churn).
    op.add_column("channel_order", sa.Column("currency", sa.String(3), nullable=False, server_default="KRW"))
    channels = ", ".join(f"'{c}'" for c in YEN_CHANNELS)
    op.execute("UPDATE channel_order SET currency = 'JPY' WHERE account_id IN "
               f"(SELECT id FROM channel_account WHERE channel IN ({channels}))")
    # A file/form order mirrors its 수기주문: it keeps that order's currency.
    op.execute("UPDATE channel_order SET currency = (SELECT upper(m.currency) FROM manual_order m "
               "WHERE m.id = channel_order.manual_order_id) WHERE manual_order_id IS NOT NULL AND EXISTS "
               "(SELECT 1 FROM manual_order m WHERE m.id = channel_order.manual_order_id "
               "AND m.currency IS NOT NULL AND length(m.currency) = 3)")
    # The statistics counted those yen orders as won: the sellers who have any get their rollups recomputed
    # (a changed currency notes no day by itself; a collected order's currency never changes after this).
    from models.stat_rollup import rebuild

    bind = op.get_bind()
    tenants = [t for (t,) in bind.execute(sa.text(
        "SELECT DISTINCT tenant_id FROM channel_order WHERE account_id IS NOT NULL AND currency <> 'KRW'"))]
    for tenant in tenants:
        rebuild(bind, tenant)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE channel_order DROP COLUMN currency")  # SQLite ≥ 3.35, no rebuild
    else:
        op.drop_column("channel_order", "currency")
