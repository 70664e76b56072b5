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


def _behind_its_back(sql, **params):
    """Another worker's committed change, made on its own connection while this one holds stale rows."""
    from sqlalchemy import text
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_a_receipt_confirmed_twice_at_once_is_kept_once(app, wh_seller, support):
    import pytest

    from blueprints.warehouse.services import RuleViolation, inbound

    from .conftest import make_inbound
    item = make_item(wh_seller)
    req = make_inbound(wh_seller, item, 10)
    line = req.lines[0]
    assert line.received == 0  # this desk read the line before the other confirmed 8
    _behind_its_back("UPDATE inbound_line SET received = 8 WHERE id = :id", id=line.id)
    with app.test_request_context():
        with pytest.raises(RuleViolation, match="다른 작업자가 먼저 입고를 확정했습니다"):
            inbound.receive(req, {line.id: "5"}, support)
    db.session.expire_all()
    assert db.session.get(WarehouseItem, item.id).available == 0 and StockLedger.query.count() == 0


def test_a_cancel_arriving_after_picking_began_is_refused(app, wh_seller):
    import pytest

    from blueprints.warehouse.services import RuleViolation
    item = make_item(wh_seller, available=5)
    user = User.query.filter_by(login_id="sellerAmaster").one()
    with app.test_request_context():
        out = outbound.create(wh_seller, user, _order("PO-X"), [{"item_id": str(item.id), "quantity": "2"}])
        assert out.status == "requested"  # the seller's page still says 출고요청
        _behind_its_back("UPDATE outbound_request SET status = 'picking' WHERE id = :id", id=out.id)
        with pytest.raises(RuleViolation, match="피킹이 시작된"):
            outbound.cancel(out, user)
    db.session.expire_all()
    assert db.session.get(WarehouseItem, item.id).available == 3
    assert [r.reason for r in StockLedger.query] == ["출고신청"]
