"""교환완료 with the re-delivery invoice: 스마트스토어 수거 완료 + 교환 재배송, 11번가 교환 승인처리, 쿠팡 입고 확인 +
교환상품 송장 업로드, over the sandbox."""
import pytest

from models import OrderClaim
from portal.extensions import db

from .conftest import Shop, add_account, collect, finish

ALL = ("cancel_requested", "canceled", "exchange_requested", "return_requested")


def _exchange_requested(client, app, market, seller, code):
    shop = Shop(market, add_account(seller, code, "본점"), code)
    product = market.ops("GET", f"/shops/{shop.id}/products")["products"][0]
    order = market.ops("POST", f"/shops/{shop.id}/orders", json={"hours_ago": 0.5, "lines": [{
        "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
        "product_name": product["name"], "qty": 1, "unit_price": product["price"], "status": "DELIVERED"}]})["order"]
    line_no = order["lines"][0]["line_no"]
    shop.act(line_no, "exchange", reason="COLOR_AND_SIZE", detail="사이즈 교환")
    collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    claim = db.session.query(OrderClaim).filter_by(channel_order_id=order["order_no"]).one()
    return shop, line_no, claim


@pytest.mark.parametrize("code, written", [("naver", "/claim/exchange/dispatch"),
                                           ("11st", "/claimservice/exchangereqconf/"),
                                           ("coupang", "/invoices")])
def test_exchange_completion_sends_the_re_delivery_invoice(client, auth, app, market, seller, code, written):
    auth.login()
    shop, line_no, claim = _exchange_requested(client, app, market, seller, code)
    assert claim.status == "EXCHANGE_REQUESTED"
    detail = client.get(f"/orders/claims/{claim.id}").get_data(as_text=True)
    assert "재배송 송장번호" in detail and 'name="courier"' in detail

    missing = client.post(f"/orders/claims/{claim.id}/state", data={"target": "EXCHANGED"})
    assert missing.get_json()["error"] == "교환완료에는 재배송 택배사와 송장번호를 입력해 주세요."
    wrong = client.post(f"/orders/claims/{claim.id}/state",
                        data={"target": "EXCHANGED", "courier": "CJGLS", "tracking_number": "12"})
    assert wrong.get_json()["error"].startswith("CJ대한통운 송장번호는")
    assert shop.line(line_no)["status"] == "EXCHANGE_REQUESTED"

    _, lines = finish(app, client.post(f"/orders/claims/{claim.id}/state", data={
        "target": "EXCHANGED", "courier": "CJGLS", "tracking_number": "6400-1234-5678"}))
    assert any("교환완료 처리 연동을 성공하였습니다." in t for t in lines), lines
    assert shop.line(line_no)["status"] == "EXCHANGED"
    assert [j for j in market.journal(1000) if written in j["path"]]
    db.session.expire_all()
    assert "CJGLS 640012345678" in db.session.get(OrderClaim, claim.id).send_message
    # Collected again, the channel's next state (재배송 중 / 교환완료) keeps the claim done.
    collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    db.session.expire_all()
    assert db.session.get(OrderClaim, claim.id).status == "EXCHANGED"


def test_the_sandbox_refuses_a_re_dispatch_before_the_collect(client, auth, app, market, seller):
    auth.login()
    shop, line_no, claim = _exchange_requested(client, app, market, seller, "naver")
    from blueprints.account.channel_services import build_adapter_for

    adapter = build_adapter_for(shop.account)
    answer = adapter.client.call("POST", f"/v1/pay-order/seller/product-orders/{line_no}/claim/exchange/dispatch",
                                 json={"reDeliveryMethod": "DELIVERY", "reDeliveryCompany": "CJGLS",
                                       "reDeliveryTrackingNumber": "640012345678"}, write=True)
    [failed] = answer["data"]["failProductOrderInfos"]
    assert failed["code"] == "104417"
