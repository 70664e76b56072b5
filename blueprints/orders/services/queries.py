"""Order lists: filters, 처리상태 counts, keyset pages, masked personal data with logged reveals, exports."""
from dataclasses import dataclass

from flask_login import current_user
from sqlalchemy import func, or_
from sqlalchemy.orm import joinedload

from models import ChannelOrder, ChannelOrderLine
from portal.extensions import db
from portal.security import audit, mask_address, mask_name, mask_phone
from portal.tenancy import tenant_query
from portal.web import kst

from . import STAGES, day_range, stage_label, stage_of, status_label, utc_bounds
from .collection import channel_name
from .couriers import name_of

PER_PAGE = 50
LINE_LOADS = (joinedload(ChannelOrderLine.order), joinedload(ChannelOrderLine.account))  # no query per row
SEARCH_FIELDS = {"order_no": "제휴몰 주문번호", "product": "상품명", "recipient": "수취인명",
                 "tracking": "송장번호", "seller_code": "판매자상품코드"}


def stage_filter(stage: str):
    """SQL for one 처리상태 key (the inverse of stage_of)."""
    line = ChannelOrderLine
    invoice = {"INVOICED": ("pending", "sending"), "SEND_FAILED": ("failed",), "AMBIGUOUS": ("ambiguous",),
               "SENT": ("sent",), "FORCED": ("forced",)}
    plain = ~line.status.in_(["DELIVERED", "PURCHASE_DECIDED", "CANCEL_REQUESTED", "CANCELED", "RETURN_REQUESTED",
                              "RETURNED", "RETURN_REJECTED", "EXCHANGE_REQUESTED", "EXCHANGED",
                              "EXCHANGE_REJECTED"])
    if stage in invoice:
        return plain & line.invoice_state.in_(invoice[stage])
    if stage in ("NEW", "CONFIRMED", "SHIPPING"):
        return (line.status == stage) & (line.invoice_state == "")
    return line.status == stage


def line_query(tenant, args, default_days: int = 7, stages=None):
    """The filtered lines of 주문확인/처리 and friends, newest first (by id, for keyset paging).

    Only a 수취인명 search joins the orders: counts and pages otherwise read the line table (and its
    (tenant_id, ordered_at, status, invoice_state) index) alone; a page loads its orders with the lines.
    """
    query = tenant_query(ChannelOrderLine, tenant)
    if args.get("days") or args.get("from") or args.get("to") or default_days:
        start, end = day_range(args, default_days=default_days or 7)
        since, until = utc_bounds(start, end)
        query = query.filter(ChannelOrderLine.ordered_at >= since, ChannelOrderLine.ordered_at < until)
    accounts = [int(a) for a in args.getlist("account") if a.isdigit()]
    if accounts:
        query = query.filter(ChannelOrderLine.account_id.in_(accounts))
    if stages:
        query = query.filter(or_(*[stage_filter(s) for s in stages]))
    stage = args.get("stage", "")
    if stage in STAGES:
        query = query.filter(stage_filter(stage))
    courier = args.get("courier", "")
    if courier:
        query = query.filter(ChannelOrderLine.courier_code == courier)
    text = (args.get("q") or "").strip()
    if text:
        field = args.get("field", "order_no")
        if field == "recipient":
            query = query.join(ChannelOrder, ChannelOrder.id == ChannelOrderLine.order_id)
        column = {"product": ChannelOrderLine.product_name, "recipient": ChannelOrder.recipient_name,
                  "tracking": ChannelOrderLine.tracking_number,
                  "seller_code": ChannelOrderLine.seller_code}.get(field, ChannelOrderLine.channel_order_id)
        query = query.filter(column == text if field in ("order_no", "tracking") else column.contains(text))
    return query


def stage_counts(query) -> dict[str, int]:
    rows = (query.with_entities(ChannelOrderLine.status, ChannelOrderLine.invoice_state, func.count())
            .group_by(ChannelOrderLine.status, ChannelOrderLine.invoice_state).order_by(None).all())
    counts: dict[str, int] = {}
    for status, invoice_state, count in rows:
        key = stage_of(status, invoice_state)
        counts[key] = counts.get(key, 0) + count
    return counts


@dataclass
class Page:
    items: list
    total: int
    next_after: int | None
    first: bool


def keyset_page(query, args, per_page: int = PER_PAGE, column=ChannelOrderLine.id, total: int | None = None,
                options=()) -> Page:
    """Keyset paging: `after` is the last id seen; page N costs the same as page 1.

    total may be passed when the caller already counted (the 처리상태 counts add up to it).
    """
    if total is None:
        total = query.order_by(None).count()
    after = args.get("after", type=int)
    if after:
        query = query.filter(column < after)
    items = query.options(*options).order_by(column.desc()).limit(per_page + 1).all()
    more = len(items) > per_page
    items = items[:per_page]
    return Page(items, total, items[-1].id if more and items else None, not after)


# --- personal data -------------------------------------------------------------------------

def may_reveal(user) -> bool:
    return bool(user.is_master or "logistics" in user.duties)


def reveal_requested(args, where: str, count: int) -> bool:
    """개인정보 보기: only for permitted users, and every reveal is written to the audit log."""
    if args.get("reveal") != "1" or not may_reveal(current_user):
        return False
    audit("개인정보조회", tenant_id=current_user.tenant_id, detail=f"{where}: 수취인 정보 {count}건 보기")
    db.session.commit()
    return True


class Person:
    """Recipient fields as a list shows them: masked unless revealed."""

    def __init__(self, order: ChannelOrder, reveal: bool):
        self.o, self.reveal = order, reveal

    @property
    def name(self):
        return self.o.recipient_name if self.reveal else mask_name(self.o.recipient_name)

    @property
    def phone(self):
        return self.o.recipient_phone if self.reveal else mask_phone(self.o.recipient_phone)

    @property
    def address(self):
        full = f"({self.o.zip_code}) {self.o.address} {self.o.address_detail}".strip()
        return full if self.reveal else mask_address(f"{self.o.address} {self.o.address_detail}")


EXPORT_HEADERS = ["주문일시", "제휴몰", "계정", "제휴몰 주문번호", "라인번호", "처리상태", "상품명", "옵션", "수량",
                  "금액", "판매자상품코드", "택배사", "송장번호", "수취인", "연락처", "주소"]


def export_rows(query, reveal: bool):
    after = None
    while True:  # keyset batches: the last batch of a large download costs what the first does
        part = query.filter(ChannelOrderLine.id < after) if after else query
        batch = part.options(*LINE_LOADS).order_by(ChannelOrderLine.id.desc()).limit(1000).all()
        if not batch:
            return
        after = batch[-1].id
        for x in batch:
            p = Person(x.order, reveal)
            yield [kst(x.ordered_at), channel_name(x.channel), x.account.alias, x.channel_order_id,
                   x.channel_line_id, stage_label(x), x.product_name, x.option_name, x.quantity, x.amount,
                   x.seller_code, name_of(x.courier_code) if x.courier_code else "", x.tracking_number,
                   p.name, p.phone, p.address]


__all__ = ["Person", "keyset_page", "line_query", "stage_counts", "status_label"]
