"""대기목록 and 배송접수: lines from every source, SKU matching, carts merged and split, 접수번호, holds,
deletes, merge suggestions, tenant walls and masking."""
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy.orm import Session

from blueprints.fulfilment.shipments import numbers, receipt, waiting
from models import (ChannelAccount, ChannelOrder, ChannelOrderLine, FulfilmentOrder, Shipment, ShipmentEvent,
                    ShipmentItem)
from portal.extensions import db

from tests.concurrency import at_once

from .shipment_fixtures import add_order, add_sku


@pytest.fixture(autouse=True)
def request_context(app):
    """Services speak Korean through Flask-Babel, which reads the request's language."""
    with app.test_request_context():
        yield


@pytest.fixture
def japan(seller):
    add_sku(seller, "MASK-01", "[A17-F2] 로얄 스네일 마스크 1EA")
    add_sku(seller, "CREAM-50", "[A17-A1] 하이드로 크림 50ml")
    return seller


def rows(tenant):
    return db.session.query(FulfilmentOrder).filter_by(tenant_id=tenant.id).order_by(FulfilmentOrder.id).all()


def test_manual_and_opted_in_channel_lines_enter_once(client, auth, japan):
    add_order(japan, "Q-1", [("MASK-01", 2, "1800"), ("CREAM-50", 1, "4050")])
    on = ChannelAccount(tenant_id=japan.id, channel="qoo10jp", alias="메인", fulfilment_enabled=True)
    off = ChannelAccount(tenant_id=japan.id, channel="qoo10jp", alias="다른", fulfilment_enabled=False)
    db.session.add_all([on, off])
    db.session.flush()
    for account, no in ((on, "P-1"), (off, "P-2")):
        order = ChannelOrder(tenant_id=japan.id, account_id=account.id, channel="qoo10jp", channel_order_id=no,
                             recipient_name="佐藤一郎", recipient_phone="080-1111-2222", zip_code="100-0001")
        db.session.add(order)
        db.session.flush()
        db.session.add(ChannelOrderLine(tenant_id=japan.id, order_id=order.id, account_id=account.id,
                                        channel="qoo10jp", channel_order_id=no, channel_line_id=f"{no}-1",
                                        seller_code="cream-50", quantity=3, amount=12150, status="NEW"))
    db.session.commit()
    auth.login()
    html = client.get("/fulfilment/waiting").get_data(as_text=True)
    client.get("/fulfilment/waiting")  # a second visit adds nothing
    got = rows(japan)
    assert [(r.order_no, r.seller_code, r.match_state) for r in got] == [
        ("Q-1", "MASK-01", "ok"), ("Q-1", "CREAM-50", "ok"), ("P-1-1", "cream-50", "ok")]
    assert 'data-order="P-2-1"' not in html and 'data-order="P-1-1"' in html and "山**子" in html and "山田花子" not in html  # masked in the list


def test_same_cart_is_one_shipment_and_another_number_splits(japan, seller, app):
    add_order(japan, "Q-1", [("MASK-01", 2, "1800"), ("CREAM-50", 1, "4050")])
    add_order(japan, "Q-2", [("MASK-01", 1, "900")])
    waiting.bring_in(japan)
    first, second, third = rows(japan)
    waiting.set_cart(japan, seller_user(japan), [second.id], "SPLIT-1")  # 분할발송
    waiting.set_cart(japan, seller_user(japan), [third.id], "Q-1")  # 합배송 with Q-1
    outcome = receipt.receive(japan, seller_user(japan), [r.id for r in rows(japan)])
    assert len(outcome.receipt_nos) == 2 and outcome.skipped == []
    today = numbers.kst_day().strftime("%y%m%d")
    assert all(re.fullmatch(rf"K{today}\d{{7}}", no) for no in outcome.receipt_nos)
    merged = db.session.query(Shipment).filter_by(cart_no="Q-1").one()
    items = sorted((i.sku_code, i.quantity) for i in merged.items)
    assert items == [("MASK-01", 1), ("MASK-01", 2)] and merged.total_amount == 2700
    assert merged.recipient_name == "山田花子" and merged.status == "A00"
    event = db.session.query(ShipmentEvent).filter_by(shipment_id=merged.id).one()
    assert (event.kind, event.user_id, event.status_to) == ("create", seller_user(japan).id, "A00")
    assert waiting.waiting(japan).count() == 0


