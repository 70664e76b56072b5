"""G마켓 and 옥션 adapters against the sandbox's ESM server over HTTP: a whole order life-cycle."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.marketplaces import (
    ClaimAction, ClaimKind, Invoice, OrderStatus, Outcome, PermanentError,
)
from tests.marketplaces.test_lifecycle import Harness


@pytest.fixture(params=["gmarket", "auction"])
def h(request, fresh_sandbox):
    return Harness(fresh_sandbox, request.param)


def now():
    return datetime.now(timezone.utc)


def test_orders_confirm_ship_and_resend(h):
    created = h.new_order(qty=2)
    sandbox_line = created["lines"][0]["line_no"]
    order = h.fetched(created["order_no"])
    assert order.recipient_name == created["recipient_name"] and order.zip_code == created["zip_code"]
    (line,) = order.lines
    assert line.quantity == 2 and line.status is OrderStatus.NEW
    assert line.channel_line_id == sandbox_line

    assert [o.outcome for o in h.adapter.confirm_orders([line])] == [Outcome.OK]
    assert h.line_state(sandbox_line) == "CONFIRMED"
    again = h.adapter.confirm_orders([line])[0]
    assert again.outcome is Outcome.ALREADY_DONE and again.message == "이미 주문확인 처리된 건입니다."

    invoice = Invoice(line.channel_order_id, line.channel_line_id, "CJGLS", "640012345678")
    assert h.adapter.send_invoices([invoice])[0].outcome is Outcome.OK
    state = h.sandbox.line(h.code, sandbox_line)["line"]
    assert state["status"] == "SHIPPING" and state["tracking"] == "640012345678"
    assert state["courier"] == "10013"                    # CJ 대한통운 in ESM's courier list
    # ESM keeps the last invoice sent: a corrected number replaces the first one.
    fixed = Invoice(line.channel_order_id, line.channel_line_id, "CJGLS", "640012345679")
    assert h.adapter.send_invoices([fixed])[0].outcome is Outcome.OK
    assert h.sandbox.line(h.code, sandbox_line)["line"]["tracking"] == "640012345679"
    assert h.fetched(created["order_no"]).lines[0].status is OrderStatus.SHIPPING


def test_a_delay_reaches_the_sandbox_line(h):
    from portal.marketplaces import DispatchDelay

    created = h.new_order()
    line = h.fetched(created["order_no"]).lines[0]
    [outcome] = h.adapter.confirm_orders([line], ship_at=now() + timedelta(days=3),
                                         delay=DispatchDelay("PRODUCT_PREPARE", "입고 대기"))
    assert outcome.outcome is Outcome.OK and "발송예정일(" in outcome.message
    state = h.sandbox.line(h.code, line.channel_line_id)["line"]
    assert state["status"] == "CONFIRMED" and state["delay_reason"] == "PRODUCT_PREPARE"


def test_a_confirmation_applied_then_lost_is_ambiguous_and_reads_back(h):
    created = h.new_order()
    line = h.fetched(created["order_no"]).lines[0]
    h.sandbox.fault("apply_then_504", "/OrderCheck/")
    (outcome,) = h.adapter.confirm_orders([line])
    assert outcome.outcome is Outcome.AMBIGUOUS
    assert len(h.calls_to("/OrderCheck/")) == 1
    assert h.fetched(created["order_no"]).lines[0].status is OrderStatus.CONFIRMED


def test_a_long_range_is_split_and_one_query_past_the_limit_is_refused(h):
    span = h.adapter.max_order_window
    old = h.new_order(hours_ago=span.total_seconds() / 3600 + 3)
    orders = h.adapter.fetch_orders(now() - 2 * span, now() + timedelta(minutes=1))
    assert old["order_no"] in {o.channel_order_id for o in orders}
    assert len(h.calls_to("/RequestOrders")) >= 8      # two windows, four statuses each
    limit = 180 if h.code == "auction" else 31          # "(옥션)180일 / (G마켓)31 이하의 범위만"
    with pytest.raises(PermanentError, match=f"{limit}일 이하의 범위만 조회 할 수 있습니다"):
        h.adapter.client.call("POST", "/shipping/v1/Order/RequestOrders", json={
            "siteType": h.adapter.site_type, "orderStatus": 1, "requestDateType": 1,
            "requestDateFrom": "2026-01-01", "requestDateTo": f"2026-{'08' if limit > 31 else '03'}-01"})


def test_cancel_request_is_collected_approved_and_a_cancelled_order_leaves_the_list(h):
    created = h.new_order()
    sandbox_line = created["lines"][0]["line_no"]
    h.sandbox.ops("POST", f"/shops/{h.sandbox.shop_id(h.code)}/lines/{sandbox_line}/cancel",
                  json={"reason": "INTENT_CHANGED"})
    claims = h.adapter.fetch_claims(now() - timedelta(hours=2), now() + timedelta(minutes=1))
    claim = next(c for c in claims if c.channel_line_id == sandbox_line)
    assert claim.kind is ClaimKind.CANCEL and claim.status is OrderStatus.CANCEL_REQUESTED
    assert claim.reason == "단순변심"
    assert h.adapter.process_claim(claim, ClaimAction.APPROVE)[0].outcome is Outcome.OK
    assert h.line_state(sandbox_line) == "CANCELED"
    assert h.adapter.process_claim(claim, ClaimAction.APPROVE)[0].outcome is Outcome.ALREADY_DONE


def test_shipping_refuses_a_cancel_request(h):
    created = h.new_order()
    line = h.fetched(created["order_no"]).lines[0]
    h.adapter.confirm_orders([line])
    h.sandbox.ops("POST", f"/shops/{h.sandbox.shop_id(h.code)}/lines/{line.channel_line_id}/cancel",
                  json={"reason": "INTENT_CHANGED"})
    claim = next(c for c in h.adapter.fetch_claims(now() - timedelta(hours=2), now())
                 if c.channel_line_id == line.channel_line_id)
    [refusal] = h.adapter.process_claim(claim, ClaimAction.REJECT)
    assert refusal.outcome is Outcome.REJECTED and "송장을 전송" in refusal.message
    invoice = Invoice(line.channel_order_id, line.channel_line_id, "HANJIN", "123456789012")
    assert h.adapter.send_invoices([invoice])[0].outcome is Outcome.OK
    assert h.line_state(line.channel_line_id) == "SHIPPING"


def test_return_is_approved_and_a_held_return_is_refused_to_the_buyer(h):
    shop = h.sandbox.shop_id(h.code)
    lines = []
    for _ in range(2):
        created = h.new_order()
        line = h.fetched(created["order_no"]).lines[0]
        h.adapter.send_invoices([Invoice(line.channel_order_id, line.channel_line_id, "CJGLS",
                                         "1234")])
        h.sandbox.ops("POST", f"/shops/{shop}/lines/{line.channel_line_id}/deliver")
        h.sandbox.ops("POST", f"/shops/{shop}/lines/{line.channel_line_id}/return",
                      json={"reason": "BROKEN_AND_BAD"})
        lines.append(line)
    claims = {c.channel_line_id: c for c in h.adapter.fetch_claims(now() - timedelta(hours=2), now())
              if c.kind is ClaimKind.RETURN}
    first, second = (claims[x.channel_line_id] for x in lines)
    assert first.status is OrderStatus.RETURN_REQUESTED and first.reason == "상품불량"
    assert h.adapter.process_claim(first, ClaimAction.APPROVE)[0].outcome is Outcome.OK
    assert h.line_state(lines[0].channel_line_id) == "RETURNED"
    held = h.adapter.process_claim(second, ClaimAction.REJECT, "반품 상품이 도착하지 않았습니다")[0]
    assert held.outcome is Outcome.OK and held.message == "반품보류 처리되었습니다."


def test_the_seller_cancels_a_sold_out_order(h):
    created = h.new_order()
    line = h.fetched(created["order_no"]).lines[0]
    [outcome] = h.adapter.cancel_sale([line], "품절")
    assert outcome.outcome is Outcome.OK and "품절 처리" in outcome.message
    assert h.line_state(line.channel_line_id) == "CANCELED"
    assert h.adapter.cancel_sale([line], "품절")[0].outcome is Outcome.REJECTED


def test_inquiries_are_collected_and_answered_with_their_token(h):
    inquiry = next(i for i in h.adapter.fetch_inquiries(now() - timedelta(days=1), now())
                   if "사이즈" in i.question)
    assert not inquiry.answered
    assert h.adapter.answer_inquiry(inquiry.channel_inquiry_id, "정사이즈입니다.")[0].outcome is Outcome.OK
    again = next(i for i in h.adapter.fetch_inquiries(now() - timedelta(days=1), now())
                 if i.channel_inquiry_id == inquiry.channel_inquiry_id)
    assert again.answered and again.answer == "정사이즈입니다."
    assert h.adapter.answer_inquiry(inquiry.channel_inquiry_id, "네")[0].outcome is Outcome.ALREADY_DONE
    too_long = h.adapter.answer_inquiry(inquiry.channel_inquiry_id, "가" * 400)[0]
    assert too_long.outcome is Outcome.REJECTED and "1,000byte" in too_long.message


def test_stock_of_a_product_without_options(h):
    shop = h.sandbox.shop_id(h.code)
    product = h.sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    assert h.adapter.update_stock([(product["product_no"], 42)])[0].outcome is Outcome.OK
    assert h.sandbox.ops("GET", f"/shops/{shop}/products/{product['product_no']}")["product"]["stock"] == 42
    [missing] = h.adapter.update_stock([("999", 1)])
    assert missing.outcome is Outcome.REJECTED and missing.message == "상품 정보가 없습니다."


def test_the_call_log_and_journal_never_hold_the_secret_key(h):
    h.adapter.test_connection()
    h.adapter.fetch_orders(now() - timedelta(hours=5), now())
    secret = h.sandbox.credentials(h.code)["secret_key"]
    assert h.records and not any(secret in repr(r) for r in h.records)
    assert not any(secret in str(entry) for entry in h.sandbox.journal())
