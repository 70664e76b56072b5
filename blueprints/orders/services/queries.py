"""Order lists: filters, 처리상태 counts, keyset pages, masked personal data with logged reveals, exports."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import false, func, or_, select, text
from sqlalchemy.orm import joinedload

from models import ChannelOrder, ChannelOrderLine
from models.order import FROM_FILE, FROM_FORM, OrderLineTally
from portal.extensions import db
from portal.security import audit, mask_address, mask_name, mask_phone
from portal.tenancy import tenant_query
from portal.web import kst
from portal.i18n import N_

from . import STAGES, day_range, stage_label, stage_of, status_label, utc_bounds
from .amounts import currency_of, line_amount
from .collection import channel_name
from .couriers import name_of

PER_PAGE = 50
FROM_LABELS = {FROM_FILE: _l("파일 주문"), FROM_FORM: _l("수기주문")}
LINE_LOADS = (joinedload(ChannelOrderLine.order), joinedload(ChannelOrderLine.account))  # no query per row
SEARCH_FIELDS = {"order_no": N_("제휴몰 주문번호"), "product": N_("상품명"), "recipient": N_("수취인명"),
                 "tracking": N_("송장번호"), "seller_code": N_("판매자상품코드")}

# 처리상태 keys as filters: a claim or a finished delivery hides the invoice progress of a line.
NOT_PLAIN = ("DELIVERED", "PURCHASE_DECIDED", "CANCEL_REQUESTED", "CANCELED", "RETURN_REQUESTED", "RETURNED",
             "RETURN_REJECTED", "EXCHANGE_REQUESTED", "EXCHANGED", "EXCHANGE_REJECTED")
INVOICE_STAGES = {"INVOICED": ("pending", "sending"), "SEND_FAILED": ("failed",), "AMBIGUOUS": ("ambiguous",),
                  "SENT": ("sent",), "FORCED": ("forced",)}
UNINVOICED_STAGES = ("NEW", "CONFIRMED", "SHIPPING")


def stage_filter(stage: str):
    """SQL for one 처리상태 key (the inverse of stage_of); stage_matches says the same in Python."""
    line = ChannelOrderLine
    if stage in INVOICE_STAGES:
        return ~line.status.in_(NOT_PLAIN) & line.invoice_state.in_(INVOICE_STAGES[stage])
    if stage in UNINVOICED_STAGES:
        return (line.status == stage) & (line.invoice_state == "")
    return line.status == stage


def stage_matches(stage: str, status: str, invoice_state: str) -> bool:
    if stage in INVOICE_STAGES:
        return status not in NOT_PLAIN and invoice_state in INVOICE_STAGES[stage]
    if stage in UNINVOICED_STAGES:
        return status == stage and invoice_state == ""
    return status == stage


@dataclass
class LineFilter:
    """What a list's filter bar asked for: KST days, channel accounts, 처리상태, 배송업체, search."""

    start: date | None
    end: date | None
    accounts: list[int]
    stages: tuple | None  # the page's own set (판매완료내역), or None for every stage
    stage: str
    courier: str
    field: str
    text: str

    @classmethod
    def from_args(cls, args, default_days: int = 7, stages=None) -> "LineFilter":
        """Raises RuleViolation for a period the seller typed wrong."""
        start = end = None
        if args.get("days") or args.get("from") or args.get("to") or default_days:
            start, end = day_range(args, default_days=default_days or 7)
        stage = args.get("stage", "")
        return cls(start, end, [int(a) for a in args.getlist("account") if a.isdigit()],
                   tuple(stages) if stages else None, stage if stage in STAGES else "",
                   args.get("courier", ""), args.get("field", "order_no"), (args.get("q") or "").strip())

    def allows(self, status: str, invoice_state: str) -> bool:
        if self.stages and not any(stage_matches(s, status, invoice_state) for s in self.stages):
            return False
        return not self.stage or stage_matches(self.stage, status, invoice_state)