def seller_user(tenant):
    from models import User
    return db.session.query(User).filter_by(tenant_id=tenant.id).order_by(User.id).first()


def test_comma_codes_split_and_repeat_adds_quantity_by_priority(japan):
    add_order(japan, "R-1", [("MASK-01,CREAM-50,mask-01", 2, "5000")], platform="rakuten")
    waiting.bring_in(japan)
    row = rows(japan)[0]
    row.option_code = "NOPE-1"  # a higher-priority code that names no SKU: the seller code still matches
    db.session.commit()
    outcome = receipt.receive(japan, seller_user(japan), [row.id])
    items = db.session.query(ShipmentItem).filter_by(shipment_id=outcome.shipment_ids[0]).all()
    assert sorted((i.sku_code, i.quantity) for i in items) == [("CREAM-50", 2), ("MASK-01", 4)]


def test_held_and_unmatched_carts_stay_with_their_reasons(japan):
    add_order(japan, "Q-1", [("MASK-01", 1, "900")])
    add_order(japan, "Q-2", [("UNKNOWN-9", 1, "900")])
    add_order(japan, "Q-3", [("CREAM-50", 1, "900")])
    waiting.bring_in(japan)
    user = seller_user(japan)
    q1, q2, q3 = rows(japan)
    with pytest.raises(waiting.Refused, match="보류 사유를 입력해 주세요"):
        waiting.hold(japan, user, [q1.id], "")
    waiting.hold(japan, user, [q1.id], "재고 부족")
    outcome = receipt.receive(japan, user, [q1.id, q2.id, q3.id])
    assert len(outcome.receipt_nos) == 1
    assert dict(outcome.skipped) == {"Q-1": "보류된 주문이 있습니다", "Q-2": "SKU 매칭이 필요합니다: UNKNOWN-9"}
    assert {r.order_no for r in waiting.waiting(japan)} == {"Q-1", "Q-2"}


def test_unmatched_code_is_matched_once_and_remembered(signed_in_japan, japan):
    add_order(japan, "Q-1", [("8809667983242", 1, "900")])
    signed_in_japan.get("/fulfilment/waiting")
    html = signed_in_japan.get("/fulfilment/skus/unmatched").get_data(as_text=True)
    assert "8809667983242" in html
    resp = signed_in_japan.post("/fulfilment/skus/unmatched", data={"channel": "qoo10jp", "code": "8809667983242",
                                                                    "sku": "mask-01"})
    assert resp.status_code == 303
    assert rows(japan)[0].match_state == "ok"
    add_order(japan, "Q-2", [("8809667983242", 3, "2700")])
    signed_in_japan.get("/fulfilment/waiting")
    assert rows(japan)[1].match_state == "ok" and rows(japan)[1].sku.code == "MASK-01"


@pytest.fixture
def signed_in_japan(client, auth, japan):
    auth.login()
    return client


