"""Demo data: on first run the demo seller's 주문관리 has orders, a cancel request, a return and an exchange."""
from models import ChannelOrderLine, OrderClaim
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .conftest import add_account


def test_demo_data_fills_orders_and_every_claim_kind(app, seller, market):
    add_account(seller, "sandbox", "데모")
    app.extensions["menus"]["orders"].demo_data(seller)
    wait_inline_jobs(app, timeout=60)
    kinds = {(c.kind, c.status) for c in db.session.query(OrderClaim)}
    assert {("CANCEL", "CANCEL_REQUESTED"), ("RETURN", "RETURN_REQUESTED"),
            ("EXCHANGE", "EXCHANGE_REQUESTED")} <= kinds
    assert db.session.query(ChannelOrderLine).filter_by(status="NEW").count() == 3
    # Running the demo again adds nothing.
    app.extensions["menus"]["orders"].demo_data(seller)
    wait_inline_jobs(app, timeout=60)
    assert db.session.query(OrderClaim).count() == 3


def test_first_demo_run_sells_the_demo_catalogue_and_moves_its_stock(app, market):
    """The whole demo on one sandbox: collected orders tie to demo products, stock and 재고연동이력 move."""
    from models import Listing, Product, StockPush, Tenant
    from portal.demo import load_demo

    load_demo()
    wait_inline_jobs(app, timeout=120)
    tenant = Tenant.query.filter_by(business_no="1248100998").one()
    db.session.expire_all()
    live = Listing.query.filter_by(tenant_id=tenant.id, status="live").all()
    assert live, "the demo listings are linked"
    from blueprints.orders.services.demo_claims import DEMO_BUYER
    from models import ChannelOrder

    sold = (db.session.query(ChannelOrderLine).join(ChannelOrder, ChannelOrderLine.order_id == ChannelOrder.id)
            .filter(ChannelOrderLine.tenant_id == tenant.id, ChannelOrder.buyer_name == DEMO_BUYER).all())
    assert all(x.product_id for x in sold)  # each collected demo sale tied to its product
    assert {x.product_id for x in sold} >= {x.product_id for x in live}  # every listed product sold
    with_option = [x for x in sold if x.option_name]
    assert with_option, "a demo order names an option of a demo product"
    catalogue = {p.id: p for p in Product.query.filter_by(tenant_id=tenant.id)}
    assert all(x.product_name == catalogue[x.product_id].name for x in sold)
    from blueprints.products.demo_catalog import PRODUCTS

    start = {row[0]: row[7] for row in PRODUCTS}
    for product in {catalogue[x.product_id] for x in sold}:
        now = sum(o.stock for o in product.options) if product.options else product.stock
        initial = start[product.own_code] * (len(product.options) or 1)
        assert now < initial, product.name  # the sale took stock
    # every demo account with linked products sells the demo catalogue, the open markets with an option
    assert {x.account.channel for x in sold} >= {"naver", "coupang", "11st", "gmarket", "interpark", "hmall"}
    assert {x.account.channel for x in with_option} >= {"naver", "coupang", "11st"}
    pushes = StockPush.query.filter_by(tenant_id=tenant.id, result="ok").all()
    assert {p.product_id for p in pushes} >= {x.product_id for x in sold}  # 재고연동이력 of every sold product
