"""사은품 적용: 사은품 일괄 적용 to chosen shipments, and events applied (after a preview) to every shipment
they match. A gift is a ShipmentItem (is_gift, channel "gift"); applying again never adds a second one.

- 사은품 일괄 적용: one row per 접수번호 and gift; a shipment that already has that gift from 일괄 적용
  is skipped (the quantity is chosen when applying).
- 이벤트 적용: one row per 접수번호, event and gift SKU; on the 주문번호 basis the quantities of the matching
  orders are added up in that one row. 한정 수량 is per gift (the manual's Gift Item List: 제한 개수 and 현재
  적용개수 on each gift row), counted in pieces and handed out first come first served in 접수번호 order: the
  shipment that meets the end of a gift's count gets what is left of it, the ones after get none of that gift
  (the event's other gifts still reach them). The preview lists both. 현재 적용개수 only grows: a gift row
  deleted later does not give its pieces back to the count.
- Only shipments before 입고 (the forwarder has not received the box) take gifts.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _

from models import FulfilmentSku, GiftEvent, GiftEventGift, Shipment, ShipmentEvent, ShipmentItem
from models.shipment import BY_SELLER, BY_SYSTEM, EDITABLE, EV_GIFT, GIFT_CHANNEL
from models.base import utcnow
from portal.extensions import db
from portal.services.bulk_sql import among, insert_rows
from portal.tenancy import tenant_query

from ..shipments.stock import touch
from .conditions import gift_quantity, matches
from .events import rule_of
from .units import IN_BATCH, live_orders, units_of


class Refused(Exception):
    """A gift that cannot be applied, with the Korean reason."""


@dataclass
class Outcome:
    added: int = 0
    skipped: list[str] = field(default_factory=list)  # "K…: reason"


@dataclass
class Planned:
    """What one shipment receives from an event: each of the event's gift SKUs it does not have yet × quantity,
    and what 한정 수량 held back (`cut`: gift, quantity the conditions earn, quantity given)."""
    shipment: Shipment
    gifts: list  # [(FulfilmentSku, quantity)]
    cut: list = field(default_factory=list)  # [(FulfilmentSku, earned, given)] with given < earned

    @property
    def quantity(self) -> int:
        return sum(n for _sku, n in self.gifts)


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), IN_BATCH):
        yield ids[start:start + IN_BATCH]


def _shipments(tenant_id: int, shipment_ids) -> list[Shipment]:
    found = []
    for part in _chunks(shipment_ids):
        found += (db.session.query(Shipment)
                  .filter(Shipment.tenant_id == tenant_id, Shipment.id.in_(part), Shipment.deleted_at.is_(None))
                  .all())
    return sorted(found, key=lambda s: s.id)


def gift_item(shipment: Shipment, sku: FulfilmentSku, quantity: int, event_id=None, user_id=None) -> ShipmentItem:
    return ShipmentItem(tenant_id=shipment.tenant_id, shipment_id=shipment.id, sku_id=sku.id, sku_code=sku.code,
                        name=sku.name, quantity=quantity, channel=GIFT_CHANNEL, is_gift=True,
                        gift_event_id=event_id, created_by_id=user_id)


def gift_history(shipment: Shipment, message: str, user_id=None) -> ShipmentEvent:
    return ShipmentEvent(tenant_id=shipment.tenant_id, shipment_id=shipment.id, kind=EV_GIFT, message=message[:500],
                         by=BY_SELLER if user_id else BY_SYSTEM, user_id=user_id)


def gift_sku(tenant, sku_id) -> FulfilmentSku:
    sku = tenant_query(FulfilmentSku, tenant).filter(FulfilmentSku.id == sku_id, FulfilmentSku.is_gift.is_(True),
                                                     FulfilmentSku.deleted_at.is_(None)).one_or_none()
    if sku is None:
        raise Refused(_("사은품관리에 등록된 사은품을 선택해 주세요."))
    return sku


def quantity_of(text) -> int:
    try:
        quantity = int(str(text).strip())
    except (TypeError, ValueError):
        raise Refused(_("적용 수량은 1 이상의 숫자로 입력해 주세요.")) from None
    if not 1 <= quantity <= 999:
        raise Refused(_("적용 수량은 1~999 사이로 입력해 주세요."))
    return quantity


def apply_gift(tenant, user, shipment_ids, sku_id, quantity_text) -> Outcome:
    """사은품 일괄 적용: the chosen gift × quantity on each chosen 접수번호, at most once each."""
    sku, quantity = gift_sku(tenant, sku_id), quantity_of(quantity_text)
    shipments = _shipments(tenant.id, {int(i) for i in shipment_ids})
    if not shipments:
        raise Refused(_("사은품을 적용할 배송건을 선택해 주세요."))
    have = set()
    for part in _chunks([s.id for s in shipments]):
        have |= {sid for (sid,) in db.session.query(ShipmentItem.shipment_id).filter(
            ShipmentItem.shipment_id.in_(part), ShipmentItem.sku_id == sku.id, ShipmentItem.is_gift.is_(True),
            ShipmentItem.gift_event_id.is_(None))}
    out = Outcome()
    for shipment in shipments:
        if shipment.status not in EDITABLE or shipment.received_at is not None:
            out.skipped.append(_("%(no)s: 입고된 배송건에는 사은품을 추가할 수 없습니다.", no=shipment.receipt_no))
        elif shipment.id in have:
            out.skipped.append(_("%(no)s: 같은 사은품이 이미 적용되어 있습니다.", no=shipment.receipt_no))
        else:
            db.session.add(gift_item(shipment, sku, quantity, user_id=user.id))
            db.session.add(gift_history(shipment, _("사은품 일괄 적용: %(code)s %(name)s × %(n)s", code=sku.code,
                                                     name=sku.name, n=quantity), user.id))
            out.added += 1
    db.session.commit()
    return out


def _given(event_id: int, shipment_ids) -> set[tuple[int, int]]:
    """(shipment, SKU) pairs this event already gave."""
    found = set()
    for part in among(db.session, ShipmentItem.shipment_id, shipment_ids, IN_BATCH):
        found |= set(db.session.query(ShipmentItem.shipment_id, ShipmentItem.sku_id).filter(
            part, ShipmentItem.gift_event_id == event_id))
    return found


def plan_event(event: GiftEvent, shipments: list[Shipment], orders: dict | None = None) -> list[Planned]:
    """Which shipments an event gives its gifts to, and how many of each: the preview, and what apply writes.
    A gift SKU the event already gave a shipment is never planned again (a SKU added to the event later still
    reaches the shipments that had the others). Each gift's 한정 수량 is shared out in 접수번호 order; a
    shipment it runs out on is planned with its `cut` only, so the preview can say so.
    `orders` (shipment id → live orders) may be passed when several events look at the same shipments."""
    rule = rule_of(event)
    candidates = sorted((s for s in shipments if s.status in EDITABLE and s.received_at is None),
                        key=lambda s: s.receipt_no)
    given = _given(event.id, [s.id for s in candidates])
    gifts = [(g.sku, g.quantity, g.room) for g in event.gifts]
    open_ids = [s.id for s in candidates if any((s.id, sku.id) not in given for sku, _n, _r in gifts)]
    if orders is None:
        orders = live_orders(open_ids)
    room = {sku.id: left for sku, _n, left in gifts}
    plan, open_ids = [], set(open_ids)
    for shipment in candidates:
        if shipment.id not in open_ids:
            continue
        units = [u for u in units_of(orders.get(shipment.id, []), event.basis) if matches(rule, u)]
        if not units:
            continue
        lines, cut = [], []
        for sku, per_unit, _left in gifts:
            if (shipment.id, sku.id) in given:
                continue
            earned = sum(gift_quantity(rule, u, per_unit, event.per_quantity) for u in units)
            if earned <= 0:
                continue
            quantity = earned if room[sku.id] is None else min(earned, room[sku.id])
            if room[sku.id] is not None:
                room[sku.id] -= quantity
            if quantity < earned:
                cut.append((sku, earned, quantity))
            if quantity > 0:
                lines.append((sku, quantity))
        if lines or cut:
            plan.append(Planned(shipment, lines, cut))
    return plan


def _locked_gifts(event: GiftEvent) -> dict[int, GiftEventGift]:
    """The event's gift rows read again under a row lock (PostgreSQL): two applications of one event take
    turns, the second seeing the first one's gifts and counts."""
    rows = (db.session.query(GiftEventGift).filter(GiftEventGift.event_id == event.id)
            .order_by(GiftEventGift.id).with_for_update().populate_existing().all())
    return {g.sku_id: g for g in rows}