def test_delete_restore_and_edit_through_the_pages(signed_in_japan, japan):
    add_order(japan, "Q-1", [("MASK-01", 1, "900")])
    signed_in_japan.get("/fulfilment/waiting")
    row = rows(japan)[0]
    resp = signed_in_japan.post(f"/fulfilment/waiting/{row.id}/edit", data={
        "recipient_name": "山田花子", "recipient_kana": "ヤマダハナコ", "recipient_name_en": "山田", "address": "東京都",
        "cart_no": "Q-1"})
    assert resp.status_code == 400 and "영문 이름은 영문으로 입력해 주세요." in resp.get_data(as_text=True)
    resp = signed_in_japan.post(f"/fulfilment/waiting/{row.id}/edit", data={
        "recipient_name": "山田花子", "recipient_kana": "ヤマダハナコ", "recipient_name_en": "Hanako Yamada",
        "address": "東京都", "cart_no": "Q-1"})
    assert resp.status_code == 303
    signed_in_japan.post("/fulfilment/waiting/delete", data={"ids": [row.id], "reason": "고객 취소"})
    assert waiting.waiting(japan).count() == 0
    assert "Q-1" in signed_in_japan.get("/fulfilment/deleted").get_data(as_text=True)
    signed_in_japan.post("/fulfilment/deleted/restore", data={"ids": [row.id], "tab": "orders"})
    restored = waiting.waiting(japan).one()
    assert (restored.recipient_kana, restored.recipient_name_en) == ("ヤマダハナコ", "Hanako Yamada")


def test_another_sellers_lines_are_404_and_untouched(signed_in_japan, other_seller):
    add_sku(other_seller, "MASK-01", "남의 마스크")
    add_order(other_seller, "X-1", [("MASK-01", 1, "900")])
    waiting.bring_in(other_seller)
    theirs = rows(other_seller)[0]
    assert signed_in_japan.get(f"/fulfilment/waiting/{theirs.id}/edit").status_code == 404
    signed_in_japan.post("/fulfilment/waiting/receive", data={"ids": [theirs.id]})
    signed_in_japan.post("/fulfilment/waiting/delete", data={"ids": [theirs.id]})
    db.session.refresh(theirs)
    assert theirs.shipment_id is None and theirs.deleted_at is None


def test_merge_suggestions_follow_the_documented_rules(signed_in_japan, japan):
    add_order(japan, "A-1", [("MASK-01", 1, "900")], name="山田花子", phone="090-1234-5678", zip_code="150-0001")
    add_order(japan, "A-2", [("MASK-01", 1, "900")], name="山田 花子", phone="09012345678", zip_code="1500001")
    add_order(japan, "B-1", [("MASK-01", 1, "900")], name="鈴木", phone="080-9999-0000", zip_code="100-0001")
    add_order(japan, "B-2", [("MASK-01", 1, "900")], name="鈴木次郎", phone="080-9999-0000", zip_code="100-0001")
    add_order(japan, "C-1", [("MASK-01", 1, "900")], name="田中", phone="070-1111-1111", zip_code="200-0001")
    waiting.bring_in(japan)
    got = [(s.rule, s.carts) for s in receipt.suggestions(japan)]
    assert got == [("이름 & 연락처 & 우편번호", ["A-1", "A-2"]), ("우편번호 & 연락처", ["B-1", "B-2"])]
    html = signed_in_japan.get("/fulfilment/waiting/merge").get_data(as_text=True)
    assert "A-1, A-2" in html and "山田花子" not in html


def test_receipt_numbers_count_up_per_day_and_never_repeat(app):
    day = datetime(2026, 12, 4, tzinfo=timezone.utc).date()
    first = numbers.draw(2, day)
    db.session.commit()
    second = numbers.draw(1, day)
    db.session.commit()
    assert first + second == ["K2612040000001", "K2612040000002", "K2612040000003"]


@pytest.mark.skipif("postgresql" not in (__import__("os").environ.get("PORTAL_TEST_DATABASE_URL") or ""),
                    reason="concurrent writers need PostgreSQL")
def test_two_concurrent_receipts_never_share_a_number(app, japan):
    user = seller_user(japan)
    for i in range(40):
        add_order(japan, f"C-{i:02d}", [("MASK-01", 1, "900")])
    waiting.bring_in(japan)
    ids = [r.id for r in rows(japan)]
    halves, results = [ids[0::2], ids[1::2]], []

    def receive(part):
        def step(ready):
            tenant = db.session.get(type(japan), japan.id)
            me = db.session.get(type(user), user.id)
            ready()
            results.append(receipt.receive(tenant, me, part).receipt_nos)
        return step

    assert at_once(app, *(receive(h) for h in halves)) == []
    numbers_given = results[0] + results[1]
    assert len(numbers_given) == 40 and len(set(numbers_given)) == 40
    with Session(db.engine) as s:
        assert s.query(Shipment).count() == 40