def line_query(tenant, flt: LineFilter):
    """The filtered lines of 주문확인/처리 and friends, newest first (by id, for keyset paging).

    Only a 수취인명 search joins the orders; a page loads its orders with the lines.
    """
    query = tenant_query(ChannelOrderLine, tenant)
    if flt.start:
        since, until = utc_bounds(flt.start, flt.end)
        query = query.filter(ChannelOrderLine.ordered_at >= since, ChannelOrderLine.ordered_at < until)
    if flt.accounts:
        query = query.filter(ChannelOrderLine.account_id.in_(flt.accounts))
    if flt.stages:
        query = query.filter(or_(*[stage_filter(s) for s in flt.stages]))
    if flt.stage:
        query = query.filter(stage_filter(flt.stage))
    if flt.courier:
        query = query.filter(ChannelOrderLine.courier_code == flt.courier)
    if flt.text:
        field, value = flt.field, flt.text
        if field == "recipient":
            query = query.join(ChannelOrder, ChannelOrder.id == ChannelOrderLine.order_id)
        column = {"product": ChannelOrderLine.product_name, "recipient": ChannelOrder.recipient_name,
                  "tracking": ChannelOrderLine.tracking_number,
                  "seller_code": ChannelOrderLine.seller_code}.get(field, ChannelOrderLine.channel_order_id)
        query = query.filter(column == value if field in ("order_no", "tracking") else column.contains(value))
    return query


# --- 처리상태 counts -------------------------------------------------------------------------

SETTLE_AT = 500  # trigger rows of a seller, on any day, before a list read folds them
SETTLE_LOCK = 90_091  # advisory lock class: one settling per seller at a time on PostgreSQL


def stage_counts(tenant, flt: LineFilter, query) -> dict[str, int]:
    """Lines per 처리상태 key under the filter; they add up to the list's total.

    Without a search text they come from the tally (a sum over days, not a count over lines); a
    search counts the lines it matched.
    """
    if flt.text:
        rows = (query.with_entities(ChannelOrderLine.status, ChannelOrderLine.invoice_state, func.count())
                .group_by(ChannelOrderLine.status, ChannelOrderLine.invoice_state).order_by(None).all())
    else:
        rows = _tally_rows(tenant, flt)
    counts: dict[str, int] = {}
    for status, invoice_state, count in rows:
        if count and flt.allows(status, invoice_state):
            key = stage_of(status, invoice_state)
            counts[key] = counts.get(key, 0) + int(count)
    if _unsettled(tenant) >= SETTLE_AT:
        settle_tally(tenant.id)
    return counts


def _tally_rows(tenant, flt: LineFilter):
    t = OrderLineTally
    query = tenant_query(t, tenant).with_entities(t.status, t.invoice_state, func.sum(t.n))
    if flt.start:
        query = query.filter(t.day >= flt.start, t.day <= flt.end)
    if flt.accounts:
        query = query.filter(t.account_id.in_(flt.accounts))
    if flt.courier:
        query = query.filter(t.courier_code == flt.courier)
    return query.group_by(t.status, t.invoice_state).all()


def _unsettled(tenant) -> int:
    """A seller's trigger rows not yet folded, counted up to SETTLE_AT through the partial index of them."""
    t = OrderLineTally
    rows = tenant_query(t, tenant).filter(t.settled == false()).with_entities(t.id).limit(SETTLE_AT).subquery()
    return db.session.scalar(select(func.count()).select_from(rows))


SETTLE_POSTGRESQL = """
WITH gone AS (
    DELETE FROM order_line_tally WHERE tenant_id = :tenant AND day IN (
        SELECT day FROM order_line_tally WHERE tenant_id = :tenant AND NOT settled)
    RETURNING tenant_id, account_id, day, status, invoice_state, courier_code, n)
INSERT INTO order_line_tally (tenant_id, account_id, day, status, invoice_state, courier_code, n, settled)
SELECT tenant_id, account_id, day, status, invoice_state, courier_code, sum(n), true FROM gone
GROUP BY tenant_id, account_id, day, status, invoice_state, courier_code HAVING sum(n) <> 0
"""
TALLY_KEY = ("account_id", "day", "status", "invoice_state", "courier_code")


