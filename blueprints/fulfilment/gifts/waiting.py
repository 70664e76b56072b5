"""사은품 엑셀 업로드 before 배송접수: the manual's 사은품추가 양식 matched to 대기목록 carts by 장바구니번호 (or a
waiting line's 주문번호), kept as WaitingGift rows and turned into gift rows of the shipment at 배송접수.

A sheet is taken whole or not at all: one refused row leaves every row unapplied, and the result file gives
back every row with its reasons (blank for the good ones), so the seller fixes the file and uploads it again.
A cart takes a SKU once (a second row for it, or a gift already waiting for it, is refused).
"""
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from werkzeug.exceptions import NotFound

from models import FulfilmentOrder, FulfilmentSku, ShipmentEvent, ShipmentItem, WaitingGift
from models.base import utcnow
from models.shipment import BY_SELLER, EV_GIFT, GIFT_CHANNEL
from portal.extensions import db
from portal.services.bulk_sql import among, insert_rows, update_rows
from portal.tenancy import tenant_query

from ..shipments.stock import touch

IN_BATCH = 900
MAX_QUANTITY = 999


@dataclass
class RowResult:
    row: list
    reasons: list


def _first_lines(tenant_id: int, numbers: set[str]) -> tuple[dict, dict, set]:
    """number → the first waiting line of the cart it names (장바구니번호 first, else a line's 주문번호), and the
    numbers found only among lines already taken by 배송접수."""
    by_cart, by_order, taken = {}, {}, set()
    numbers = sorted(numbers)
    for start in range(0, len(numbers), IN_BATCH):
        part = numbers[start:start + IN_BATCH]
        rows = (db.session.query(FulfilmentOrder)
                .filter(FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.deleted_at.is_(None),
                        FulfilmentOrder.cart_no.in_(part) | FulfilmentOrder.order_no.in_(part))
                .order_by(FulfilmentOrder.id).all())
        for r in rows:
            if r.shipment_id is not None:
                taken.update({r.cart_no, r.order_no})
                continue
            by_cart.setdefault(r.cart_no, r)
            by_order.setdefault(r.order_no, r)
    return by_cart, by_order, taken


def _cart_heads(tenant_id: int, cart_nos: set[str]) -> dict[str, FulfilmentOrder]:
    """cart → its first waiting line (a 주문번호 found names its cart)."""
    heads = {}
    cart_nos = sorted(cart_nos)
    for start in range(0, len(cart_nos), IN_BATCH):
        for r in (db.session.query(FulfilmentOrder)
                  .filter(FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.shipment_id.is_(None),
                          FulfilmentOrder.deleted_at.is_(None), FulfilmentOrder.cart_no.in_(cart_nos[start:start + IN_BATCH]))
                  .order_by(FulfilmentOrder.id)):
            heads.setdefault(r.cart_no, r)
    return heads


def _price(text: str, reasons: list):
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
        if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
            raise InvalidOperation
    except InvalidOperation:
        reasons.append(_("금액(단가)은 0 이상의 숫자로 입력해 주세요: %(value)s", value=text))
        return None
    return value.quantize(Decimal("0.01"))