@pytest.mark.skipif("postgresql" not in (__import__("os").environ.get("PORTAL_TEST_DATABASE_URL") or ""),
                    reason="concurrent writers need PostgreSQL")
def test_the_same_lines_received_twice_at_once_ship_once(app, japan):
    user = seller_user(japan)
    for i in range(10):
        add_order(japan, f"S-{i:02d}", [("MASK-01", 1, "900")])
    waiting.bring_in(japan)
    ids = [r.id for r in rows(japan)]
    results = []

    def receive(ready):
        tenant, me = db.session.get(type(japan), japan.id), db.session.get(type(user), user.id)
        ready()
        results.append(receipt.receive(tenant, me, ids).receipt_nos)

    errors = at_once(app, receive, receive)
    assert len(errors) + len(results) == 2
    assert all(isinstance(e, waiting.Refused) for e in errors)
    with Session(db.engine) as s:
        assert s.query(Shipment).count() == 10
        assert s.query(ShipmentItem).count() == 10


def test_a_cancelled_order_leaves_the_waiting_list_for_the_deleted_list(japan):
    order = add_order(japan, "Q-9", [("MASK-01", 1, "900")])
    waiting.bring_in(japan)
    order.canceled_at = datetime.now(timezone.utc).replace(tzinfo=None)
    db.session.commit()
    waiting.bring_in(japan)
    row = rows(japan)[0]
    assert waiting.waiting(japan).count() == 0 and (row.delete_reason, row.shipment_id) == ("주문 취소", None)


def test_receipt_applies_active_gift_events_to_the_new_shipments(japan):
    from decimal import Decimal

    from models import GiftEvent, GiftEventGift

    gift = add_sku(japan, "GIFT-1", "샘플 사은품", is_gift=True)
    over = GiftEvent(tenant_id=japan.id, name="2천엔 이상", basis="line", amount_min=Decimal(2000), currency="JPY",
                     gifts=[GiftEventGift(tenant_id=japan.id, sku_id=gift.id, quantity=1)])
    limited = GiftEvent(tenant_id=japan.id, name="선착순", basis="cart",
                        gifts=[GiftEventGift(tenant_id=japan.id, sku_id=gift.id, quantity=2, limit_count=2)])
    db.session.add_all([over, limited])
    db.session.commit()
    add_order(japan, "Q-1", [("MASK-01", 2, "1800"), ("CREAM-50", 1, "4050")])  # one line of ¥2,000 or more
    add_order(japan, "Q-2", [("MASK-01", 1, "900")])
    waiting.bring_in(japan)
    user = seller_user(japan)
    outcome = receipt.receive(japan, user, [r.id for r in rows(japan)])
    first, second = (db.session.get(Shipment, i) for i in outcome.shipment_ids)
    gifts = [(s.receipt_no, i.sku_code, i.quantity, i.channel, i.gift_event_id, i.created_by_id)
             for s in (first, second) for i in s.items if i.is_gift]
    assert gifts == [(first.receipt_no, "GIFT-1", 1, "gift", over.id, user.id),
                     (first.receipt_no, "GIFT-1", 2, "gift", limited.id, user.id)]
    said = [e.message for e in db.session.query(ShipmentEvent).filter_by(shipment_id=first.id, kind="gift")]
    assert said == ["이벤트 사은품: 2천엔 이상 → GIFT-1 샘플 사은품 × 1", "이벤트 사은품: 선착순 → GIFT-1 샘플 사은품 × 2"]
    db.session.refresh(limited.gifts[0])
    assert limited.gifts[0].used_count == 2  # pieces: the first box took the whole count
