"""라쿠텐 판매취소 through 注文キャンセル (cancelOrder): the documented request, whole orders before
shipping only, against a documented-shape answer and the sandbox over HTTP."""
from marketplaces.rakuten import mapping
from portal.marketplaces import Invoice, OrderStatus, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

from .test_sandbox_flow import _fetch, _new_order


def test_cancel_sends_the_documented_body_and_reads_the_message_list(channel):
    """cancelOrder {orderNumber, inventoryRestoreType, changeReasonDetailApply} answered by a
    MessageModelList (the public clients' CancelOrder; answer shape as confirmOrder's)."""
    channel.answer("POST", "/getOrder/", load("rakuten", "get_order"))
    channel.answer("POST", "/cancelOrder/", load("rakuten", "cancel_order"))
    adapter = build_adapter("rakuten", {"service_secret": "s", "license_key": "l"},
                            base_url=channel.url, http=fast_http())
    model = load("rakuten", "get_order")["response"]["body"]["OrderModelList"][0]
    order = mapping.order(model, "rakuten", "acct")
    outcomes = adapter.cancel_sale(order.lines, "품절")
    assert {o.outcome for o in outcomes} == {Outcome.OK}
    sent = channel.calls("/cancelOrder/")[0].json()
    assert sent == {"orderNumber": order.channel_order_id, "inventoryRestoreType": 0,
                    "changeReasonDetailApply": 8}                     # 店舗都合: 8 欠品


def test_an_order_is_cancelled_whole_before_shipping_and_once(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    order = _fetch(rms, created["order_no"])
    [done] = rms.cancel_sale(order.lines, "배송지연")
    assert done.outcome is Outcome.OK and done.message == "注文キャンセルに成功しました。"
    assert {x.status for x in _fetch(rms, created["order_no"]).lines} == {OrderStatus.CANCELED}
    [again] = rms.cancel_sale(order.lines, "배송지연")
    assert again.outcome is Outcome.ALREADY_DONE


def test_a_shipped_order_is_refused_naming_where_to_cancel_it(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    order = _fetch(rms, created["order_no"])
    rms.confirm_orders(order.lines)
    line = order.lines[0]
    rms.send_invoices([Invoice(order.channel_order_id, line.channel_line_id, "DHL", "1234567890",
                               ship_unit_id=line.ship_unit_id)])
    [refused] = rms.cancel_sale(order.lines, "품절")
    assert refused.outcome is Outcome.REJECTED and "RMS 受注管理" in refused.message
    assert _fetch(rms, created["order_no"]).lines[0].status is OrderStatus.SHIPPING


def test_part_of_an_order_is_not_cancelled(rms, fresh_sandbox):
    shop = fresh_sandbox.shop_id("rakuten")
    product = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    line = {"product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
            "product_name": product["name"], "qty": 1, "unit_price": product["price"]}
    created = fresh_sandbox.ops("POST", f"/shops/{shop}/orders", json={
        "hours_ago": 0.5, "lines": [line, dict(line, qty=2)]})["order"]
    order = _fetch(rms, created["order_no"])
    [refused] = rms.cancel_sale(order.lines[:1], "품절")
    assert refused.outcome is Outcome.REJECTED and "주문 단위로만" in refused.message
    assert {x.status for x in _fetch(rms, created["order_no"]).lines} == {OrderStatus.NEW}


def test_the_sandbox_refuses_an_undocumented_reason(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    order = _fetch(rms, created["order_no"])
    body = rms.client.call("POST", "/2.0/order/cancelOrder/", write=True, keep_messages=True,
                           json={"orderNumber": order.channel_order_id, "inventoryRestoreType": 0,
                                 "changeReasonDetailApply": 7})
    assert body["MessageModelList"][0]["messageType"] == "ERROR"
