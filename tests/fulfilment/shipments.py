"""Shipments as 배송접수 leaves them, made directly for the tests of the pages that read them (사은품/이벤트,
배송현황, the forwarder's side): a seller's gift SKUs and shipments with their orders."""
from datetime import timedelta
from decimal import Decimal
from itertools import count

from models import FulfilmentOrder, FulfilmentSku, Shipment, ShipmentItem
from models.base import utcnow
from portal.extensions import db

from .shipment_fixtures import add_sku

_numbers = count(1)


def make_sku(tenant, code, name, gift=False) -> FulfilmentSku:
    return add_sku(tenant, code, name, is_gift=gift)


def make_shipment(tenant, orders=(), *, channel="qoo10jp", status="A00", days_in_status=0, cart_no=None,
                  created_days_ago=0, tracking="", carrier="") -> Shipment:
    """orders: dicts of FulfilmentOrder fields (order_no, quantity, amount, currency, option_code, …)."""
    n = next(_numbers)
    now = utcnow()
    cart = cart_no or f"CART-{n}"
    shipment = Shipment(tenant_id=tenant.id, receipt_no=f"K261204{n:07d}", status=status, channel=channel,
                        cart_no=cart, status_at=now - timedelta(days=days_in_status),
                        created_at=now - timedelta(days=created_days_ago), recipient_name="山田花子",
                        recipient_phone="090-1234-5678", zip_code="160-0022", address="東京都新宿区新宿1-1-1",
                        intl_tracking_no=tracking, intl_carrier=carrier,
                        received_at=now if status not in ("A00", "A02", "A10") else None)
    db.session.add(shipment)
    db.session.flush()
    for i, fields in enumerate(orders or [{}]):
        values = {"source": "manual", "channel": channel, "order_no": f"O-{n}-{i}", "cart_no": cart, "quantity": 1,
                  "amount": Decimal("2500"), "currency": "JPY", "ordered_at": now - timedelta(days=1),
                  "recipient_name": "山田花子", **fields}
        order = FulfilmentOrder(tenant_id=tenant.id, shipment_id=shipment.id, **values)
        db.session.add(order)
        db.session.flush()
        db.session.add(ShipmentItem(tenant_id=tenant.id, shipment_id=shipment.id, order_id=order.id,
                                    sku_code=values.get("sku_code", "") or values.get("option_code", ""),
                                    name="상품", quantity=values["quantity"], channel=channel))
    db.session.commit()
    return shipment
