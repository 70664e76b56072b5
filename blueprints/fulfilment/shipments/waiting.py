"""대기목록: bringing order lines of every source in, and what the seller does to a waiting line
(edit recipient data, 보류, delete to 삭제목록, restore).

Sources: 수기주문 / uploaded orders (every line of a ManualOrder not 강제취소) and the collected lines of
channel accounts with "배송관리로 보내기" (ChannelAccount.fulfilment_enabled) in 신규주문 / 발주확인.
A line enters once (unique source references); bringing in again adds only what is new.
"""
from decimal import Decimal
from types import SimpleNamespace

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from models import (ChannelAccount, ChannelOrder, ChannelOrderLine, FulfilmentOrder, ManualOrder, ManualOrderLine,
                    Product)
from models.base import utcnow
from models.fulfilment_order import SOURCE_CHANNEL, SOURCE_MANUAL
from portal.extensions import db
from portal.i18n import ko, N_
from portal.services.bulk_sql import insert_rows
from portal.tenancy import tenant_query

from ..sku_master import matching
from . import line_history

CHANNEL_STATUSES = ("NEW", "CONFIRMED")
EDITABLE_FIELDS = ("recipient_name", "recipient_kana", "recipient_name_en", "recipient_phone", "recipient_mobile",
                   "zip_code", "address", "address_detail", "address_en", "message", "cart_no", "memo")
LIMITS = {"recipient_name": 100, "recipient_kana": 100, "recipient_name_en": 100, "recipient_phone": 30,
          "recipient_mobile": 30, "zip_code": 10, "address": 300, "address_detail": 200, "address_en": 300,
          "message": 300, "cart_no": 80, "memo": 300}
CHUNK = 2000


class Refused(Exception):
    """An action refused, in the seller's words."""


def waiting(tenant):
    return (tenant_query(FulfilmentOrder, tenant)
            .filter(FulfilmentOrder.shipment_id.is_(None), FulfilmentOrder.deleted_at.is_(None)))


# What bring_in reads of an uploaded / typed order and its line (plain columns: no ORM object per line).
MANUAL_COLUMNS = (ManualOrder.id.label("order_id"), ManualOrderLine.id.label("line_id"), ManualOrder.platform,
                  ManualOrder.order_no, ManualOrder.order_date, ManualOrder.country, ManualOrder.recipient_name,
                  ManualOrder.recipient_phone, ManualOrder.zip_code, ManualOrder.address, ManualOrder.address_detail,
                  ManualOrder.message, ManualOrder.buyer_name, ManualOrder.product_url, ManualOrder.currency,
                  ManualOrderLine.product_name, Product.name.label("catalogue_name"), ManualOrderLine.option_name,
                  ManualOrderLine.sku, ManualOrderLine.quantity, ManualOrderLine.unit_price,
                  ManualOrderLine.line_amount)


def _manual_row(tenant_id: int, r, now) -> dict:
    amount = r.line_amount
    if amount is None and r.unit_price is not None:
        amount = r.unit_price * r.quantity
    return dict(tenant_id=tenant_id, source=SOURCE_MANUAL, manual_order_id=r.order_id, manual_line_id=r.line_id,
                channel=r.platform[:50], order_no=r.order_no[:80], cart_no=r.order_no[:80],
                ordered_at=r.order_date, country=r.country or "JP", recipient_name=r.recipient_name,
                recipient_phone=r.recipient_phone, zip_code=r.zip_code, address=r.address,
                address_detail=r.address_detail, message=r.message, buyer_name=r.buyer_name[:100],
                product_name=r.product_name or r.catalogue_name or "", option_name=r.option_name,
                seller_code=r.sku[:220], option_code="", item_code="", product_url=r.product_url,
                quantity=r.quantity, unit_price=r.unit_price, amount=amount, currency=r.currency or "KRW",
                created_at=now, updated_at=now)


def _channel_row(line: ChannelOrderLine, order: ChannelOrder) -> dict:
    return dict(tenant_id=line.tenant_id, source=SOURCE_CHANNEL, channel_line_id=line.id, account_id=line.account_id,
                channel=line.channel[:50], order_no=(line.channel_line_id or line.channel_order_id)[:80],
                cart_no=(line.ship_unit_id or line.channel_order_id)[:80], ordered_at=line.ordered_at,
                country="JP", recipient_name=order.recipient_name, recipient_phone=order.recipient_phone,
                zip_code=order.zip_code, address=order.address, address_detail=order.address_detail,
                message=order.delivery_message, buyer_name=order.buyer_name, product_name=line.product_name,
                option_name=line.option_name, option_code="", seller_code=line.seller_code,
                item_code=line.channel_product_id, quantity=line.quantity, unit_price=Decimal(line.unit_price),
                amount=Decimal(line.amount), currency="JPY" if line.channel.lower().endswith("jp") else "KRW",
                created_at=utcnow(), updated_at=utcnow())


