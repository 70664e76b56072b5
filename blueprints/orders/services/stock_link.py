"""Order lines matched to products by their listing or 판매자상품코드: collected orders take stock, cancelled ones give it back."""
from flask import current_app

from sqlalchemy import or_

from models import ChannelOrderLine, Listing, Product
from portal.extensions import db
from portal.signals import stock_changed


def _matching_products(tenant_id: int, lines: list[ChannelOrderLine]) -> dict[int, Product]:
    """Line id → product: the listing the line was sold through, else its 판매자상품코드 read as
    the product's 자체상품코드 or 상품코드."""
    keys = {(x.account_id, x.channel_product_id) for x in lines if x.channel_product_id}
    listed = {}
    if keys:
        rows = (db.session.query(Listing.account_id, Listing.channel_product_id, Listing.product_id)
                .filter(Listing.tenant_id == tenant_id,
                        Listing.channel_product_id.in_({k[1] for k in keys})).all())
        listed = {(a, c): p for a, c, p in rows}
    codes = {x.seller_code for x in lines if x.seller_code}
    products, by_code = {}, {}
    if codes or listed:
        rows = (db.session.query(Product)
                .filter(Product.tenant_id == tenant_id, Product.deleted_at.is_(None),
                        or_(Product.own_code.in_(codes), Product.code.in_(codes),
                            Product.id.in_(set(listed.values()))))
                .all())
        products = {p.id: p for p in rows}
        by_code = {p.code: p for p in rows} | {p.own_code: p for p in rows if p.own_code}
    found = {}
    for line in lines:
        product = products.get(listed.get((line.account_id, line.channel_product_id)))
        found[line.id] = product or by_code.get(line.seller_code)
    return found


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


def take_stock(tenant_id: int, line_ids: list[int]) -> set[int]:
    """New lines: link them to their product and lower its stock; returns the products touched."""
    if not line_ids:
        return set()
    lines = db.session.query(ChannelOrderLine).filter(ChannelOrderLine.id.in_(line_ids)).all()
    products = _matching_products(tenant_id, lines)
    touched = set()
    for line in lines:
        product = products.get(line.id)
        if product is None or line.status in ("CANCELED",):
            continue
        line.product_id = product.id
        if _move(product, line, -line.quantity):
            touched.add(product.id)
    db.session.commit()
    _announce(tenant_id, touched)
    return touched


def give_back(tenant_id: int, line_ids: list[int]) -> set[int]:
    """Cancelled lines give their quantity back to the matched product."""
    if not line_ids:
        return set()
    lines = db.session.query(ChannelOrderLine).filter(ChannelOrderLine.id.in_(line_ids),
                                                       ChannelOrderLine.product_id.isnot(None)).all()
    touched = set()
    for line in lines:
        product = db.session.get(Product, line.product_id)
        if product is not None and _move(product, line, line.quantity):
            touched.add(product.id)
    db.session.commit()
    _announce(tenant_id, touched)
    return touched


def _announce(tenant_id: int, product_ids: set[int]) -> None:
    app = current_app._get_current_object()
    for product_id in sorted(product_ids):
        stock_changed.send(app, tenant_id=tenant_id, product_id=product_id)
