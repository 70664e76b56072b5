"""가용재고: every movement is one conditional update and one ledger row; stock never goes negative."""
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, update

from models import Product, ProductOption, StockLedger, WarehouseItem
from portal.extensions import db
from portal.i18n import ko
from portal.signals import stock_changed

from . import RuleViolation

# Ledger reasons (재고이력 구분).
RECEIVED, OUT_REQUESTED, OUT_CANCELLED, OUT_REFUSED, ADJUSTED = (  # stored; shown through REASON_LABELS
    ko("입고완료"), ko("출고신청"), ko("출고취소"), ko("출고거부"), ko("재고조정"))
REASON_LABELS = {RECEIVED: _l("입고완료"), OUT_REQUESTED: _l("출고신청"), OUT_CANCELLED: _l("출고취소"),
                 OUT_REFUSED: _l("출고거부"), ADJUSTED: _l("재고조정")}


class Shortage(RuleViolation):
    """Fewer items available than asked for; carries the item so the page can name it."""

    def __init__(self, item_id: int, message: str):
        super().__init__(message)
        self.item_id = item_id


@dataclass
class Movement:
    ledger: StockLedger
    product_id: int | None


def move(tenant_id: int, item_id: int, change: int, reason: str, ref: str, user, memo: str = "") -> Movement:
    """One movement of 가용재고. A decrease is a conditional update (`available >= n`), so two
    requests racing for the last pieces cannot both win: PostgreSQL re-checks the condition on the
    locked row, SQLite writes one at a time, and the CHECK constraint stands behind both."""
    item = WarehouseItem
    stmt = update(item).where(item.id == item_id, item.tenant_id == tenant_id)
    if change < 0:
        stmt = stmt.where(item.available >= -change)
    stmt = stmt.values(available=item.available + change).returning(
        item.available, item.product_id, item.option_id)
    row = db.session.execute(stmt, execution_options={"synchronize_session": "fetch"}).first()
    if row is None:
        raise Shortage(item_id, _("출고가능수량이 부족합니다."))
    after, product_id, option_id = row
    ledger = StockLedger(tenant_id=tenant_id, item_id=item_id, reason=reason, ref=ref, change=change,
                         before=after - change, after=after, memo=memo,
                         user_id=getattr(user, "id", None), user_name=getattr(user, "name", "") or "")
    db.session.add(ledger)
    _move_product(tenant_id, product_id, option_id, change)
    return Movement(ledger, product_id)


def _move_product(tenant_id: int, product_id, option_id, change: int) -> None:
    """The linked product option (or plain product) moves with the warehouse, never below 0."""
    if option_id:
        model, row_id = ProductOption, option_id
    elif product_id:
        model, row_id = Product, product_id
    else:
        return
    new = model.stock + change
    db.session.execute(update(model).where(model.id == row_id, model.tenant_id == tenant_id)
                       .values(stock=case((new < 0, 0), else_=new)),
                       execution_options={"synchronize_session": False})


def announce(tenant_id: int, movements: list[Movement]) -> None:
    """After the commit: 판매상품관리 pushes the linked products' new stock to the channels."""
    products = sorted({m.product_id for m in movements if m.product_id})
    if products:
        stock_changed.send(current_app._get_current_object(), tenant_id=tenant_id, product_ids=products)


def adjust(tenant_id: int, item_id: int, counted_text: str, memo: str, user) -> Movement:
    """재고조정 by the warehouse (support panel): the counted quantity replaces 가용재고, with a reason."""
    counted = parse_count(counted_text)
    if counted is None:
        raise RuleViolation(_("실사수량은 0 이상의 숫자로 입력해 주세요."))
    if not memo.strip():
        raise RuleViolation(_("재고조정 사유를 입력해 주세요."))
    item = db.session.execute(db.select(WarehouseItem).where(
        WarehouseItem.id == item_id, WarehouseItem.tenant_id == tenant_id).with_for_update()).scalar_one()
    change = counted - item.available
    if change == 0:
        raise RuleViolation(_("실사수량이 가용재고와 같습니다. 조정할 내용이 없습니다."))
    movement = move(tenant_id, item_id, change, ADJUSTED, "", user, memo.strip()[:200])
    db.session.commit()
    announce(tenant_id, [movement])
    return movement


def save_threshold(item: WarehouseItem, text: str, enabled: bool) -> None:
    """재고부족상품개수설정: 입력한 상품수량 이하로 재고가 남은 경우 재고부족."""
    value = parse_count(text)
    if value is None:
        raise RuleViolation(_("재고부족 기준 개수는 0 이상의 숫자로 입력해 주세요."))
    item.low_threshold = value if enabled else None
    db.session.commit()


def parse_count(text) -> int | None:
    text = str(text or "").strip().replace(",", "")
    return int(text) if text.isdigit() and len(text) <= 9 else None