def drop_cancelled(tenant) -> int:
    """Waiting lines whose source order was cancelled since (수기주문 강제취소, a channel's 취소) go to
    삭제목록 with that reason; returns how many."""
    cancelled_manual = db.session.query(ManualOrder.id).filter(ManualOrder.tenant_id == tenant.id,
                                                               ManualOrder.canceled_at.isnot(None))
    cancelled_lines = db.session.query(ChannelOrderLine.id).filter(
        ChannelOrderLine.tenant_id == tenant.id, ChannelOrderLine.status.in_(("CANCEL_REQUESTED", "CANCELED")))
    gone = waiting(tenant).filter(FulfilmentOrder.manual_order_id.in_(cancelled_manual)
                                  | FulfilmentOrder.channel_line_id.in_(cancelled_lines))
    # the stored delete reason, kept as written like the reasons sellers type (ko)
    count = gone.update({FulfilmentOrder.deleted_at: utcnow(), FulfilmentOrder.delete_reason: ko("주문 취소")},
                        synchronize_session=False)
    db.session.commit()
    return count


def bring_in(tenant) -> int:
    """Add every source line not yet in 배송관리 to 대기목록, SKU-matched; returns how many were added.
    Lines whose order was cancelled meanwhile leave 대기목록 for 삭제목록 (drop_cancelled)."""
    drop_cancelled(tenant)
    added = 0
    taken_manual = db.session.query(FulfilmentOrder.manual_line_id).filter(
        FulfilmentOrder.tenant_id == tenant.id, FulfilmentOrder.manual_line_id.isnot(None))
    manual = (db.session.query(*MANUAL_COLUMNS)
              .join(ManualOrderLine, ManualOrderLine.order_id == ManualOrder.id)
              .outerjoin(Product, Product.id == ManualOrderLine.product_id)
              .filter(ManualOrder.tenant_id == tenant.id, ManualOrder.canceled_at.is_(None),
                      ManualOrderLine.id.notin_(taken_manual)).order_by(ManualOrderLine.id))
    now = utcnow()
    rows = [_manual_row(tenant.id, r, now) for r in manual]
    taken_channel = db.session.query(FulfilmentOrder.channel_line_id).filter(
        FulfilmentOrder.tenant_id == tenant.id, FulfilmentOrder.channel_line_id.isnot(None))
    collected = (db.session.query(ChannelOrderLine, ChannelOrder)
                 .join(ChannelOrder, ChannelOrder.id == ChannelOrderLine.order_id)
                 .join(ChannelAccount, ChannelAccount.id == ChannelOrderLine.account_id)
                 .filter(ChannelOrderLine.tenant_id == tenant.id, ChannelAccount.fulfilment_enabled.is_(True),
                         ChannelOrderLine.status.in_(CHANNEL_STATUSES),
                         ChannelOrderLine.id.notin_(taken_channel)).order_by(ChannelOrderLine.id))
    rows += [_channel_row(line, order) for line, order in collected]
    matcher = matching.Matcher(tenant.id)
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i:i + CHUNK]
        probes = [SimpleNamespace(**row) for row in chunk]  # what matching reads; written in one statement
        matcher.load(probes)
        for row, probe in zip(chunk, probes):
            result = matcher.match(probe)
            row.update(sku_code=result.code[:220], match_state=result.state, sku_id=result.sku_id, held=False,
                       delete_reason="", memo="", recipient_kana="", recipient_name_en="", recipient_mobile="",
                       address_en="")
        # one statement (PostgreSQL: a binary COPY): the ORM would write a self-referencing table row by row
        insert_rows(db.session, FulfilmentOrder.__table__, chunk)
        try:
            db.session.commit()
        except IntegrityError:  # another request brought the same lines in at the same moment
            db.session.rollback()
            return added
        added += len(chunk)
    return added


