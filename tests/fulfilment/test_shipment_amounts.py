"""단가/수량 수정 after 배송접수: until 입고 the seller corrects an order's unit price and quantity inside its
shipment (총금액, packed items and stock follow, the history says who and when); from 입고 on it is refused."""
import re
from decimal import Decimal

import pytest

from blueprints.fulfilment.shipments import receipt, waiting
from blueprints.fulfilment.shipments.events import change_status
from models import FulfilmentOrder, FulfilmentOrderChange, Product, Shipment, ShipmentEvent, ShipmentItem
from models.shipment import BY_SUPPORT
from portal.extensions import db

from .conftest import add_product
from .shipment_fixtures import add_order, add_sku


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def user_of(tenant):
    from models import User
    return db.session.query(User).filter_by(tenant_id=tenant.id).order_by(User.id).first()


@pytest.fixture
def shipment(seller, client, auth):
    product = add_product(seller, "P-MASK", "마스크팩")
    product.stock = 20
    add_sku(seller, "MASK-01", "마스크팩", product_id=product.id)
    add_order(seller, "Q-1", [("MASK-01", 1, "900")])
    add_order(seller, "Q-2", [("MASK-01, MASK-01", 2, "1800")])  # a repeated code: 2 masks per unit
    waiting.bring_in(seller)
    waiting.set_cart(seller, user_of(seller), [r.id for r in waiting.waiting(seller)], "CART-1")
    receipt.receive(seller, user_of(seller), [r.id for r in waiting.waiting(seller)])
    auth.login()
    return db.session.query(Shipment).one()


def order(shipment, no):
    return db.session.query(FulfilmentOrder).filter_by(shipment_id=shipment.id, order_no=no).one()


def mask_stock():
    db.session.expire_all()
    return db.session.query(Product).filter_by(own_code="P-MASK").one().stock


def test_price_and_quantity_change_inside_the_shipment_until_received(client, seller, shipment):
    q2 = order(shipment, "Q-2")
    assert mask_stock() == 20 - 1 - 4
    page = client.post(f"/fulfilment/bundles/{shipment.id}/orders/{q2.id}/amounts",
                       data={"unit_price": "850", "quantity": "3"}, follow_redirects=True).get_data(as_text=True)
    assert "단가/수량을 수정했습니다." in page
    db.session.expire_all()
    s, q2 = db.session.get(Shipment, shipment.id), order(shipment, "Q-2")
    assert (q2.unit_price, q2.quantity, q2.amount) == (Decimal("850"), 3, Decimal("2550"))
    assert s.total_amount == Decimal("3450")  # 900 + 850 × 3 (통관기준금액)
    items = db.session.query(ShipmentItem).filter_by(order_id=q2.id).all()
    assert [(i.sku_code, i.quantity) for i in items] == [("MASK-01", 6)]  # 2 per unit × 3
    assert mask_stock() == 20 - 1 - 6  # the two more masks taken
    edit = db.session.query(ShipmentEvent).filter_by(shipment_id=s.id, kind="edit").one()
    assert edit.user_id == user_of(seller).id and edit.at is not None
    assert edit.message == "주문 Q-2: 단가 900 → 850, 수량 2 → 3, 금액 1800 → 2550"
    changes = (db.session.query(FulfilmentOrderChange).filter_by(order_id=q2.id)
               .filter(FulfilmentOrderChange.field.in_(("unit_price", "quantity", "amount"))).order_by("id").all())
    assert [(c.field, c.before, c.after, c.user_id) for c in changes] == [
        ("unit_price", "900", "850", user_of(seller).id), ("quantity", "2", "3", user_of(seller).id),
        ("amount", "1800", "2550", user_of(seller).id)]
    history = client.get(f"/fulfilment/bundles/{s.id}").get_data(as_text=True)
    assert "주문 Q-2: 단가 900 → 850" in history


