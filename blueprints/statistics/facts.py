"""What counts as a sale and as a refund: one Fact per order line or claim, from every order source.

- 매출 (sale): a collected order line on its KST order day, and a 수기주문 (typed in or uploaded) on
  the KST day it was registered; the 결제금액 of a manual order is shared among its SKU lines by
  quantity, the remainder going to the first line, so the lines add up to the order to the won.
- 취소/반품 (refund): a completed 취소 or 반품 claim on the KST day of the claim, for the claimed
  quantity (a partial cancel refunds its share of the line); a line cancelled or returned without a
  completed claim row (판매취소) on the day the line last changed; a 수기주문 강제취소 on its
  cancellation day. 교환 moves no money.
- Money stays in its currency: a collected order carries its channel's (won; yen for 라쿠텐, Qoo10 JP and
  Amazon JP); a manual order carries its
  `currency` when it has one (KRW otherwise). Won is never added to another currency here.
"""
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, or_

from models import ChannelOrder, ChannelOrderLine, ManualOrder, ManualOrderLine, OrderClaim, Product
from models.product import ProductOption
from portal.days import utc_bounds
from portal.extensions import db

WON = "KRW"
DONE_CLAIMS = (("CANCEL", "CANCELED"), ("RETURN", "RETURNED"))
REFUND_STATUSES = ("CANCELED", "RETURNED")
MANUAL = "manual"


class Fact(NamedTuple):
    kind: str  # sale / refund
    day: date  # KST
    currency: str
    account: str  # "<channel account id>" or "manual:<platform>"
    order_key: str
    product_id: int | None
    product_name: str
    option: str
    category_code: str
    category_path: str
    address: str
    quantity: int
    amount: int
    # A fact read from the rollups (order_key "") stands for many lines: how many orders it counts once in
    # totals, once per product, once per product and option.
    orders: int = 1
    product_orders: int = 1
    option_orders: int = 1


NINE_HOURS = timedelta(hours=9)


def kst_day(value: datetime) -> date:
    return (value + NINE_HOURS).date()