def settle_tally(tenant_id: int) -> None:
    """Fold a seller's trigger rows into one settled row per key on every day that has any.

    Exact under concurrent writes: only the rows this statement deleted are summed back, and line
    writers only ever append.
    """
    if db.engine.dialect.name == "postgresql":
        if db.session.scalar(text("SELECT pg_try_advisory_xact_lock(:cls, :tenant)"),
                             {"cls": SETTLE_LOCK, "tenant": tenant_id}):
            db.session.execute(text(SETTLE_POSTGRESQL), {"tenant": tenant_id})
    else:  # SQLite: the DELETE takes the one write lock first, so the sums are of exactly these rows
        gone = db.session.execute(text(
            f"DELETE FROM order_line_tally WHERE tenant_id = :tenant AND day IN (SELECT day FROM "
            f"order_line_tally WHERE tenant_id = :tenant AND settled = 0) RETURNING {', '.join(TALLY_KEY)}, n"),
            {"tenant": tenant_id}).all()
        sums: dict[tuple, int] = {}
        for *key, n in gone:
            sums[tuple(key)] = sums.get(tuple(key), 0) + n
        rows = [{"tenant": tenant_id, **dict(zip(TALLY_KEY, key)), "n": n} for key, n in sums.items() if n]
        if rows:
            db.session.execute(text(
                f"INSERT INTO order_line_tally (tenant_id, {', '.join(TALLY_KEY)}, n, settled) "
                f"VALUES (:tenant, {', '.join(':' + k for k in TALLY_KEY)}, :n, 1)"), rows)
    db.session.commit()


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
    if total == 0:  # nothing to walk the index for (a rare filter would read every line to find none)
        return Page([], 0, None, not after)
    if after:
        query = query.filter(column < after)
    # The page's ids first, then its rows: the ids alone come from an index that also holds the list
    # filters' columns (ix_order_line_tenant_id), without visiting the rows a filter turns away.
    ids = query.with_entities(column).order_by(column.desc()).limit(per_page + 1).subquery()
    items = query.filter(column.in_(select(ids.c[0]))).options(*options).order_by(column.desc()).all()
    more = len(items) > per_page
    items = items[:per_page]
    return Page(items, total, items[-1].id if more and items else None, not after)


def account_label(line) -> str:
    """계정 of a line: the channel account's alias, or where a file or 수기주문 order came from."""
    if line.account is not None:
        return line.account.alias
    return str(FROM_LABELS.get(line.order.source, FROM_LABELS[FROM_FILE]))


# --- personal data -------------------------------------------------------------------------

def may_reveal(user) -> bool:
    return bool(user.is_master or "logistics" in user.duties)


def reveal_requested(args, where: str, count: int) -> bool:
    """개인정보 보기: only for permitted users, and every reveal is written to the audit log."""
    if args.get("reveal") != "1" or not may_reveal(current_user):
        return False
    audit(N_("개인정보조회"), tenant_id=current_user.tenant_id, detail=_("%(where)s: 수취인 정보 %(count)s건 보기",
                                                               where=where, count=count))
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


EXPORT_HEADERS = [N_("주문일시"), N_("제휴몰"), N_("계정"), N_("제휴몰 주문번호"), N_("라인번호"), N_("처리상태"),
                  N_("상품명"), N_("옵션"), N_("수량"), N_("금액"), N_("통화"), N_("판매자상품코드"), N_("택배사"),
                  N_("송장번호"), N_("수취인"), N_("연락처"), N_("주소")]


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
            yield [kst(x.ordered_at), channel_name(x.channel), account_label(x), x.channel_order_id,
                   x.channel_line_id, stage_label(x), x.product_name, x.option_name, x.quantity, x.amount,
                   currency_of(x), x.seller_code, name_of(x.courier_code) if x.courier_code else "", x.tracking_number,
                   p.name, p.phone, p.address]


__all__ = ["LineFilter", "Person", "account_label", "currency_of", "line_amount", "keyset_page", "line_query", "settle_tally", "stage_counts",
           "status_label"]