def test_after_received_the_edit_is_refused_in_korean(client, seller, shipment):
    change_status(shipment, "A99", None, by=BY_SUPPORT)
    db.session.commit()
    q2 = order(shipment, "Q-2")
    page = client.post(f"/fulfilment/bundles/{shipment.id}/orders/{q2.id}/amounts",
                       data={"unit_price": "1", "quantity": "9"}, follow_redirects=True).get_data(as_text=True)
    assert f"입고(A99) 이후의 배송건은 단가/수량을 수정할 수 없습니다: {shipment.receipt_no}" in page
    assert not re.search(r'name="quantity"', page.split('id="bundle-orders"')[1].split("</table>")[0])
    db.session.expire_all()
    assert (order(shipment, "Q-2").quantity, db.session.get(Shipment, shipment.id).total_amount) == (2, 2700)
    assert mask_stock() == 15
    assert db.session.query(FulfilmentOrderChange).filter(FulfilmentOrderChange.field.in_(
        ("unit_price", "quantity", "amount"))).count() == 0


def test_each_wrong_field_is_named_and_nothing_changes(client, shipment):
    q1 = order(shipment, "Q-1")
    page = client.post(f"/fulfilment/bundles/{shipment.id}/orders/{q1.id}/amounts",
                       data={"unit_price": "abc", "quantity": "0"}, follow_redirects=True).get_data(as_text=True)
    assert "단가는 0 이상의 숫자로 입력해 주세요: abc" in page
    assert "수량은 1~9,999 사이의 정수로 입력해 주세요: 0" in page
    db.session.expire_all()
    assert (order(shipment, "Q-1").quantity, order(shipment, "Q-1").amount) == (1, Decimal("900"))
    assert db.session.query(ShipmentEvent).filter_by(shipment_id=shipment.id, kind="edit").count() == 0


def test_another_sellers_order_or_shipment_is_404(client, auth, shipment, other_seller):
    q1 = order(shipment, "Q-1")
    auth.logout()
    auth.login("sellerBmaster")
    resp = client.post(f"/fulfilment/bundles/{shipment.id}/orders/{q1.id}/amounts", data={"quantity": "5"})
    assert resp.status_code == 404
    db.session.expire_all()
    assert order(shipment, "Q-1").quantity == 1


def test_the_recipient_changes_until_received_and_the_cart_number_never(client, seller, shipment):
    page = client.post(f"/fulfilment/bundles/{shipment.id}/recipient", data={
        "recipient_phone": "080-5555-6666", "address": "大阪府大阪市北区梅田1-1", "recipient_name_en": "Hanako Yamada",
        "recipient_name": shipment.recipient_name}, follow_redirects=True).get_data(as_text=True)
    assert "받는사람 정보를 수정했습니다." in page
    db.session.expire_all()
    s = db.session.get(Shipment, shipment.id)
    assert (s.recipient_phone, s.address, s.recipient_name_en) == ("080-5555-6666", "大阪府大阪市北区梅田1-1",
                                                                    "Hanako Yamada")
    assert {(o.recipient_phone, o.address) for o in s.orders} == {("080-5555-6666", "大阪府大阪市北区梅田1-1")}
    edit = db.session.query(ShipmentEvent).filter_by(shipment_id=s.id, kind="edit").one()
    assert edit.message == "받는사람 정보 수정: 영문 이름, 전화번호, 주소"  # the fields, not the data
    assert "080-5555-6666" not in edit.message and edit.user_id == user_of(seller).id

    page = client.post(f"/fulfilment/bundles/{s.id}/recipient", data={"cart_no": "OTHER"},
                       follow_redirects=True).get_data(as_text=True)
    assert "장바구니번호는 배송접수 후에는 수정할 수 없습니다." in page
    page = client.post(f"/fulfilment/bundles/{s.id}/recipient", data={"recipient_name": "", "recipient_name_en": "花子"},
                       follow_redirects=True).get_data(as_text=True)
    assert "받는사람을(를) 입력해 주세요." in page and "영문 이름은 영문으로 입력해 주세요." in page

    change_status(s, "A99", None, by=BY_SUPPORT)
    db.session.commit()
    page = client.post(f"/fulfilment/bundles/{s.id}/recipient", data={"recipient_phone": "000"},
                       follow_redirects=True).get_data(as_text=True)
    assert f"입고(A99) 이후의 배송건은 받는사람 정보를 수정할 수 없습니다: {s.receipt_no}" in page
    db.session.expire_all()
    assert db.session.get(Shipment, s.id).recipient_phone == "080-5555-6666"
