"""재고 연동 rules: sellable stock, safety buffers per listing or account, versions and what owes a push."""
import math

from flask_babel import gettext
from sqlalchemy import update

from models import Listing, Product, StockBuffer
from models.listing import LIVE
from models.product import ON_SALE
from portal.extensions import db
from portal.i18n import N_
from portal.tenancy import tenant_query

from blueprints.products.services import RuleViolation

BUFFER_KINDS = {"none": N_("없음"), "fixed": N_("고정 수량"), "percent": N_("비율(%%)")}  # shown through the template's _(), which formats
MSG_BUFFER = N_("안전재고는 고정 수량 0~99,999개 또는 비율 0~99%로 입력해 주세요.")


def sellable(product: Product) -> int:
    """판매가능 stock: a 판매불가 product sells nothing; options count only when 판매가능."""
    if product.status != ON_SALE or product.deleted_at is not None:
        return 0
    if product.options:
        return sum(max(0, o.stock) for o in product.options if o.status == ON_SALE)
    return max(0, product.stock)


def option_stock(product: Product) -> dict[str, int]:
    if product.status != ON_SALE:
        return {o.values: 0 for o in product.options}
    return {o.values: max(0, o.stock) if o.status == ON_SALE else 0 for o in product.options}


def buffer_of(listing: Listing) -> tuple[str, int]:
    """The listing's own buffer, else its account's, else none."""
    if listing.buffer_kind:
        return listing.buffer_kind, listing.buffer_value
    row = db.session.query(StockBuffer).filter_by(tenant_id=listing.tenant_id,
                                                  account_id=listing.account_id).one_or_none()
    return (row.kind, row.value) if row else ("none", 0)


def buffer_label(kind: str, value: int) -> str:
    if kind == "fixed" and value:
        return gettext("%(n)s개", n=value)
    if kind == "percent" and value:
        return f"{value}%"
    return ""


def apply_buffer(quantity: int, kind: str, value: int) -> int:
    """Hold back N units or N % (rounded up, so a channel sells out first); never below 0."""
    quantity = max(0, int(quantity))
    if kind == "fixed":
        quantity -= value
    elif kind == "percent":
        quantity -= math.ceil(quantity * value / 100)
    return max(0, quantity)


def parse_buffer(kind: str, value_text) -> tuple[str | None, int]:
    kind = kind or "none"
    if kind not in BUFFER_KINDS and kind != "inherit":
        raise RuleViolation(gettext(MSG_BUFFER))
    if kind in ("none", "inherit"):
        return (None if kind == "inherit" else "none"), 0
    try:
        value = int(str(value_text).strip())
    except (TypeError, ValueError):
        raise RuleViolation(gettext(MSG_BUFFER)) from None
    if value < 0 or (kind == "percent" and value > 99) or value > 99_999:
        raise RuleViolation(gettext(MSG_BUFFER))
    return kind, value


def save_account_buffer(tenant, account, kind: str, value_text) -> StockBuffer:
    kind, value = parse_buffer(kind, value_text)
    row = db.session.query(StockBuffer).filter_by(tenant_id=tenant.id, account_id=account.id).one_or_none()
    row = row or StockBuffer(tenant_id=tenant.id, account_id=account.id)
    row.kind, row.value = kind or "none", value
    db.session.add(row)
    db.session.commit()
    return row


def pushes_for(listing: Listing) -> list[tuple[str, int, str]]:
    """(channel stock key, quantity, label) for each stock key the channel gave this listing.

    A key named after an option gets that option's stock; a single unnamed key (channels that
    keep one stock per product) gets the whole sellable stock. Each key gets the buffer.
    """
    kind, value = buffer_of(listing)
    per_option = option_stock(listing.product)
    total = sellable(listing.product)
    everything = gettext("전체")  # the label of a key that holds the whole product's stock
    out = []
    for key in listing.stock_keys or []:
        option = key.get("option") or ""
        qty = per_option.get(option, total) if option else total
        out.append((str(key["id"]), apply_buffer(qty, kind, value), option or everything))
    return out


def bump_versions(tenant_id: int, product_ids) -> list[int]:
    """A stock change happened: every live listing of these products now owes the channel a push. One query
    for all the products (an upload moves hundreds at once), and one update when any is listed; the
    listings' ids, in id order."""
    ids = sorted(id_ for (id_,) in tenant_query(Listing, tenant_id).filter(
        Listing.product_id.in_(list(product_ids)), Listing.status == LIVE).with_entities(Listing.id))
    if ids:
        db.session.execute(update(Listing).where(Listing.id.in_(ids)).values(stock_seq=Listing.stock_seq + 1)
                           .execution_options(synchronize_session=False))
        db.session.commit()
    return ids


def bump_stale() -> dict[int, list[int]]:
    """Live listings whose channel quantity differs from what it should be, per tenant; each now owes a push.

    Catches stock edited where no signal is sent (bulk modify, form edits, orders) and pushes
    that failed earlier.
    """
    stale: dict[int, list[int]] = {}
    for listing in db.session.query(Listing).filter(Listing.status == LIVE).yield_per(500):
        wanted = [q for _, q, _ in pushes_for(listing)]
        if wanted and (listing.pushed_qty is None or listing.pushed_seq < listing.stock_seq
                       or sum(wanted) != listing.pushed_qty):
            stale.setdefault(listing.tenant_id, []).append(listing.id)
    for ids in stale.values():
        db.session.query(Listing).filter(Listing.id.in_(ids)).update(
            {Listing.stock_seq: Listing.stock_seq + 1}, synchronize_session=False)
        db.session.commit()
    return stale
