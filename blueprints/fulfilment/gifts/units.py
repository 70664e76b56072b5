"""What the gift rules read from shipments: each live shipment's orders as event Units, loaded in bulk."""
from collections import defaultdict
from datetime import timedelta

from models import FulfilmentOrder
from portal.extensions import db

from .conditions import Unit, cart_unit

IN_BATCH = 900  # ids per IN list (SQLite allows 999 parameters)
KST_OFFSET = timedelta(hours=9)


def codes_of(order) -> frozenset:
    """Every code an order carries, lower-cased (SKU codes match case-insensitively); a comma-separated
    SKU code counts as each of its parts."""
    found = set()
    for text in (order.sku_code, order.option_code, order.seller_code, order.item_code):
        for part in (text or "").split(","):
            if part.strip():
                found.add(part.strip().lower())
    return frozenset(found)


def order_unit(order) -> Unit:
    return Unit(key=str(order.id), channel=order.channel,
                ordered_on=(order.ordered_at + KST_OFFSET).date() if order.ordered_at else None,
                amount=order.amount, currency=order.currency or "", codes=codes_of(order),
                quantity=order.quantity or 0)


def live_orders(shipment_ids) -> dict[int, list]:
    """shipment id → its live orders (묶음관리 deletes left out), a query per IN_BATCH shipments."""
    found = defaultdict(list)
    ids = list(shipment_ids)
    for start in range(0, len(ids), IN_BATCH):
        rows = (db.session.query(FulfilmentOrder)
                .filter(FulfilmentOrder.shipment_id.in_(ids[start:start + IN_BATCH]),
                        FulfilmentOrder.deleted_at.is_(None))
                .order_by(FulfilmentOrder.id).all())
        for row in rows:
            found[row.shipment_id].append(row)
    return found


def units_of(orders, basis: str) -> list[Unit]:
    """A shipment's units: each order (주문번호 basis) or the box as one (장바구니번호 basis)."""
    units = [order_unit(o) for o in orders]
    if basis == "line":
        return units
    return [cart_unit(units)] if units else []
