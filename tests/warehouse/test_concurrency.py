"""Two 출고신청 racing for the last pieces: one wins, the other is told; stock never goes negative."""
import threading

from blueprints.warehouse.services import FieldErrors, outbound
from models import OutboundRequest, StockLedger, Tenant, User, WarehouseItem
from portal.extensions import db

from .conftest import make_item


def _order(po_no):
    return {"order_no": po_no, "po_no": po_no, "recipient_name": "홍길동", "recipient_phone": "010-1234-5678",
            "province": "서울특별시", "city": "중구", "zipcode": "04524", "address": "세종대로 110",
            "transport": "parcel"}


def test_two_concurrent_outbound_requests_cannot_oversell(app, wh_seller):
    item = make_item(wh_seller, available=5)
    tenant_id, item_id = wh_seller.id, item.id
    user_id = User.query.filter_by(login_id="sellerAmaster").one().id
    barrier = threading.Barrier(2)
    results = {}

    def request_three(name):
        with app.test_request_context():  # as a web request would: own session, own connection
            tenant, user = db.session.get(Tenant, tenant_id), db.session.get(User, user_id)
            rows = [{"item_id": str(item_id), "quantity": "3"}]
            # both have read 출고가능수량 5 before either writes
            assert db.session.get(WarehouseItem, item_id).available == 5
            barrier.wait(10)
            try:
                outbound.create(tenant, user, _order(name), rows)
                results[name] = "ok"
            except FieldErrors as refused:
                results[name] = " ".join(str(m) for m in refused.errors.values())
            finally:
                db.session.remove()

    threads = [threading.Thread(target=request_three, args=(f"PO-{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results.values())[0] == "ok" and list(results.values()).count("ok") == 1, results
    refused = next(v for v in results.values() if v != "ok")
    assert "출고가능수량은 2개입니다" in refused or "출고가능수량(2개)" in refused
    db.session.expire_all()
    assert db.session.get(WarehouseItem, item_id).available == 2
    assert OutboundRequest.query.count() == 1
    [row] = StockLedger.query.all()
    assert (row.before, row.after, row.change) == (5, 2, -3)
