"""단가/수량 수정: a line's unit price and quantity, checked field by field, the amount (통관기준금액) following
them, and every change kept as 수정 이력 — in 대기목록, and after 배송접수 inside its shipment until the
forwarder receives it (입고, A99): the manual lets every field but 장바구니번호 change until 입고.

The manual: 단가 is what the buyer paid divided by the quantity unless the seller corrects it; correcting 단가
or 수량 changes the line's 금액, which is the value declared at customs.
"""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import gettext as _

from models import FulfilmentOrder, FulfilmentOrderChange
from models.shipment import EV_EDIT
from portal.extensions import db

from .events import record
from .stock import touch
from .waiting import Refused

MAX_QUANTITY = 9999
MAX_PRICE = Decimal("1000000000")  # what 금액 (14 digits, 2 decimals) holds with room for 9,999 units
CENT = Decimal("0.01")


def shown_unit_price(row: FulfilmentOrder) -> Decimal | None:
    """단가 as the page shows it: the stored one, else 금액 ÷ 수량."""
    if row.unit_price is not None:
        return row.unit_price
    if row.amount is not None and row.quantity:
        return (Decimal(row.amount) / row.quantity).quantize(CENT, rounding=ROUND_HALF_UP)
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value)


def read(form, price_known: bool = True) -> tuple[Decimal | None, int | None, list[str]]:
    """(단가, 수량, reasons) from the form; a field left out of the form is None and unchanged, and so is a
    blank 단가 of a line that never had one (`price_known` False)."""
    reasons, price, quantity = [], None, None
    if "unit_price" in form and (price_known or (form.get("unit_price") or "").strip()):
        text = (form.get("unit_price") or "").replace(",", "").strip()
        try:
            price = Decimal(text)
            if not price.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            reasons.append(_("단가는 0 이상의 숫자로 입력해 주세요: %(value)s", value=text or _("(빈칸)")))
            price = None
        else:
            if price < 0 or price >= MAX_PRICE:
                reasons.append(_("단가는 0 이상 %(max)s 미만으로 입력해 주세요: %(value)s", max=f"{MAX_PRICE:,}",
                                 value=text))
                price = None
            elif price != price.quantize(CENT, rounding=ROUND_HALF_UP):
                reasons.append(_("단가는 소수점 둘째 자리까지 입력할 수 있습니다: %(value)s", value=text))
                price = None
    if "quantity" in form:
        text = (form.get("quantity") or "").replace(",", "").strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_QUANTITY:
            reasons.append(_("수량은 1~%(max)s 사이의 정수로 입력해 주세요: %(value)s", max=f"{MAX_QUANTITY:,}",
                             value=text or _("(빈칸)")))
        else:
            quantity = int(text)
    return price, quantity, reasons


def _change(tenant, user, row: FulfilmentOrder, form) -> list[FulfilmentOrderChange]:
    """Set the line's 단가 and 수량 from the form (금액 = 단가 × 수량) with their history; raises Refused with
    every field's reason, changing nothing."""
    old_price = shown_unit_price(row)
    price, quantity, reasons = read(form, price_known=old_price is not None)
    if reasons:
        raise Refused(" / ".join(reasons))
    new_price = price if price is not None else old_price
    new_quantity = quantity if quantity is not None else row.quantity
    if new_price == old_price and new_quantity == row.quantity:
        return []
    new_amount = (new_price * new_quantity).quantize(CENT) if new_price is not None else row.amount
    changes = []
    for field, before, after in (("unit_price", old_price, new_price), ("quantity", row.quantity, new_quantity),
                                 ("amount", row.amount, new_amount)):
        if before != after:
            changes.append(FulfilmentOrderChange(tenant_id=tenant.id, order_id=row.id, field=field,
                                                 before=_text(before)[:100], after=_text(after)[:100],
                                                 user_id=user.id))
    row.unit_price, row.quantity, row.amount, row.updated_by_id = new_price, new_quantity, new_amount, user.id
    db.session.add_all(changes)
    return changes


def apply(tenant, user, row: FulfilmentOrder, form) -> list[FulfilmentOrderChange]:
    """대기목록: the waiting line's 단가 and 수량; the caller commits."""
    if not row.is_waiting:
        raise Refused(_("대기목록의 주문만 수정할 수 있습니다."))
    return _change(tenant, user, row, form)


def apply_in_shipment(tenant, user, shipment, row: FulfilmentOrder, form) -> list[FulfilmentOrderChange]:
    """After 배송접수, until 입고: an order's 단가 and 수량 inside its shipment. The shipment's 총금액 follows,
    its packed items of that order follow the new quantity (so the stock moves by the difference before the
    commit), and the shipment's history says what changed, who and when. Commits."""
    db.session.refresh(shipment, with_for_update=True)  # the forwarder's 입고 waits for this edit, or it for 입고
    if not shipment.editable:
        raise Refused(_("입고(A99) 이후의 배송건은 단가/수량을 수정할 수 없습니다: %(no)s", no=shipment.receipt_no))
    if row.shipment_id != shipment.id:
        raise Refused(_("이 배송건의 주문이 아닙니다."))
    if row.deleted_at is not None:
        raise Refused(_("삭제된 주문은 수정할 수 없습니다. 먼저 복구해 주세요."))
    old_quantity = row.quantity
    changes = _change(tenant, user, row, form)
    if not changes:
        return []
    if row.quantity != old_quantity:
        for item in shipment.items:
            if item.order_id == row.id and not item.is_gift:
                item.quantity = item.quantity // old_quantity * row.quantity
    shipment.total_amount = sum((o.amount or Decimal(0)) for o in shipment.orders if o.deleted_at is None)
    shipment.updated_by_id = user.id
    labels = {"unit_price": _("단가"), "quantity": _("수량"), "amount": _("금액")}
    record(shipment, EV_EDIT, user, _("주문 %(order)s: %(changes)s", order=row.order_no, changes=", ".join(
        f"{labels[c.field]} {c.before or '-'} → {c.after}" for c in changes)))
    db.session.flush()
    touch(db.session, [shipment.id], user.id)  # the stock moves are the editor's
    db.session.commit()
    return changes


def history(row: FulfilmentOrder) -> list[FulfilmentOrderChange]:
    return (db.session.query(FulfilmentOrderChange).filter(FulfilmentOrderChange.order_id == row.id)
            .order_by(FulfilmentOrderChange.id.desc()).all())
