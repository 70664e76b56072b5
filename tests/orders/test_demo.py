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
