"""묶음관리 / 삭제목록 / 재배송신청 / 배송타입변경: what a seller does to shipments after 배송접수.

Until the forwarder receives a shipment (입고, A99) the seller may delete it (to 삭제목록) and restore
it, delete or restore one order inside it (partial cancel), and change its 배송타입. 재배송 copies any
shipment, received or not, as a new shipment with new order and cart numbers (optional suffix).
Every change is a ShipmentEvent with who and when.
"""
from decimal import Decimal

from flask_babel import gettext as _

from models import FulfilmentOrder, Shipment, ShipmentItem
from models.base import utcnow
from models.fulfilment_order import SOURCE_RESHIP
from models.shipment import (EV_DELETE, EV_ORDER_DELETE, EV_ORDER_RESTORE, EV_RESHIP, EV_RESTORE, EV_TYPE,
                             REGISTERED, SHIP_TYPES)
from portal.extensions import db
from portal.tenancy import tenant_query

from . import numbers
from .events import record
from .waiting import Refused

COPIED = ("channel", "ordered_at", "paid_at", "country", "recipient_name", "recipient_kana", "recipient_name_en",
          "recipient_phone", "recipient_mobile", "zip_code", "address", "address_detail", "address_en", "message",
          "buyer_name", "product_name", "option_name", "option_code", "seller_code", "item_code", "product_url",
          "quantity", "unit_price", "amount", "currency", "sku_code", "match_state", "sku_id")
SHIPMENT_COPIED = ("ship_type", "channel", "country", "recipient_name", "recipient_kana", "recipient_name_en",
                   "recipient_phone", "recipient_mobile", "zip_code", "address", "address_detail", "address_en",
                   "message", "currency", "memo")


def _shipments(tenant, ids, *, deleted: bool | None = False) -> list[Shipment]:
    ids = [int(i) for i in ids if str(i).isdigit()]
    if not ids:
        raise Refused(_("배송건을 선택해 주세요."))
    query = tenant_query(Shipment, tenant).filter(Shipment.id.in_(ids))
    if deleted is not None:
        query = query.filter(Shipment.deleted_at.isnot(None) if deleted else Shipment.deleted_at.is_(None))
    return query.order_by(Shipment.id).all()


def _editable(shipments: list[Shipment]) -> None:
    received = [s.receipt_no for s in shipments if not s.editable]
    if received:
        raise Refused(_("입고(A99) 이후의 배송건은 변경할 수 없습니다: %(nos)s", nos=", ".join(received)))


def recount(shipment: Shipment) -> None:
    shipment.total_amount = sum((o.amount or Decimal(0)) for o in shipment.orders if o.deleted_at is None)


def delete(tenant, user, ids) -> int:
    """배송접수 삭제 → 삭제목록 (restorable until received)."""
    shipments = _shipments(tenant, ids)
    _editable(shipments)
    for s in shipments:
        s.deleted_at, s.deleted_by_id, s.updated_by_id = utcnow(), user.id, user.id
        record(s, EV_DELETE, user)
    db.session.commit()
    return len(shipments)


def restore(tenant, user, ids) -> int:
    shipments = _shipments(tenant, ids, deleted=True)
    for s in shipments:
        s.deleted_at, s.deleted_by_id, s.updated_by_id = None, None, user.id
        record(s, EV_RESTORE, user)
    db.session.commit()
    return len(shipments)


def change_type(tenant, user, ids, ship_type: str) -> int:
    if ship_type not in SHIP_TYPES:
        raise Refused(_("배송타입을 선택해 주세요."))
    shipments = _shipments(tenant, ids)
    _editable(shipments)
    changed = 0
    for s in shipments:
        if s.ship_type != ship_type:
            record(s, EV_TYPE, user, f"{SHIP_TYPES.get(s.ship_type, s.ship_type)} → {SHIP_TYPES[ship_type]}")
            s.ship_type, s.updated_by_id = ship_type, user.id
            changed += 1
    db.session.commit()
    return changed


