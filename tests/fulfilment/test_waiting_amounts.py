"""대기목록 단가/수량 수정: 금액 follows 단가 × 수량 (the value declared at customs), every wrong field has its own
Korean reason and changes nothing, each change is kept with who and when, and another seller's line is a 404."""
from decimal import Decimal

import pytest

from blueprints.fulfilment.shipments import waiting
from models import FulfilmentOrder, FulfilmentOrderChange
from portal.extensions import db

from .shipment_fixtures import add_order, add_sku


@pytest.fixture
def line(seller, client, auth):
    add_sku(seller, "MASK-01", "마스크팩")
    add_order(seller, "Q-1", [("MASK-01", 2, "1800")])
    with client.application.test_request_context():
        waiting.bring_in(seller)
    auth.login()
    return db.session.query(FulfilmentOrder).filter_by(tenant_id=seller.id).one()


def fresh(row_id):
    db.session.expire_all()
    return db.session.get(FulfilmentOrder, row_id)


def test_the_page_shows_the_unit_price_paid_per_unit(client, line):
    page = client.get(f"/fulfilment/waiting/{line.id}/edit").get_data(as_text=True)
    assert 'name="unit_price" inputmode="decimal" value="900.00"' in page  # 1,800 paid for 2
    assert "수정 이력이 없습니다." in page


def test_unit_price_and_quantity_change_the_amount_and_are_kept_in_the_history(client, line):
    resp = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "1,250", "quantity": "3",
                                                                    "recipient_name": "山田花子", "address": "東京都",
                                                                    "cart_no": "Q-1"})
    assert resp.status_code == 303
    row = fresh(line.id)
    assert (row.unit_price, row.quantity, row.amount) == (Decimal("1250"), 3, Decimal("3750"))
    changes = {c.field: (c.before, c.after) for c in db.session.query(FulfilmentOrderChange).filter_by(order_id=row.id)}
    assert changes == {"unit_price": ("900", "1250"), "quantity": ("2", "3"), "amount": ("1800", "3750"),
                       "address": ("東京都渋谷区***", "東京都")}  # the address edited too (masked in the history)
    page = client.get(f"/fulfilment/waiting/{line.id}/edit").get_data(as_text=True)
    assert 'data-field="quantity"' in page and "sellerAmaster" in page

    client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "1250", "quantity": "3"})
    assert db.session.query(FulfilmentOrderChange).filter_by(order_id=row.id).count() == 4  # unchanged: no new line


def test_every_wrong_field_is_named_and_nothing_changes(client, line):
    resp = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "12.345", "quantity": "0"})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "단가는 소수점 둘째 자리까지 입력할 수 있습니다: 12.345" in page
    assert "수량은 1~9,999 사이의 정수로 입력해 주세요: 0" in page
    resp = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "-5", "quantity": "두개"})
    page = resp.get_data(as_text=True)
    assert "단가는 0 이상 1,000,000,000 미만으로 입력해 주세요: -5" in page
    assert "수량은 1~9,999 사이의 정수로 입력해 주세요: 두개" in page
    resp = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "abc", "quantity": "2",
                                                                    "recipient_name": ""})
    assert "단가는 0 이상의 숫자로 입력해 주세요: abc" in resp.get_data(as_text=True)
    row = fresh(line.id)
    assert (row.unit_price, row.quantity, row.amount) == (None, 2, Decimal("1800"))
    assert db.session.query(FulfilmentOrderChange).count() == 0


def test_a_good_price_is_not_kept_when_another_field_is_refused(client, line):
    resp = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "1000", "quantity": "2",
                                                                    "recipient_name": ""})
    assert resp.status_code == 400 and "받는사람을(를) 입력해 주세요." in resp.get_data(as_text=True)
    row = fresh(line.id)
    assert row.amount == Decimal("1800") and db.session.query(FulfilmentOrderChange).count() == 0


def test_english_reasons(client, seller, line):
    from models import User
    db.session.query(User).filter_by(login_id="sellerAmaster").one().locale = "en"
    db.session.commit()
    page = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "x", "quantity": "0"}).get_data(
        as_text=True)
    assert "Enter the unit price as a number of 0 or more: x" in page
    assert "Enter the quantity as a whole number from 1 to 9,999: 0" in page


def test_another_sellers_line_is_a_404(client, auth, line, other_seller):
    add_order(other_seller, "B-1", [("X", 1, "100")])
    with client.application.test_request_context():
        waiting.bring_in(other_seller)
    theirs = db.session.query(FulfilmentOrder).filter_by(tenant_id=other_seller.id).one()
    assert client.post(f"/fulfilment/waiting/{theirs.id}/edit", data={"quantity": "5"}).status_code == 404
    assert fresh(theirs.id).quantity == 1


def test_a_line_without_a_price_keeps_none_when_left_blank(client, seller, line):
    line.amount = None
    db.session.commit()
    resp = client.post(f"/fulfilment/waiting/{line.id}/edit", data={"unit_price": "", "quantity": "4",
                                                                    "memo": "가격 미정"})
    assert resp.status_code == 303
    row = fresh(line.id)
    assert (row.unit_price, row.quantity, row.amount, row.memo) == (None, 4, None, "가격 미정")


def test_recipient_cart_hold_delete_and_restore_are_kept_with_who_and_when(client, seller, line):
    """Every change of a waiting line is in its 수정 이력 with who and when; personal data only masked."""
    client.post(f"/fulfilment/waiting/{line.id}/edit", data={
        "recipient_name": "山田花子", "recipient_phone": "090-9999-8888", "address": line.address, "cart_no": "Q-1"})
    client.post("/fulfilment/waiting/cart", data={"ids": [line.id], "cart_no": "CART-YAMADA"})
    client.post("/fulfilment/waiting/hold", data={"ids": [line.id], "reason": "주소 확인 중"})
    client.post("/fulfilment/waiting/hold", data={"ids": [line.id], "on": "0"})
    client.post("/fulfilment/waiting/delete", data={"ids": [line.id], "reason": "고객 취소"})
    client.post("/fulfilment/deleted/restore", data={"ids": [line.id], "tab": "orders"})
    db.session.expire_all()
    changes = db.session.query(FulfilmentOrderChange).filter_by(order_id=line.id).order_by("id").all()
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("recipient_phone", "090-****-5678", "090-****-8888"), ("cart_no", "Q-1", "CART-YAMADA"),
        ("held", "", "주소 확인 중"), ("held", "주소 확인 중", ""), ("deleted", "", "고객 취소"),
        ("restored", "고객 취소", "")]
    from models import User

    me = db.session.query(User).filter_by(login_id="sellerAmaster").one()
    assert {c.user_id for c in changes} == {me.id}
    assert all(c.at is not None for c in changes)
    page = client.get(f"/fulfilment/waiting/{line.id}/edit").get_data(as_text=True)
    assert "090-9999-8888" not in page.split('id="change-history"')[1]
    assert 'data-field="restored"' in page and "복구" in page.split('id="change-history"')[1]
