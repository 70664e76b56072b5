"""묶음관리 / 삭제목록 / 재배송신청 / 배송타입변경: what a seller does to shipments, each change in the history."""
import pytest

from blueprints.fulfilment.shipments import bundles, receipt, waiting
from blueprints.fulfilment.shipments.events import change_status
from models import FulfilmentOrder, Shipment, ShipmentEvent
from models.shipment import BY_SUPPORT
from portal.extensions import db

from .shipment_fixtures import add_order, add_sku


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def shipment(seller, client, auth):
    add_sku(seller, "MASK-01", "마스크팩")
    add_order(seller, "Q-1", [("MASK-01", 1, "900")])
    add_order(seller, "Q-2", [("MASK-01", 2, "1800")])
    waiting.bring_in(seller)
    waiting.set_cart(seller, user_of(seller), [r.id for r in waiting.waiting(seller)], "CART-1")
    receipt.receive(seller, user_of(seller), [r.id for r in waiting.waiting(seller)])
    auth.login()
    return db.session.query(Shipment).one()


def user_of(tenant):
    from models import User
    return db.session.query(User).filter_by(tenant_id=tenant.id).order_by(User.id).first()


def kinds(shipment_id):
    return [e.kind for e in db.session.query(ShipmentEvent).filter_by(shipment_id=shipment_id).order_by("id")]


def test_one_order_of_a_cart_is_deleted_and_restored(client, shipment):
    q2 = next(o for o in shipment.orders if o.order_no == "Q-2")
    client.post(f"/fulfilment/bundles/{shipment.id}/orders/{q2.id}", data={"action": "delete"})
    db.session.refresh(shipment)
    assert shipment.total_amount == 900
    html = client.get(f"/fulfilment/bundles/{shipment.id}").get_data(as_text=True)
    assert "주문 삭제" in html and 'class="deleted"' in html
    last = next(o for o in shipment.orders if o.order_no == "Q-1")
    resp = client.post(f"/fulfilment/bundles/{shipment.id}/orders/{last.id}", data={"action": "delete"}, follow_redirects=True)
    assert "배송건의 마지막 주문은 삭제할 수 없습니다." in resp.get_data(as_text=True)
    client.post(f"/fulfilment/bundles/{shipment.id}/orders/{q2.id}", data={"action": "restore"})
    db.session.refresh(shipment)
    assert shipment.total_amount == 2700
    assert kinds(shipment.id) == ["create", "order_delete", "order_restore"]


def test_deleted_shipment_is_restorable_until_received(client, shipment, seller):
    client.post("/fulfilment/bundles/delete", data={"ids": [shipment.id]})
    assert "K" in client.get("/fulfilment/deleted?tab=shipments").get_data(as_text=True)
    client.post("/fulfilment/deleted/restore", data={"ids": [shipment.id], "tab": "shipments"})
    db.session.refresh(shipment)
    assert shipment.deleted_at is None
    change_status(shipment, "A99", None, "입고", by=BY_SUPPORT)
    db.session.commit()
    resp = client.post("/fulfilment/bundles/delete", data={"ids": [shipment.id]}, follow_redirects=True)
    assert "입고(A99) 이후의 배송건은 변경할 수 없습니다" in resp.get_data(as_text=True)
    db.session.refresh(shipment)
    assert shipment.deleted_at is None and shipment.received_at is not None
    assert kinds(shipment.id) == ["create", "delete", "restore", "status"]


def test_reship_copies_with_suffix_and_a_new_number(client, shipment):
    client.post("/fulfilment/bundles/reship", data={"ids": [shipment.id], "suffix": "재배송"})
    copy = db.session.query(Shipment).filter(Shipment.reship_of_id == shipment.id).one()
    assert copy.receipt_no != shipment.receipt_no and copy.cart_no == "CART-1_재배송" and copy.status == "A00"
    orders = db.session.query(FulfilmentOrder).filter_by(shipment_id=copy.id).order_by("id").all()
    assert [o.order_no for o in orders] == ["Q-1_재배송", "Q-2_재배송"]
    assert sorted(i.quantity for i in copy.items) == [1, 2]
    assert kinds(copy.id) == ["reship"] and kinds(shipment.id)[-1] == "reship"


def test_type_change_is_recorded_with_who(client, shipment, seller):
    client.post("/fulfilment/bundles/type", data={"ids": [shipment.id], "ship_type": "KSE_LIGHT"})
    db.session.refresh(shipment)
    event = db.session.query(ShipmentEvent).filter_by(shipment_id=shipment.id, kind="type").one()
    assert shipment.ship_type == "KSE_LIGHT" and event.message == "KSE → KSE Light"
    assert event.user_id == user_of(seller).id


def test_another_sellers_shipment_is_404(client, shipment, other_seller, auth):
    auth.logout()
    auth.login("sellerBmaster")
    assert client.get(f"/fulfilment/bundles/{shipment.id}").status_code == 404
    client.post("/fulfilment/bundles/delete", data={"ids": [shipment.id]})
    db.session.refresh(shipment)
    assert shipment.deleted_at is None