def set_order(tenant, user, shipment: Shipment, order_id: int, *, deleted: bool) -> None:
    """묶음관리: delete (partial cancel) or restore one order inside a shipment before 입고."""
    _editable([shipment])
    order = next((o for o in shipment.orders if o.id == order_id), None)
    if order is None:
        raise Refused(_("이 배송건의 주문이 아닙니다."))
    if deleted:
        if order.deleted_at is not None:
            return
        if sum(1 for o in shipment.orders if o.deleted_at is None) == 1:
            raise Refused(_("배송건의 마지막 주문은 삭제할 수 없습니다. 배송건 전체를 삭제해 주세요."))
        order.deleted_at, order.deleted_by_id = utcnow(), user.id
        record(shipment, EV_ORDER_DELETE, user, order.order_no)
    else:
        if order.deleted_at is None:
            return
        order.deleted_at, order.deleted_by_id = None, None
        record(shipment, EV_ORDER_RESTORE, user, order.order_no)
    recount(shipment)
    shipment.updated_by_id = user.id
    db.session.commit()


def _suffixed(value: str, suffix: str) -> str:
    return f"{value}_{suffix}"[:80] if suffix else value


def reship(tenant, user, ids, suffix: str = "") -> list[Shipment]:
    """재배송신청: each selected shipment copied (live orders, items, gifts) as a new shipment with a new
    접수번호; order and cart numbers get "_<suffix>" when a suffix is given."""
    suffix = (suffix or "").strip()
    if len(suffix) > 30:
        raise Refused(_("접미사는 30자 이내로 입력해 주세요."))
    originals = _shipments(tenant, ids)
    copies = []
    now = utcnow()
    for original, receipt_no in zip(originals, numbers.draw(len(originals))):
        copy = Shipment(tenant_id=tenant.id, receipt_no=receipt_no, status=REGISTERED, status_at=now,
                        cart_no=_suffixed(original.cart_no, suffix), reship_of_id=original.id,
                        total_amount=original.total_amount, created_by_id=user.id, updated_by_id=user.id,
                        **{f: getattr(original, f) for f in SHIPMENT_COPIED})
        db.session.add(copy)
        db.session.flush()
        new_orders = {}
        for order in original.orders:
            if order.deleted_at is not None:
                continue
            row = FulfilmentOrder(tenant_id=tenant.id, source=SOURCE_RESHIP, reship_of_id=order.id,
                                  shipment_id=copy.id, order_no=_suffixed(order.order_no, suffix),
                                  cart_no=_suffixed(order.cart_no, suffix), created_by_id=user.id,
                                  account_id=order.account_id, **{f: getattr(order, f) for f in COPIED})
            db.session.add(row)
            new_orders[order.id] = row
        db.session.flush()
        for item in original.items:
            if item.order_id is not None and item.order_id not in new_orders:
                continue
            db.session.add(ShipmentItem(
                tenant_id=tenant.id, shipment_id=copy.id, sku_id=item.sku_id, sku_code=item.sku_code, name=item.name,
                quantity=item.quantity, channel=item.channel, is_gift=item.is_gift, gift_event_id=item.gift_event_id,
                order_id=new_orders[item.order_id].id if item.order_id else None, created_by_id=user.id))
        record(copy, EV_RESHIP, user, _("%(no)s의 재배송", no=original.receipt_no), status_to=REGISTERED)
        record(original, EV_RESHIP, user, _("재배송 %(no)s 생성", no=receipt_no))
        copies.append(copy)
    db.session.commit()
    return copies


def shipment_items(shipment: Shipment) -> list[ShipmentItem]:
    """The items that ship: those of live orders, and gifts."""
    live = {o.id for o in shipment.orders if o.deleted_at is None}
    return [i for i in shipment.items if i.order_id is None or i.order_id in live]
