"""사은품 엑셀 업로드: gift rows matched by 장바구니번호 or by 주문번호 / 접수번호 to live shipments before 입고, or
(BY_WAITING, gifts.waiting) to 대기목록 carts before 배송접수.

The sheet is the manual's 사은품추가 양식 (first row the headers below; 상품코드(SKU) names a registered SKU of
단일상품관리 / 조합형상품관리). Each row adds one gift row to each shipment its number finds, once: a shipment
that already has that SKU from 사은품 일괄 적용 / upload, or a second row for the same shipment and SKU, is
refused with its reason. A sheet is applied whole or not at all; the result file gives back every row with
its reasons.
"""
from collections import defaultdict

from flask_babel import gettext as _

from models import FulfilmentOrder, FulfilmentSku, Shipment, ShipmentItem
from models.shipment import EDITABLE
from portal.extensions import db
from portal.i18n import ko, N_

from .apply import gift_history, gift_item

# The manual's 사은품추가 양식: its headers are matched in the uploaded file, so they stay Korean (ko).
HEADERS = [ko("주문번호(장바구니번호)"), ko("상품명"), ko("수량"), ko("금액(단가)"), ko("상품코드(SKU)"), ko("재질"), "HSCODE"]
BY_WAITING, BY_CART, BY_ORDER = "waiting", "cart", "order"
BY_LABELS = {BY_WAITING: N_("대기목록 장바구니번호 기준 (배송접수 전)"), BY_CART: N_("장바구니번호 기준"),
             BY_ORDER: N_("주문번호(접수번호) 기준")}
SAMPLE = [["387702-20210211-0006781", N_("사은품1"), 1, 2000, "K-123-AAA", "", "33"],
          ["387702-20210211-0006781", N_("사은품2"), 2, 1000, "K-123-BBB", "", "33"]]  # example rows, shown with _()


def header_problem(header: list[str]) -> str:
    missing = [h for h in (HEADERS[0], HEADERS[2], HEADERS[4]) if h not in header]
    if missing:
        return _("양식의 제목줄에 %(columns)s 열이 없습니다. 사은품추가 양식을 내려받아 사용해 주세요.",
                 columns=", ".join(missing))
    return ""


def _shipments_by_number(tenant_id: int, numbers: set[str], by: str) -> dict[str, list[Shipment]]:
    found = defaultdict(list)
    numbers = list(numbers)
    for start in range(0, len(numbers), 900):
        part = numbers[start:start + 900]
        live = (Shipment.tenant_id == tenant_id, Shipment.deleted_at.is_(None))
        if by == BY_CART:
            for s in db.session.query(Shipment).filter(*live, Shipment.cart_no.in_(part)):
                found[s.cart_no].append(s)
            continue
        for s in db.session.query(Shipment).filter(*live, Shipment.receipt_no.in_(part)):
            found[s.receipt_no].append(s)
        rows = (db.session.query(FulfilmentOrder.order_no, Shipment)
                .join(Shipment, Shipment.id == FulfilmentOrder.shipment_id)
                .filter(*live, FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.order_no.in_(part),
                        FulfilmentOrder.deleted_at.is_(None)))
        for order_no, s in rows:
            if s not in found[order_no]:
                found[order_no].append(s)
    return found


def apply_rows(tenant_id: int, user_id: int, header: list[str], rows: list[list[str]], by: str):
    """(gift rows added, failed rows each with its reasons); nothing is committed here, and nothing is added
    when a row failed."""
    col = {h: header.index(h) for h in HEADERS if h in header}

    def cell(row, name):
        i = col.get(name)
        return (row[i] if i is not None and i < len(row) else "").strip()

    numbers = {cell(r, HEADERS[0]) for r in rows} - {""}
    codes = {cell(r, HEADERS[4]).lower() for r in rows} - {""}
    shipments = _shipments_by_number(tenant_id, numbers, by)
    skus = {s.code_key: s for s in db.session.query(FulfilmentSku).filter(
        FulfilmentSku.tenant_id == tenant_id, FulfilmentSku.code_key.in_(codes or {""}),
        FulfilmentSku.deleted_at.is_(None))}
    ids = [s.id for group in shipments.values() for s in group]
    have = set()
    for start in range(0, len(ids), 900):
        have |= set(db.session.query(ShipmentItem.shipment_id, ShipmentItem.sku_id).filter(
            ShipmentItem.shipment_id.in_(ids[start:start + 900]), ShipmentItem.is_gift.is_(True),
            ShipmentItem.gift_event_id.is_(None)))
    added, failed, planned = 0, [], []
    for row in rows:
        reasons = []
        number, code, quantity_text = cell(row, HEADERS[0]), cell(row, HEADERS[4]), cell(row, HEADERS[2])
        if not number:
            reasons.append(_("%(column)s을(를) 입력해 주세요.", column=HEADERS[0]))
        elif not shipments.get(number):
            reasons.append(_("%(basis)s으로 찾은 배송건이 없습니다: %(no)s (배송접수된 건만 사은품을 추가할 수 있습니다)",
                             basis=_(BY_LABELS[by]), no=number))
        if not code:
            reasons.append(_("상품코드(SKU)를 입력해 주세요."))
        elif code.lower() not in skus:
            reasons.append(_("단일상품관리/조합형상품관리에 등록되지 않은 SKU입니다: %(code)s", code=code))
        quantity = int(float(quantity_text)) if quantity_text.replace(".0", "", 1).isdigit() else 0
        if not 1 <= quantity <= 999:
            reasons.append(_("수량은 1~%(max)s 사이의 정수로 입력해 주세요: %(value)s", max=999,
                             value=quantity_text or _("(빈칸)")))
        targets = shipments.get(number, [])
        if targets and code.lower() in skus:
            sku = skus[code.lower()]
            for s in targets:
                if s.status not in EDITABLE or s.received_at is not None:
                    reasons.append(_("%(no)s: 입고된 배송건에는 사은품을 추가할 수 없습니다.", no=s.receipt_no))
                elif (s.id, sku.id) in have:
                    reasons.append(_("%(no)s: 같은 사은품이 이미 적용되어 있습니다.", no=s.receipt_no))
        if reasons:
            failed.append((row, reasons))
            continue
        for s in targets:
            planned.append((s, sku, quantity))
            have.add((s.id, sku.id))
    if failed:
        return 0, failed
    for s, sku, quantity in planned:
        db.session.add(gift_item(s, sku, quantity, user_id=user_id))
        db.session.add(gift_history(s, _("사은품 엑셀 업로드: %(code)s %(name)s × %(n)s", code=sku.code, name=sku.name,
                                          n=quantity), user_id))
        added += 1
    return added, failed
