"""Order lines matched to products (by 자체상품코드, else by the account's listing of either channel
product number): collected orders take stock, cancelled ones give it back.

Both happen in the transaction that stores the line or its 취소완료, so a worker that dies between
the two can never leave the stock unmoved: either the line and its stock change are there, or neither.
"""
from flask import current_app
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from models import ChannelOrderLine, Listing, Product
from portal.extensions import db
from portal.signals import stock_changed


def _matching_products(tenant_id: int, codes: set[str]) -> dict[str, Product]:
    if not codes:
        return {}
    rows = (db.session.query(Product)
            .filter(Product.tenant_id == tenant_id, Product.own_code.in_(codes), Product.deleted_at.is_(None))
            .all())
    return {p.own_code: p for p in rows}


def _move(product: Product, line: ChannelOrderLine, delta: int) -> bool:
    """Change the stock of the product (or its option named like the line's option)."""
    if product.options:
        option = next((o for o in product.options if o.values and o.values == line.option_name), None)
        if option is None:
            return False
        option.stock = max(0, option.stock + delta)
        return True
    product.stock = max(0, product.stock + delta)
    return True


def _listed_products(tenant_id: int, lines) -> dict[tuple[int, str], Product]:
    """(account, channel product number) → product, for lines no 자체상품코드 matched: a listing
    keeps one of the channel's numbers (스마트스토어: the origin number, its lines both)."""
    numbers = {n for x in lines for n in (x.channel_product_id, x.origin_product_id) if n}
    if not numbers:
        return {}
    rows = (db.session.query(Listing.account_id, Listing.channel_product_id, Product)
            .join(Product, Product.id == Listing.product_id)
            .filter(Listing.tenant_id == tenant_id, Listing.channel_product_id.in_(numbers),
                    Listing.account_id.in_({x.account_id for x in lines}),
                    Product.deleted_at.is_(None)).all())
    return {(account_id, number): product for account_id, number, product in rows}


def take_stock(tenant_id: int, line_ids: list[int]) -> set[int]:
    """New lines: link them to their product and lower its stock, in the caller's transaction.

    Returns the products touched; announce them with `announce()` once the caller has committed."""
    if not line_ids:
        return set()
    lines = db.session.query(ChannelOrderLine).filter(ChannelOrderLine.id.in_(line_ids)).all()
    products = _matching_products(tenant_id, {x.seller_code for x in lines if x.seller_code})
    listed = _listed_products(tenant_id, [x for x in lines if x.seller_code not in products])
    touched = set()
    for line in lines:
        product = products.get(line.seller_code) or next(
            (listed[(line.account_id, n)] for n in (line.channel_product_id, line.origin_product_id)
             if (line.account_id, n) in listed), None)
        if product is None or line.status in ("CANCELED",):
            continue
        line.product_id = product.id
        if _move(product, line, -line.quantity):
            touched.add(product.id)
    return touched


@event.listens_for(Session, "before_flush")
def _give_back_on_cancel(session, _context, _instances) -> None:
    """A matched line that becomes 취소완료 gives its quantity back in the same flush, whichever
    job or screen cancelled it."""
    for line in list(session.dirty):
        if not isinstance(line, ChannelOrderLine) or line.product_id is None:
            continue
        state = inspect(line)
        history = state.attrs.status.history
        if not (history.added and history.added[-1] == "CANCELED") or "CANCELED" in (history.deleted or ()):
            continue
        with session.no_autoflush:
            if not history.deleted and state.persistent:
                # set after a commit expired it: the old status was never loaded, so read the stored one
                stored = session.scalar(db.select(ChannelOrderLine.status).where(ChannelOrderLine.id == line.id))
                if stored == "CANCELED":
                    continue
            product = session.get(Product, line.product_id)
            if product is not None:
                _move(product, line, line.quantity)


def products_of(line_ids: list[int]) -> set[int]:
    """The matched products of some lines (whose stock moved with them)."""
    if not line_ids:
        return set()
    return set(db.session.scalars(db.select(ChannelOrderLine.product_id).where(
        ChannelOrderLine.id.in_(line_ids), ChannelOrderLine.product_id.isnot(None))))


def announce(tenant_id: int, product_ids: set[int]) -> None:
    """After the commit: listeners (stock sync to the channels) hear which products' stock moved, all of them
    in one signal."""
    if product_ids:
        stock_changed.send(current_app._get_current_object(), tenant_id=tenant_id, product_ids=sorted(product_ids))


def announce_cancelled(tenant_id: int, line_ids: list[int]) -> set[int]:
    """After committing 취소완료 of these lines: announce the products their stock went back to."""
    touched = products_of(line_ids)
    announce(tenant_id, touched)
    return touched