def share(amount: int, quantities: list[int]) -> list[int]:
    """An amount split by quantity in whole units; the first part takes the remainder."""
    total = sum(quantities)
    if not quantities:
        return []
    if total <= 0:
        return [amount] + [0] * (len(quantities) - 1)
    parts = [amount * q // total for q in quantities]
    parts[0] += amount - sum(parts)
    return parts


def facts(tenant_id: int, start: date, end: date, category: str = "", q: str = "") -> list[Fact]:
    """Every sale and refund of one seller whose KST day lies in [start, end].

    category (a code prefix) and q (a product name search) let the database skip collected order lines
    that cannot match; the caller still filters the facts (what is read is a superset of what matches)."""
    since, until = utc_bounds(start, end)
    narrow = _narrowing(category, q)
    return [*_channel_sales(tenant_id, since, until, narrow), *_channel_refunds(tenant_id, since, until, narrow),
            *_manual_facts(tenant_id, since, until)]


def _narrowing(category: str, q: str) -> list:
    """Conditions on the order line and its product that every line matching the filter meets."""
    out = []
    if category:
        out.append(Product.category_code.startswith(category, autoescape=True))
    if q and db.session.get_bind().dialect.name == "postgresql":  # SQLite's lower() knows ASCII only
        name = func.coalesce(func.nullif(Product.name, ""), ChannelOrderLine.product_name)
        out.append(func.lower(name).contains(q.lower(), autoescape=True))
    return out


def _product_columns():
    return (Product.name, Product.category_code, Product.category_path)


def _channel_sales(tenant_id, since, until, narrow=()):
    line = ChannelOrderLine
    rows = (db.session.query(line.ordered_at, line.account_id, line.order_id, line.product_id, line.product_name,
                             line.option_name, line.quantity, line.amount, ChannelOrder.address, ChannelOrder.currency,
                             *_product_columns())
            .join(ChannelOrder, ChannelOrder.id == line.order_id)
            .outerjoin(Product, Product.id == line.product_id)
            .filter(line.tenant_id == tenant_id, line.account_id.isnot(None), line.ordered_at >= since,
                    line.ordered_at < until, *narrow))
    for at, account, order_id, pid, pname, option, qty, amount, address, currency, name, code, path in rows:
        yield Fact("sale", kst_day(at), currency or WON, str(account), f"c{order_id}", pid, name or pname, option,
                   code or "", path or "", address, qty, amount)


def _channel_refunds(tenant_id, since, until, narrow=()):
    line, claim = ChannelOrderLine, OrderClaim
    done = or_(*[and_(claim.kind == k, claim.status == s) for k, s in DONE_CLAIMS])
    claim_day = db.func.coalesce(claim.requested_at, claim.updated_at)
    base = (db.session.query(line.account_id, line.order_id, line.product_id, line.product_name, line.option_name,
                             line.quantity, line.amount, ChannelOrder.address, ChannelOrder.currency,
                             *_product_columns())
            .join(ChannelOrder, ChannelOrder.id == line.order_id)
            .outerjoin(Product, Product.id == line.product_id)
            .filter(line.account_id.isnot(None), *narrow))  # file orders count as 수기주문 (_manual_facts)
    claimed = (base.add_columns(claim_day, claim.quantity).join(claim, claim.line_id == line.id)
               .filter(claim.tenant_id == tenant_id, done, claim_day >= since, claim_day < until))
    for account, order_id, pid, pname, option, qty, amount, address, currency, name, code, path, at, claimed_qty \
            in claimed:
        part = min(claimed_qty or qty, qty)
        yield Fact("refund", kst_day(at), currency or WON, str(account), f"c{order_id}", pid, name or pname, option,
                   code or "", path or "", address, part, amount if part >= qty else amount * part // max(qty, 1))
    has_claim = db.session.query(claim.id).filter(claim.line_id == line.id, done).exists()
    plain = (base.add_columns(line.updated_at)
             .filter(line.tenant_id == tenant_id, line.status.in_(REFUND_STATUSES), ~has_claim,
                     line.updated_at >= since, line.updated_at < until))
    for account, order_id, pid, pname, option, qty, amount, address, currency, name, code, path, at in plain:
        yield Fact("refund", kst_day(at), currency or WON, str(account), f"c{order_id}", pid, name or pname, option,
                   code or "", path or "", address, qty, amount)


def manual_amount(order):
    """결제금액 of a manual order: 총 결제금액, else 결제금액, else 주문금액 (stored as Decimal in its currency:
    whole amounts as int, a fraction kept)."""
    for value in (order.total_paid, order.paid_amount, order.order_amount):
        if value is not None:
            return int(value) if value == int(value) else value
    return 0


def _manual_facts(tenant_id, since, until):
    mo = ManualOrder
    orders = (db.session.query(mo).filter(mo.tenant_id == tenant_id, or_(
        and_(mo.created_at >= since, mo.created_at < until),
        and_(mo.canceled_at >= since, mo.canceled_at < until))).all())
    if not orders:
        return
    lines: dict[int, list] = {}
    ids = [o.id for o in orders]
    for chunk in range(0, len(ids), 500):
        rows = (db.session.query(ManualOrderLine.order_id, ManualOrderLine.quantity, ManualOrderLine.sku,
                                 ProductOption.values, *_product_columns(), ManualOrderLine.product_id)
                .outerjoin(Product, Product.id == ManualOrderLine.product_id)
                .outerjoin(ProductOption, ProductOption.id == ManualOrderLine.option_id)
                .filter(ManualOrderLine.order_id.in_(ids[chunk:chunk + 500]))
                .order_by(ManualOrderLine.id))
        for row in rows:
            lines.setdefault(row[0], []).append(row[1:])
    for order in orders:
        items = lines.get(order.id) or [(0, "", None, None, "", "", None)]
        amounts = share(manual_amount(order), [i[0] for i in items])
        currency = getattr(order, "currency", None) or WON
        for (qty, sku, option, name, code, path, pid), amount in zip(items, amounts, strict=True):
            common = dict(currency=currency, account=f"{MANUAL}:{order.platform}", order_key=f"m{order.id}",
                          product_id=pid, product_name=name or sku, option=option or "",
                          category_code=code or "", category_path=path or "", address=order.address,
                          quantity=qty, amount=amount)
            if since <= order.created_at < until:
                yield Fact("sale", kst_day(order.created_at), **common)
            if order.canceled_at is not None and since <= order.canceled_at < until:
                yield Fact("refund", kst_day(order.canceled_at), **common)