def apply_rows(tenant_id: int, user_id, header: list[str], rows: list[list[str]], headers: list[str]):
    """(gifts added, every row with its reasons); adds nothing unless every row is good. The caller commits."""
    number_h, quantity_h, price_h, code_h = headers[0], headers[2], headers[3], headers[4]
    col = {h: header.index(h) for h in headers if h in header}

    def cell(row, name):
        i = col.get(name)
        return ("" if i is None or i >= len(row) or row[i] is None else str(row[i])).strip()

    numbers = {cell(r, number_h) for r in rows} - {""}
    by_cart, by_order, taken = _first_lines(tenant_id, numbers)
    carts = {n: (by_cart.get(n) or by_order.get(n)).cart_no for n in numbers if n in by_cart or n in by_order}
    heads = _cart_heads(tenant_id, set(carts.values()))
    codes = {cell(r, code_h).lower() for r in rows} - {""}
    skus = {s.code_key: s for s in db.session.query(FulfilmentSku).filter(
        FulfilmentSku.tenant_id == tenant_id, FulfilmentSku.code_key.in_(codes or {""}),
        FulfilmentSku.deleted_at.is_(None))}
    waiting_cart = {}  # (cart, sku id) → already waiting
    head_ids = [h.id for h in heads.values()]
    for start in range(0, len(head_ids), IN_BATCH):
        for g in db.session.query(WaitingGift).join(FulfilmentOrder, FulfilmentOrder.id == WaitingGift.order_id).filter(
                WaitingGift.tenant_id == tenant_id, WaitingGift.shipment_id.is_(None),
                FulfilmentOrder.cart_no.in_([h.cart_no for h in heads.values()][start:start + IN_BATCH])):
            waiting_cart[(g.order.cart_no, g.sku_id)] = True
    results, planned, seen = [], [], set()
    for row in rows:
        reasons = []
        number, code, quantity_text = cell(row, number_h), cell(row, code_h), cell(row, quantity_h)
        head = heads.get(carts.get(number, ""))
        if not number:
            reasons.append(_("%(column)s을(를) 입력해 주세요.", column=number_h))
        elif head is None and number in taken:
            reasons.append(_("이미 배송접수된 주문입니다: %(no)s (팩킹리스트의 사은품 엑셀 업로드를 이용해 주세요)", no=number))
        elif head is None:
            reasons.append(_("대기목록에서 장바구니번호나 주문번호를 찾을 수 없습니다: %(no)s", no=number))
        sku = skus.get(code.lower()) if code else None
        if not code:
            reasons.append(_("상품코드(SKU)를 입력해 주세요."))
        elif sku is None:
            reasons.append(_("단일상품관리/조합형상품관리에 등록되지 않은 SKU입니다: %(code)s", code=code))
        quantity = None
        try:
            quantity = int(Decimal(quantity_text.replace(",", ""))) if quantity_text else None
            if quantity is not None and Decimal(quantity_text.replace(",", "")) != quantity:
                quantity = None
        except InvalidOperation:
            quantity = None
        if quantity is None or not 1 <= quantity <= MAX_QUANTITY:
            reasons.append(_("수량은 1~%(max)s 사이의 정수로 입력해 주세요: %(value)s", max=MAX_QUANTITY,
                             value=quantity_text or _("(빈칸)")))
        price = _price(cell(row, price_h), reasons)
        if head is not None and sku is not None:
            key = (head.cart_no, sku.id)
            if key in waiting_cart:
                reasons.append(_("장바구니번호 %(cart)s에 같은 사은품이 이미 추가되어 있습니다: %(code)s", cart=head.cart_no,
                                 code=sku.code))
            elif key in seen:
                reasons.append(_("같은 장바구니번호와 사은품의 행이 파일에 두 번 있습니다: %(cart)s, %(code)s",
                                 cart=head.cart_no, code=sku.code))
            seen.add(key)
        results.append(RowResult(row, reasons))
        if not reasons:
            planned.append(WaitingGift(tenant_id=tenant_id, order_id=head.id, cart_no=number[:80], sku_id=sku.id,
                                       quantity=quantity, unit_price=price, created_by_id=user_id))
    if any(r.reasons for r in results):
        return 0, results
    db.session.add_all(planned)
    return len(planned), results


def pending(tenant, limit: int = 500) -> list[WaitingGift]:
    """Gifts waiting for their cart's 배송접수 (lines in 삭제목록 keep theirs until restored)."""
    return (tenant_query(WaitingGift, tenant).join(FulfilmentOrder, FulfilmentOrder.id == WaitingGift.order_id)
            .filter(WaitingGift.shipment_id.is_(None), FulfilmentOrder.shipment_id.is_(None),
                    FulfilmentOrder.deleted_at.is_(None))
            .order_by(WaitingGift.id.desc()).limit(limit).all())