def event_shipments(tenant_id: int, shipment_ids=None) -> list[Shipment]:
    """The shipments an event is applied to: the chosen ones, or every live one before 입고."""
    if shipment_ids:
        return _shipments(tenant_id, {int(i) for i in shipment_ids})
    return (db.session.query(Shipment)
            .filter(Shipment.tenant_id == tenant_id, Shipment.deleted_at.is_(None), Shipment.status.in_(EDITABLE),
                    Shipment.received_at.is_(None))
            .order_by(Shipment.id).all())


def apply_event(event: GiftEvent, plan: list[Planned], user_id=None) -> int:
    """Write a plan: one gift row per shipment and gift SKU, in one statement per table (an event may reach
    thousands of shipments at one 배송접수); returns how many shipments received something. Under the lock of
    the event's gift rows, a gift the event gave meanwhile is skipped and each 한정 수량 is checked again, so
    neither a stale preview nor two applications at once give a gift twice or past its count. The shipments
    are named to the stock settling (a gift SKU linked to a product takes its stock)."""
    rows = _locked_gifts(event)
    room = {sku_id: g.room for sku_id, g in rows.items()}
    items, history, reached, said = [], [], [], {}
    given = _given(event.id, [p.shipment.id for p in plan if p.gifts])
    for p in plan:
        lines = []
        for sku, quantity in p.gifts:
            if (p.shipment.id, sku.id) in given or sku.id not in room:
                continue
            if room[sku.id] is not None:
                quantity = min(quantity, room[sku.id])
                room[sku.id] -= quantity
            if quantity > 0:
                lines.append((sku, quantity))
                rows[sku.id].used_count = (rows[sku.id].used_count or 0) + quantity
        if not lines:
            continue
        reached.append(p.shipment.id)
        for sku, quantity in lines:
            items.append({"shipment_id": p.shipment.id, "sku_id": sku.id, "sku_code": sku.code, "name": sku.name,
                          "quantity": quantity})
        gifts = ", ".join(f"{sku.code} {sku.name} × {n}" for sku, n in lines)
        if gifts not in said:  # the same few lines for thousands of shipments: translated once each
            said[gifts] = _("이벤트 사은품: %(event)s → %(gifts)s", event=event.name, gifts=gifts)[:500]
        history.append({"shipment_id": p.shipment.id, "message": said[gifts]})
    now = utcnow()
    insert_rows(db.session, ShipmentItem.__table__, items, dict(
        tenant_id=event.tenant_id, order_id=None, channel=GIFT_CHANNEL, is_gift=True, gift_event_id=event.id,
        created_at=now, created_by_id=user_id))
    insert_rows(db.session, ShipmentEvent.__table__, history, dict(
        tenant_id=event.tenant_id, kind=EV_GIFT, by=BY_SELLER if user_id else BY_SYSTEM, user_id=user_id, at=now,
        happened_at=None, api_key_id=None, status_from="", status_to=""))
    touch(db.session, reached, user_id)  # written past the ORM: the gifts take their linked stock before the commit
    return len(reached)


def active_events(tenant_id: int) -> list[GiftEvent]:
    return (db.session.query(GiftEvent)
            .filter(GiftEvent.tenant_id == tenant_id, GiftEvent.active.is_(True), GiftEvent.deleted_at.is_(None))
            .order_by(GiftEvent.id).all())


def apply_active_events(tenant_id: int, shipment_ids, user_id=None) -> int:
    """The 배송접수 hook: every active event of the seller applied to the shipments just made; the caller
    commits. Returns how many gift rows were added."""
    events = active_events(tenant_id)
    if not events or not shipment_ids:
        return 0
    shipments = _shipments(tenant_id, shipment_ids)
    orders = live_orders([s.id for s in shipments])
    added = 0
    for event in events:
        added += apply_event(event, plan_event(event, shipments, orders), user_id)
        db.session.flush()
    return added


def on_receipt(tenant, user, made) -> None:
    """shipments.receipt.RECEIPT_HOOKS entry: active events on the shipments 배송접수 just made, planned from
    the records it hands over (made.shipments, made.orders: nothing is read back)."""
    for event in active_events(tenant.id):
        apply_event(event, plan_event(event, made.shipments, made.orders), getattr(user, "id", None))
