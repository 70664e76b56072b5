"""Amazon JP adapter (Amazon's SP-API SDK) against the sandbox over HTTP: LWA, RDT, orders."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import Invoice, OrderStatus, Outcome, build_adapter


def _adapter(sandbox, records=None, **override):
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None,
                       on_call=(records.append if records is not None else None))
    return build_adapter("amazonjp", {**sandbox.credentials("amazonjp"), **override},
                         base_url=sandbox.base_url("amazonjp"), http=http,
                         account_key="test-amazonjp")


@pytest.fixture()
def records():
    return []


@pytest.fixture()
def amazon(fresh_sandbox, records):
    return _adapter(fresh_sandbox, records)


def _new_order(sandbox, hours_ago=0.5, qty=1):
    shop = sandbox.shop_id("amazonjp")
    product = sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    return sandbox.ops("POST", f"/shops/{shop}/orders", json={"hours_ago": hours_ago, "lines": [{
        "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
        "product_name": product["name"], "qty": qty, "unit_price": product["price"]}]})["order"]


def _fetch(adapter, created, hours=6):
    now = datetime.now(timezone.utc)
    orders = adapter.fetch_orders(now - timedelta(hours=hours), now)
    return next(o for o in orders if o.lines[0].channel_line_id == created["lines"][0]["line_no"])


def test_connection_takes_an_lwa_token_and_sees_amazon_co_jp(amazon, records):
    result = amazon.test_connection()
    assert result.ok
    assert [r.path for r in records] == ["/amazonjp/auth/o2/token",
                                         "/amazonjp/sellers/v1/marketplaceParticipations"]


def test_a_wrong_refresh_token_is_refused_in_korean(fresh_sandbox):
    result = _adapter(fresh_sandbox, refresh_token="Atzr|wrong").test_connection()
    assert not result.ok and "리프레시 토큰" in result.message_ko


def test_orders_carry_the_address_opened_by_a_restricted_data_token(amazon, fresh_sandbox, records):
    created = _new_order(fresh_sandbox, qty=2)
    order = _fetch(amazon, created)
    assert order.recipient_name == created["recipient_name"]
    assert order.address.endswith(created["address"] + " " + created["address_detail"])
    (line,) = order.lines
    assert (line.quantity, line.status, line.raw_status) == (2, OrderStatus.NEW, "Unshipped")
    assert line.amount == 2 * line.unit_price and line.seller_code == created["lines"][0]["item_no"]
    paths = [r.path for r in records]
    assert paths.index("/amazonjp/tokens/2021-03-01/restrictedDataToken") < paths.index(
        "/amazonjp/orders/v0/orders")


def test_many_orders_come_page_by_page_with_next_token(amazon, fresh_sandbox, records):
    for _ in range(3):
        _new_order(fresh_sandbox)
    amazon.page_size = 2
    now = datetime.now(timezone.utc)
    orders = amazon.fetch_orders(now - timedelta(hours=6), now)
    assert len({o.channel_order_id for o in orders}) == len(orders) >= 6
    assert len([r for r in records if r.path == "/amazonjp/orders/v0/orders"]) >= 3


def test_shipment_confirmation_then_resend_is_already_done(amazon, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    order = _fetch(amazon, created)
    line = order.lines[0]
    [confirmed] = amazon.confirm_orders(order.lines)
    assert confirmed.outcome is Outcome.OK and "발주확인 API가 없어" in confirmed.message
    invoice = Invoice(order.channel_order_id, line.channel_line_id, "EPOST", "EE1234567KR")
    [sent] = amazon.send_invoices([invoice])
    assert sent.outcome is Outcome.OK
    assert fresh_sandbox.line("amazonjp", line.channel_line_id)["line"]["status"] == "SHIPPING"
    [again] = amazon.send_invoices([invoice])
    assert again.outcome is Outcome.ALREADY_DONE
    assert _fetch(amazon, created).lines[0].status is OrderStatus.SHIPPING


def test_stock_goes_through_listings_and_needs_the_merchant_token(amazon, fresh_sandbox):
    shop = fresh_sandbox.shop_id("amazonjp")
    sku = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]["items"][0]["item_no"]
    [ok, unknown] = amazon.update_stock([(sku, 4), ("NO-SUCH-SKU", 1)])
    assert ok.outcome is Outcome.OK
    assert unknown.outcome is Outcome.REJECTED and "SKU" in unknown.message
    stock = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]["items"][0]["stock"]
    assert stock == 4
    [missing] = _adapter(fresh_sandbox, seller_id="").update_stock([(sku, 1)])
    assert missing.outcome is Outcome.REJECTED and "판매자 토큰" in missing.message


def test_a_lost_answer_to_shipment_confirmation_is_ambiguous(amazon, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    line = _fetch(amazon, created).lines[0]
    fresh_sandbox.fault("apply_then_504", "/shipmentConfirmation")
    [lost] = amazon.send_invoices([Invoice(line.channel_order_id, line.channel_line_id, "DHL",
                                           "1234567890")])
    assert lost.outcome is Outcome.AMBIGUOUS
    # Reading back settles it: Amazon now counts the line as shipped.
    assert _fetch(amazon, created).lines[0].status is OrderStatus.SHIPPING
