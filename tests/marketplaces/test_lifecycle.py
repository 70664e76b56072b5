"""Each protocol adapter drives a full order life-cycle against the sandbox over HTTP."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import (
    ClaimAction, ClaimKind, Invoice, Listing, Outcome, OrderStatus, ShippingTerms, build_adapter,
)
from tests.marketplaces.main_image import main_image

CODES = ["naver", "coupang", "11st", "sandbox"]
ORDER_LIST_PATH = {"naver": "last-changed-statuses", "coupang": "/ordersheets",
                   "11st": "/ordservices/", "sandbox": "/v1/orders"}
CONFIRM_PATH = {"naver": "/product-orders/confirm", "coupang": "/ordersheets/acknowledgement",
                "11st": "/reqpackaging/", "sandbox": "/orders/confirm"}


class Harness:
    def __init__(self, sandbox, code):
        self.sandbox, self.code, self.records, self.sleeps = sandbox, code, [], []
        http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=self.sleeps.append,
                           on_call=self.records.append, jitter=lambda: 0.0)
        self.adapter = build_adapter(code, sandbox.credentials(code),
                                     base_url=sandbox.base_url(code), http=http,
                                     account_key=f"test-{code}")

    def calls_to(self, fragment):
        return [r for r in self.records if fragment in r.path]

    def new_order(self, hours_ago=0.5, qty=1):
        shop = self.sandbox.shop_id(self.code)
        product = self.sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
        return self.sandbox.ops("POST", f"/shops/{shop}/orders",
                                json={"hours_ago": hours_ago, "lines": [{
            "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
            "product_name": product["name"], "qty": qty, "unit_price": product["price"]}]})["order"]

    def fetched(self, order_no, hours=6):
        now = datetime.now(timezone.utc)
        orders = self.adapter.fetch_orders(now - timedelta(hours=hours), now + timedelta(minutes=1))
        return next(o for o in orders if o.channel_order_id == order_no)

    def line_state(self, sandbox_line_no):
        return self.sandbox.line(self.code, sandbox_line_no)["line"]["status"]


@pytest.fixture(params=CODES)
def h(request, fresh_sandbox):
    return Harness(fresh_sandbox, request.param)


def test_orders_across_a_long_range_come_in_several_calls_without_duplicates(h):
    span = h.adapter.max_order_window
    old = h.new_order(hours_ago=span.total_seconds() / 3600 + 3)
    recent = h.new_order(hours_ago=1)
    now = datetime.now(timezone.utc)
    orders = h.adapter.fetch_orders(now - 2 * span - timedelta(hours=2), now + timedelta(minutes=1))
    ids = [o.channel_order_id for o in orders]
    assert len(ids) == len(set(ids))
    assert {old["order_no"], recent["order_no"]} <= set(ids)
    lines = [(x.channel_order_id, x.channel_line_id) for o in orders for x in o.lines]
    assert len(lines) == len(set(lines))
    assert len({r.path for r in h.calls_to(ORDER_LIST_PATH[h.code])}) >= 1
    assert len(h.calls_to(ORDER_LIST_PATH[h.code])) > 1


def test_a_new_order_carries_recipient_amounts_and_status(h):
    created = h.new_order(qty=2)
    order = h.fetched(created["order_no"])
    assert order.recipient_name == created["recipient_name"]
    assert order.zip_code == created["zip_code"]
    assert order.address.startswith("서울")
    (line,) = order.lines
    assert line.quantity == 2 and line.status is OrderStatus.NEW
    assert line.status.label_ko == "신규주문"
    assert line.idempotency_key == (h.code, f"test-{h.code}", created["order_no"],
                                    line.channel_line_id)


def test_confirm_then_dispatch_moves_the_sandbox_and_resending_is_already_done(h):
    created = h.new_order()
    sandbox_line = created["lines"][0]["line_no"]
    line = h.fetched(created["order_no"]).lines[0]

    assert [o.outcome for o in h.adapter.confirm_orders([line])] == [Outcome.OK]
    assert h.line_state(sandbox_line) == "CONFIRMED"
    assert [o.outcome for o in h.adapter.confirm_orders([line])] == [Outcome.ALREADY_DONE]

    invoice = Invoice(line.channel_order_id, line.channel_line_id, "CJGLS", "640012345678",
                      ship_unit_id=line.ship_unit_id)
    assert [o.outcome for o in h.adapter.send_invoices([invoice])] == [Outcome.OK]
    state = h.sandbox.line(h.code, sandbox_line)["line"]
    assert state["status"] == "SHIPPING" and state["tracking"] == "640012345678"
    again = h.adapter.send_invoices([invoice])
    assert again[0].outcome is Outcome.ALREADY_DONE and again[0].label_ko == "이미 처리됨"
    assert h.fetched(created["order_no"]).lines[0].status is OrderStatus.SHIPPING


def test_a_write_applied_then_answered_504_is_ambiguous_and_reads_back_applied(h):
    created = h.new_order()
    line = h.fetched(created["order_no"]).lines[0]
    h.sandbox.fault("apply_then_504", CONFIRM_PATH[h.code])
    (outcome,) = h.adapter.confirm_orders([line])
    assert outcome.outcome is Outcome.AMBIGUOUS
    assert len(h.calls_to(CONFIRM_PATH[h.code])) == 1          # never resent blindly
    assert h.fetched(created["order_no"]).lines[0].status is OrderStatus.CONFIRMED


def test_a_429_with_retry_after_is_waited_out(h):
    h.new_order()
    h.sandbox.fault("rate_limit", ORDER_LIST_PATH[h.code], delay=3)
    now = datetime.now(timezone.utc)
    h.adapter.fetch_orders(now - timedelta(hours=2), now)
    assert 3.0 in h.sleeps
    assert any(r.status == 429 for r in h.records)


def test_a_customer_cancel_request_is_collected_and_approved(h):
    created = h.new_order()
    sandbox_line = created["lines"][0]["line_no"]
    h.sandbox.ops("POST", f"/shops/{h.sandbox.shop_id(h.code)}/lines/{sandbox_line}/cancel",
                  json={"reason": "INTENT_CHANGED"})
    now = datetime.now(timezone.utc)
    claims = h.adapter.fetch_claims(now - timedelta(hours=2), now + timedelta(minutes=1))
    claim = next(c for c in claims if c.channel_order_id == created["order_no"])
    assert claim.kind is ClaimKind.CANCEL and claim.status is OrderStatus.CANCEL_REQUESTED
    assert [o.outcome for o in h.adapter.process_claim(claim, ClaimAction.APPROVE)] == [Outcome.OK]
    assert h.line_state(sandbox_line) == "CANCELED"


def test_a_return_can_be_collected_and_processed(h):
    created = h.new_order()
    sandbox_line = created["lines"][0]["line_no"]
    line = h.fetched(created["order_no"]).lines[0]
    h.adapter.send_invoices([Invoice(line.channel_order_id, line.channel_line_id, "CJGLS", "1234",
                                     ship_unit_id=line.ship_unit_id)])
    shop = h.sandbox.shop_id(h.code)
    h.sandbox.ops("POST", f"/shops/{shop}/lines/{sandbox_line}/deliver")
    h.sandbox.ops("POST", f"/shops/{shop}/lines/{sandbox_line}/return",
                  json={"reason": "PRODUCT_UNSATISFIED"})
    now = datetime.now(timezone.utc)
    claim = next(c
                 for c in h.adapter.fetch_claims(now - timedelta(hours=2),
                                                 now + timedelta(minutes=1))
                 if c.channel_order_id == created["order_no"] and c.kind is ClaimKind.RETURN)
    assert claim.status is OrderStatus.RETURN_REQUESTED
    assert h.adapter.process_claim(claim, ClaimAction.APPROVE)[0].outcome is Outcome.OK
    assert h.line_state(sandbox_line) == "RETURNED"


def test_the_seller_can_cancel_a_new_order(h):
    created = h.new_order()
    line = h.fetched(created["order_no"]).lines[0]
    assert h.adapter.cancel_sale([line], "품절")[0].outcome is Outcome.OK
    assert h.line_state(created["lines"][0]["line_no"]) == "CANCELED"


def test_inquiries_are_collected_and_answered(h):
    now = datetime.now(timezone.utc)
    inquiry = next(i
                   for i in h.adapter.fetch_inquiries(now - timedelta(days=1),
                                                      now + timedelta(minutes=1))
                   if "사이즈" in i.question)
    assert not inquiry.answered
    assert h.adapter.answer_inquiry(inquiry.channel_inquiry_id,
                                    "정사이즈입니다.")[0].outcome is Outcome.OK
    again = next(i
                 for i in h.adapter.fetch_inquiries(now - timedelta(days=1),
                                                    now + timedelta(minutes=1))
                 if i.channel_inquiry_id == inquiry.channel_inquiry_id)
    assert again.answered and again.answer == "정사이즈입니다."


def test_listing_push_stock_and_end(h):
    terms = ShippingTerms(return_fee=3000, exchange_fee=6000, return_zip="07583",
                          return_address="서울 강서구 공항대로 1", as_info="판매자에게 문의")
    result = h.adapter.push_listing(Listing("데모 니트 가디건", 39000, stock=7, category_id="1010",
                                            seller_code="KNIT-01", shipping=terms, **main_image()))[0]
    assert result.outcome is Outcome.OK and result.channel_ref
    shop = h.sandbox.shop_id(h.code)
    product = h.sandbox.ops("GET", f"/shops/{shop}/products/{result.channel_ref}")["product"]
    assert product["name"] == "데모 니트 가디건" and product["price"] == 39000
    # The id update_stock takes is what the push answered (11번가: "prdNo:prdStckNo").
    if h.code == "naver":
        stock_key = result.channel_ref
    else:
        stock_key = result.items[0].channel_item_id
        assert stock_key.endswith(product["items"][0]["item_no"])
    assert h.adapter.update_stock([(stock_key, 3)])[0].outcome is Outcome.OK
    assert h.sandbox.ops("GET",
                         f"/shops/{shop}/products/{result.channel_ref}")["product"]["stock"] == 3
    assert h.adapter.end_listing([result.channel_ref])[0].outcome is Outcome.OK
    status = h.sandbox.ops("GET",
                           f"/shops/{shop}/products/{result.channel_ref}")["product"]["status"]
    assert status in ("SUSPENSION", "CLOSE")


def test_categories_form_a_tree(h):
    top = h.adapter.fetch_categories()
    assert {c.name for c in top} >= {"패션의류", "식품"}
    fashion = next(c for c in top if c.name == "패션의류")
    children = h.adapter.fetch_categories(fashion.channel_category_id)
    assert {c.name for c in children} == {"여성의류",
                                          "남성의류"} and all(c.is_leaf for c in children)


def test_the_call_log_never_holds_a_secret(h):
    h.adapter.test_connection()
    now = datetime.now(timezone.utc)
    h.adapter.fetch_orders(now - timedelta(hours=5), now)
    secrets = [v for k, v in h.sandbox.credentials(h.code).items()
               if k in ("client_secret", "secret_key", "openapikey", "api_key", "access_key")]
    assert h.records and secrets
    for record in h.records:
        assert not any(s in repr(record) for s in secrets)
    assert not any(s in str(entry) for entry in h.sandbox.journal() for s in secrets)


@pytest.mark.parametrize("code", ["naver", "sandbox"])
def test_a_refused_invoice_is_rejected_once_and_not_retried(fresh_sandbox, code):
    h = Harness(fresh_sandbox, code)
    line = h.fetched(h.new_order()["order_no"]).lines[0]
    outcome = h.adapter.send_invoices([Invoice(line.channel_order_id, line.channel_line_id, "CJGLS",
                                               "")])[0]
    assert outcome.outcome is Outcome.REJECTED and "송장번호" in outcome.message
    assert len([r for r in h.records if r.status == 400]) == 1 and h.sleeps == []


def test_notices_of_the_generic_protocol(fresh_sandbox):
    h = Harness(fresh_sandbox, "sandbox")
    notices = {n.title[:4]: n for n in h.adapter.fetch_notices()}
    assert set(notices) == {"[공지]", "[긴급]"}
    assert not notices["[공지]"].important and notices["[긴급]"].important  # the 긴급알리미
