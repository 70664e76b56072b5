"""The sandboxes refuse exchange approvals as the documents do: 스마트스토어 교환 재배송 (courier, invoice, collect
first) and 11번가 교환 승인처리 (known courier, only an open exchange)."""
import pytest

from portal.marketplaces import ChannelError, build_adapter
from tests.marketplaces.fixture_channel import fast_http

ORDERS = "/v1/pay-order/seller/product-orders"


def _exchange(sandbox, code):
    shop = sandbox.shop_id(code)
    product = sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    order = sandbox.ops("POST", f"/shops/{shop}/orders", json={"hours_ago": 0, "lines": [{
        "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
        "product_name": product["name"], "qty": 1, "unit_price": product["price"], "status": "DELIVERED"}]})["order"]
    line = order["lines"][0]
    claim = sandbox.ops("POST", f"/shops/{shop}/lines/{line['line_no']}/exchange",
                        json={"reason": "COLOR_AND_SIZE"})["claims"][0]
    adapter = build_adapter(code, sandbox.credentials(code), base_url=sandbox.base_url(code), http=fast_http())
    return adapter.client, order, line, claim


def refused(call, *args, **kwargs) -> ChannelError:
    with pytest.raises(ChannelError) as err:
        call(*args, **kwargs)
    return err.value


def test_naver_re_dispatch_needs_a_courier_and_number_and_a_collected_exchange(fresh_sandbox):
    client, _order, line, _claim = _exchange(fresh_sandbox, "naver")
    path = f"{ORDERS}/{line['line_no']}/claim/exchange/dispatch"
    body = {"reDeliveryMethod": "DELIVERY", "reDeliveryCompany": "CJGLS", "reDeliveryTrackingNumber": "640012345678"}
    assert refused(client.call, "POST", path, json={**body, "reDeliveryCompany": ""}, write=True).code == "104118"
    assert refused(client.call, "POST", path, json={**body, "reDeliveryCompany": "NOPE"}, write=True).code == "104119"
    assert refused(client.call, "POST", path, json={**body, "reDeliveryTrackingNumber": ""},
                   write=True).code == "104120"
    [failed] = client.call("POST", path, json=body, write=True)["data"]["failProductOrderInfos"]
    assert failed["code"] == "104417"
    approve = f"{ORDERS}/{line['line_no']}/claim/exchange/collect/approve"
    assert client.call("POST", approve, json={}, write=True)["data"]["successProductOrderIds"] == [line["line_no"]]
    [again] = client.call("POST", approve, json={}, write=True)["data"]["failProductOrderInfos"]
    assert again["code"] == "105306"
    assert client.call("POST", path, json=body, write=True)["data"]["successProductOrderIds"] == [line["line_no"]]


def test_elevenst_exchange_approval_takes_a_documented_courier_once(fresh_sandbox):
    client, order, line, claim = _exchange(fresh_sandbox, "11st")
    base = f"/claimservice/exchangereqconf/{claim['claim_no']}/{order['order_no']}/{line['seq']}"
    assert refused(client.call, "GET", f"{base}/00001/2254628552", write=True).message_ko == \
        "택배업체를 알 수 없습니다."
    client.call("GET", f"{base}/00034/2254628552", write=True)
    assert refused(client.call, "GET", f"{base}/00034/2254628552", write=True).message_ko == \
        "교환신청 상태가 아니어서 교환완료를 할 수 없습니다."
