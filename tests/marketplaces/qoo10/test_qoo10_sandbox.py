"""The Qoo10 adapter against the sandbox's QAPI server over HTTP: orders, 発注確認, 送り状, stock."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.marketplaces import DispatchDelay, Invoice, NotSupported, OrderStatus, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http
from tests.marketplaces.test_lifecycle import Harness


@pytest.fixture()
def h(fresh_sandbox):
    return Harness(fresh_sandbox, "qoo10jp")


def now():
    return datetime.now(timezone.utc)


def test_orders_confirm_with_a_delay_and_ship(h):
    created = h.new_order(qty=2)
    sandbox_line = created["lines"][0]["line_no"]
    order = h.fetched(created["order_no"])
    (line,) = order.lines
    assert line.status is OrderStatus.NEW and line.quantity == 2
    assert order.recipient_name == created["recipient_name"]

    due = now() + timedelta(days=3)
    [ok] = h.adapter.confirm_orders([line], ship_at=due, delay=DispatchDelay("CUSTOMER_REQUEST", "요청"))
    assert ok.outcome is Outcome.OK
    state = h.sandbox.line("qoo10jp", sandbox_line)["line"]
    assert state["status"] == "CONFIRMED" and state["delay_reason"] == "CUSTOMER_REQUEST"
    again = h.adapter.confirm_orders([line])[0]
    assert again.outcome is Outcome.ALREADY_DONE

    invoice = Invoice(line.channel_order_id, line.channel_line_id, "YAMATO", "4455-6677-8899")
    assert h.adapter.send_invoices([invoice])[0].outcome is Outcome.OK
    state = h.sandbox.line("qoo10jp", sandbox_line)["line"]
    assert state["status"] == "SHIPPING" and state["courier"] == "ヤマト宅急便"
    assert h.fetched(created["order_no"]).lines[0].status is OrderStatus.SHIPPING


def test_a_long_range_is_split_into_windows(h):
    span = h.adapter.max_order_window
    old = h.new_order(hours_ago=span.total_seconds() / 3600 + 3)
    orders = h.adapter.fetch_orders(now() - 2 * span, now() + timedelta(minutes=1))
    assert old["order_no"] in {o.channel_order_id for o in orders}
    lines = [x.channel_line_id for o in orders for x in o.lines]
    assert len(lines) == len(set(lines))


def test_the_seller_key_is_asked_once_per_adapter(h):
    h.adapter.test_connection()
    h.adapter.fetch_orders(now() - timedelta(hours=5), now())
    assert len(h.calls_to("CreateCertificationKey")) == 1


def test_a_wrong_password_is_refused(fresh_sandbox):
    creds = {**fresh_sandbox.credentials("qoo10jp"), "password": "wrong"}
    adapter = build_adapter("qoo10jp", creds, base_url=fresh_sandbox.base_url("qoo10jp"),
                            http=fast_http())
    result = adapter.test_connection()
    assert not result.ok and result.message_ko == "Qoo10 인증에 실패했습니다 (You are not authorized for this.)"


def test_stock_and_price(h):
    shop = h.sandbox.shop_id("qoo10jp")
    product = h.sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    assert h.adapter.update_stock([(product["product_no"], 9)])[0].outcome is Outcome.OK
    assert h.adapter.update_price(product["product_no"], 2500).outcome is Outcome.OK
    after = h.sandbox.ops("GET", f"/shops/{shop}/products/{product['product_no']}")["product"]
    assert after["stock"] == 9 and after["price"] == 2500
    [missing] = h.adapter.update_stock([("0", 1)])
    assert missing.outcome is Outcome.REJECTED


def test_inquiries_are_listed_and_answered_with_their_three_numbers(h):
    shop = h.sandbox.shop_id("qoo10jp")
    asked = h.sandbox.ops("POST", f"/shops/{shop}/inquiries", json={
        "question": "サイズは?", "product_no": "9100000001", "hours_ago": 1})["inquiry"]
    [inq] = [i for i in h.adapter.fetch_inquiries(now() - timedelta(hours=3), now())
             if i.question == "サイズは?"]
    no = asked["inquiry_no"]
    assert inq.channel_inquiry_id == f"ITEM:{no}:{no}" and not inq.answered
    [done] = h.adapter.answer_inquiry(inq.channel_inquiry_id, "Mサイズです。")
    assert done.outcome is Outcome.OK
    [again] = [i for i in h.adapter.fetch_inquiries(now() - timedelta(hours=3), now())
               if i.question == "サイズは?"]
    assert again.answered
    [bad] = h.adapter.answer_inquiry("ITEM:1:2", "x")
    assert bad.outcome is Outcome.REJECTED and bad.message == "Fail"


def test_claims_come_from_get_claim_info_and_a_seller_cancel_reaches_the_line(h):
    created = h.new_order()
    line_no = created["lines"][0]["line_no"]
    shop = h.sandbox.shop_id("qoo10jp")
    h.sandbox.ops("POST", f"/shops/{shop}/lines/{line_no}/cancel", json={"reason": "変更"})
    claims = h.adapter.fetch_claims(now() - timedelta(hours=2), now() + timedelta(minutes=1))
    [claim] = [c for c in claims if c.channel_line_id == line_no]
    assert claim.kind.name == "CANCEL" and claim.status is OrderStatus.CANCEL_REQUESTED
    assert claim.channel_order_id == created["order_no"] and claim.raw_status == "1"
    with pytest.raises(NotSupported, match="QSM에서 처리"):
        h.adapter.process_claim(claim, None)

    other = h.new_order()
    line = h.fetched(other["order_no"]).lines[0]
    [ok] = h.adapter.cancel_sale([line], "배송지연")
    assert ok.outcome is Outcome.OK
    assert h.sandbox.line("qoo10jp", line.channel_line_id)["line"]["status"] == "CANCELED"
    [shipped] = h.adapter.cancel_sale([line], "품절")
    assert shipped.outcome is Outcome.REJECTED and "주문상태가 올바르지 않습니다" in shipped.message


def test_the_journal_never_holds_the_password_or_keys(h):
    h.adapter.fetch_orders(now() - timedelta(hours=5), now())
    creds = h.sandbox.credentials("qoo10jp")
    journal = str(h.sandbox.journal())
    assert creds["password"] not in journal and creds["api_key"] not in journal
    assert not any(creds["api_key"] in repr(r) for r in h.records)