def remove(tenant, gift_id) -> WaitingGift:
    gift = tenant_query(WaitingGift, tenant).filter(WaitingGift.id == gift_id).one_or_none()
    if gift is None:
        raise NotFound()  # another seller's gift looks like no gift
    if gift.shipment_id is not None:
        raise Refused(_("이미 배송접수된 사은품입니다. 묶음관리에서 삭제해 주세요."))
    gift.sku  # noqa: B018  (loaded for the message before the row goes)
    db.session.delete(gift)
    db.session.commit()
    return gift


class Refused(Exception):
    """A pending gift that cannot be changed, with the Korean reason."""


def on_receipt(tenant, user, made) -> None:
    """shipments.receipt.RECEIPT_HOOKS entry: the gifts waiting on the lines just taken (or on a line of the
    same cart that went to 삭제목록 meanwhile) become gift rows of their shipments (one row per shipment and
    SKU, the quantities of merged carts added), once. Read as plain rows from what 배송접수 hands over
    (made.orders: shipment id → its lines) and written in one statement per table."""
    by_line = {line.id: sid for sid, lines in made.orders.items() for line in lines}
    by_cart = {line.cart_no: sid for sid, lines in made.orders.items() for line in lines}
    gift = (WaitingGift.id, WaitingGift.sku_id, WaitingGift.quantity)
    found = []  # (gift id, sku id, quantity, shipment id)
    for part in among(db.session, WaitingGift.order_id, sorted(by_line), IN_BATCH):
        found += [(gid, sku_id, n, by_line[order_id]) for gid, sku_id, n, order_id in db.session.query(
            *gift, WaitingGift.order_id).filter(WaitingGift.tenant_id == tenant.id, WaitingGift.shipment_id.is_(None),
                                                part)]
    for part in among(db.session, FulfilmentOrder.cart_no, sorted(by_cart), IN_BATCH):
        found += [(gid, sku_id, n, by_cart[cart_no]) for gid, sku_id, n, cart_no in db.session.query(
            *gift, FulfilmentOrder.cart_no).join(FulfilmentOrder, FulfilmentOrder.id == WaitingGift.order_id).filter(
            WaitingGift.tenant_id == tenant.id, WaitingGift.shipment_id.is_(None),
            FulfilmentOrder.tenant_id == tenant.id, FulfilmentOrder.shipment_id.is_(None),
            FulfilmentOrder.deleted_at.isnot(None), part)]
    if not found:
        return
    by_shipment: dict[tuple, int] = {}
    for _gid, sku_id, quantity, shipment_id in sorted(found):
        by_shipment[(shipment_id, sku_id)] = by_shipment.get((shipment_id, sku_id), 0) + quantity
    skus = {sku_id: (code, name) for sku_id, code, name in db.session.query(
        FulfilmentSku.id, FulfilmentSku.code, FulfilmentSku.name).filter(
        FulfilmentSku.id.in_({sku_id for _g, sku_id, _n, _s in found}))}
    user_id, now = getattr(user, "id", None), utcnow()
    items, history = [], []
    for (shipment_id, sku_id), quantity in sorted(by_shipment.items()):
        code, name = skus[sku_id]
        items.append({"shipment_id": shipment_id, "sku_id": sku_id, "sku_code": code, "name": name,
                      "quantity": quantity})
        history.append({"shipment_id": shipment_id, "message": _(
            "배송접수 전 사은품: %(code)s %(name)s × %(n)s", code=code, name=name, n=quantity)[:500]})
    update_rows(db.session, WaitingGift.__table__, [{"id": gid, "shipment_id": sid} for gid, _k, _n, sid in found])
    insert_rows(db.session, ShipmentItem.__table__, items, dict(
        tenant_id=tenant.id, order_id=None, channel=GIFT_CHANNEL, is_gift=True, gift_event_id=None, created_at=now,
        created_by_id=user_id))
    insert_rows(db.session, ShipmentEvent.__table__, history, dict(
        tenant_id=tenant.id, kind=EV_GIFT, by=BY_SELLER, user_id=user_id, at=now, status_from="", status_to="",
        api_key_id=None, happened_at=None))
    touch(db.session, {sid for sid, _k in by_shipment}, user_id)  # the gifts take their linked stock