def _rows(tenant, ids, *, shipped_ok: bool = False):
    ids = [int(i) for i in ids if str(i).isdigit()]
    if not ids:
        raise Refused(_("주문을 선택해 주세요."))
    query = tenant_query(FulfilmentOrder, tenant).filter(FulfilmentOrder.id.in_(ids))
    if not shipped_ok:
        query = query.filter(FulfilmentOrder.shipment_id.is_(None))
    return query.all()


def check_fields(values: dict, required: tuple[str, ...]) -> None:
    """Refused with every reason at once: a field past its length, a required one left empty, an English
    name in other letters."""
    reasons = []
    for field, value in values.items():
        if len(value) > LIMITS[field]:
            reasons.append(_("%(field)s은(는) %(n)s자 이내로 입력해 주세요.", field=_(FIELD_LABELS[field]), n=LIMITS[field]))
    for field in required:
        if field in values and not values[field]:
            reasons.append(_("%(field)s을(를) 입력해 주세요.", field=_(FIELD_LABELS[field])))
    if values.get("recipient_name_en") and not values["recipient_name_en"].isascii():
        reasons.append(_("영문 이름은 영문으로 입력해 주세요."))
    if reasons:
        raise Refused(" / ".join(reasons))


def edit(tenant, user, row: FulfilmentOrder, form) -> None:
    """수정: recipient data (요미가나, English name), 장바구니번호 (same number merges, another splits), memo."""
    if not row.is_waiting:
        raise Refused(_("대기목록의 주문만 수정할 수 있습니다."))
    values = {f: (form.get(f) or "").strip() for f in EDITABLE_FIELDS if f in form}
    check_fields(values, required=("recipient_name", "address", "cart_no"))
    line_history.note_fields(row, values, user)
    for field, value in values.items():
        setattr(row, field, value)
    row.updated_by_id = user.id
    db.session.commit()


def set_cart(tenant, user, ids, cart_no: str) -> int:
    """장바구니번호 변경: the same number merges carts (합배송), a new number splits a cart (분할발송)."""
    cart_no = (cart_no or "").strip()
    if not cart_no or len(cart_no) > 80:
        raise Refused(_("장바구니번호를 80자 이내로 입력해 주세요."))
    rows = _rows(tenant, ids)
    for row in rows:
        line_history.note_fields(row, {"cart_no": cart_no}, user)
        row.cart_no, row.updated_by_id = cart_no, user.id
    db.session.commit()
    return len(rows)


def hold(tenant, user, ids, reason: str, on: bool = True) -> int:
    """보류 (or 보류 해제): held lines stay listed and 배송접수 skips them."""
    reason = (reason or "").strip()
    if on and not reason:
        raise Refused(_("보류 사유를 입력해 주세요."))
    rows = [r for r in _rows(tenant, ids) if r.deleted_at is None]
    for row in rows:
        if row.held != on or (on and row.hold_reason != reason[:200]):
            line_history.note(row, line_history.HELD, row.hold_reason if row.held else "", reason if on else "", user)
        row.held, row.hold_reason = on, reason[:200] if on else ""
        row.held_at, row.held_by_id = (utcnow(), user.id) if on else (None, None)
    db.session.commit()
    return len(rows)


def delete(tenant, user, ids, reason: str = "") -> int:
    """삭제: to 삭제목록, restorable."""
    rows = [r for r in _rows(tenant, ids) if r.deleted_at is None]
    for row in rows:
        line_history.note(row, line_history.DELETED, "", (reason or "").strip(), user)
        row.deleted_at, row.deleted_by_id, row.delete_reason = utcnow(), user.id, (reason or "").strip()[:200]
    db.session.commit()
    return len(rows)


def restore(tenant, user, ids) -> int:
    """복구 from 삭제목록 back to 대기목록."""
    rows = [r for r in _rows(tenant, ids) if r.deleted_at is not None]
    for row in rows:
        line_history.note(row, line_history.RESTORED, row.delete_reason, "", user)
        row.deleted_at, row.deleted_by_id, row.delete_reason, row.updated_by_id = None, None, "", user.id
    db.session.commit()
    return len(rows)


FIELD_LABELS = {"recipient_name": N_("받는사람"), "recipient_kana": N_("요미가나"),
                "recipient_name_en": N_("영문 이름"), "recipient_phone": N_("전화번호"),
                "recipient_mobile": N_("휴대전화"), "zip_code": N_("우편번호"), "address": N_("주소"),
                "address_detail": N_("상세주소"), "address_en": N_("영문 주소"), "message": N_("배송메시지"),
                "cart_no": N_("장바구니번호"), "memo": N_("메모")}
