"""fulfilment: 한정 수량 per gift of an event (not per event), and 배송 통지 per order

Revision ID: 0027_shiprest_gift_notify
Revises: 0026_orderccy_currency
Create Date: 2026-12-05 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0027_shiprest_gift_notify'
down_revision = '0026_orderccy_currency'
branch_labels = None
depends_on = None


def _drop(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")  # SQLite ≥ 3.35, no rebuild
    else:
        op.drop_column(table, column)


def upgrade():
    op.add_column("gift_event_gift", sa.Column("limit_count", sa.Integer(), nullable=True))
    op.add_column("gift_event_gift", sa.Column("used_count", sa.Integer(), nullable=False, server_default="0"))
    # An event's limit becomes each of its gifts' limit; what each gift gave so far is counted from the
    # shipments' gift rows (pieces of that gift the event put in live shipments).
    op.execute("UPDATE gift_event_gift SET limit_count = (SELECT e.limit_count FROM gift_event e "
               "WHERE e.id = gift_event_gift.event_id)")
    op.execute("UPDATE gift_event_gift SET used_count = COALESCE((SELECT SUM(i.quantity) FROM shipment_item i "
               "JOIN shipment s ON s.id = i.shipment_id WHERE i.gift_event_id = gift_event_gift.event_id "
               "AND i.sku_id = gift_event_gift.sku_id AND s.deleted_at IS NULL), 0)")
    _drop("gift_event", "limit_count")
    _drop("gift_event", "used_count")
    op.add_column("fulfilment_order", sa.Column("notified_number", sa.String(40), nullable=False, server_default=""))
    op.add_column("fulfilment_order", sa.Column("notified_at", sa.DateTime(), nullable=True))
    # File-imported orders of shipments already stamped as notified were in a downloaded file.
    op.execute("UPDATE fulfilment_order SET notified_number = (SELECT s.intl_tracking_no FROM shipment s "
               "WHERE s.id = fulfilment_order.shipment_id), notified_at = (SELECT s.channel_notified_at FROM "
               "shipment s WHERE s.id = fulfilment_order.shipment_id) WHERE shipment_id IN "
               "(SELECT id FROM shipment WHERE channel_notified_at IS NOT NULL)")


def downgrade():
    _drop("fulfilment_order", "notified_at")
    _drop("fulfilment_order", "notified_number")
    op.add_column("gift_event", sa.Column("limit_count", sa.Integer(), nullable=True))
    op.add_column("gift_event", sa.Column("used_count", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE gift_event SET limit_count = (SELECT MIN(g.limit_count) FROM gift_event_gift g "
               "WHERE g.event_id = gift_event.id)")
    _drop("gift_event_gift", "used_count")
    _drop("gift_event_gift", "limit_count")
