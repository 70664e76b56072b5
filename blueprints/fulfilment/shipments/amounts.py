"""대기목록 단가/수량 수정: a waiting line's unit price and quantity, checked field by field, the amount (통관기준금액)
following them, and every change kept as 수정 이력.

The manual: 단가 is what the buyer paid divided by the quantity unless the seller corrects it; correcting 단가
or 수량 changes the line's 금액, which is the value declared at customs.
"""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import gettext as _

from models import FulfilmentOrder, FulfilmentOrderChange
from portal.extensions import db

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


def apply(tenant, user, row: FulfilmentOrder, form) -> list[FulfilmentOrderChange]:
    """Set the line's 단가 and 수량 from the form (금액 = 단가 × 수량) with their history; the caller commits.
    Raises Refused with every field's reason, changing nothing."""
    if not row.is_waiting:
        raise Refused(_("대기목록의 주문만 수정할 수 있습니다."))
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


def history(row: FulfilmentOrder) -> list[FulfilmentOrderChange]:
    return (db.session.query(FulfilmentOrderChange).filter(FulfilmentOrderChange.order_id == row.id)
            .order_by(FulfilmentOrderChange.id.desc()).all())
