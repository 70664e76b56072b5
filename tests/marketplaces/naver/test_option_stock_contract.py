"""스마트스토어 option stock through 상품 옵션 재고 변경: documented body, prices kept, sandbox rules."""
import pytest

from portal.marketplaces import Listing, ListingItem, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv"}


def adapter(channel):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    return build_adapter("naver", CREDS, base_url=channel.url, http=fast_http())


def test_option_stock_sends_the_documented_body_with_every_option_and_its_price(channel):
    channel.answer("GET", "/origin-products/1000001", load("naver", "origin_product_options"))
    documented = load("naver", "option_stock")
    channel.answer("PUT", "/option-stock", documented)
    [outcome] = adapter(channel).update_stock([("1000001:8100000002", 1)])
    assert outcome.outcome is Outcome.OK and outcome.key == "1000001:8100000002"
    [call] = channel.calls("/option-stock")
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
    # An option left out or sent without its price would be saved as 0: all go, prices as read.
    assert call.json() == documented["request"]["body"]
    assert not channel.calls("/multi-update") and not channel.calls("/change-status")


def test_an_option_id_the_product_does_not_have_is_refused_before_sending(channel):
    channel.answer("GET", "/origin-products/1000001", load("naver", "origin_product_options"))
    [outcome] = adapter(channel).update_stock([("1000001:999", 3)])
    assert outcome.outcome is Outcome.REJECTED and "옵션이 없습니다" in outcome.message
    assert not channel.calls("/option-stock")


def test_products_with_and_without_options_go_by_their_own_calls(channel):
    channel.answer("GET", "/origin-products/1000001", load("naver", "origin_product_options"))
    channel.answer("PUT", "/option-stock", load("naver", "option_stock"))
    channel.answer("PATCH", "/multi-update", load("naver", "multi_update"))
    outcomes = adapter(channel).update_stock([("1000002", 7), ("1000001:8100000001", 0),
                                              ("1000001:8100000002", 2)])
    assert [o.key for o in outcomes] == ["1000002", "1000001:8100000001", "1000001:8100000002"]
    assert all(o.ok for o in outcomes)
    [put] = channel.calls("/option-stock")   # one call per origin product, both options in it
    assert [c["stockQuantity"] for c in put.json()["optionInfo"]["optionCombinations"]] == [0, 2]
    [patch] = channel.calls("/multi-update")
    assert [vo["originProductNo"] for vo in patch.json()["multiProductUpdateRequestVos"]] == [1000002]


@pytest.fixture()
def sandbox_naver(fresh_sandbox):
    live = build_adapter("naver", fresh_sandbox.credentials("naver"),
                         base_url=fresh_sandbox.base_url("naver"), http=fast_http())
    return fresh_sandbox, live


def _product(sandbox, no):
    return sandbox.ops("GET", f"/shops/{sandbox.shop_id('naver')}/products/{no}")["product"]


def test_sandbox_option_stock_keeps_prices_and_a_suspended_product_stays_suspended(sandbox_naver):
    sandbox, live = sandbox_naver
    [pushed] = live.push_listing(Listing("린넨 원피스", 25000, stock=10, category_id="50000803",
                                         seller_code="OPT-1",
                                         items=[ListingItem("", "블랙", 4, 25000),
                                                ListingItem("", "화이트", 6, 27000)]))
    no, white = pushed.channel_ref, pushed.items[1].channel_item_id
    assert live.end_listing([no])[0].ok
    assert live.update_stock([(f"{no}:{white}", 0)])[0].ok
    product = _product(sandbox, no)
    assert [(i["stock"], i["price"]) for i in product["items"]] == [(4, 25000), (0, 27000)]
    assert product["status"] == "SUSPENSION"


def test_sandbox_refuses_option_stock_for_a_product_without_options(sandbox_naver):
    sandbox, live = sandbox_naver
    [pushed] = live.push_listing(Listing("스탠드", 20000, stock=5, category_id="50000803",
                                         seller_code="OPT-2"))
    resp = live.client.http.request(
        "PUT", f"{sandbox.base_url('naver')}/v1/products/origin-products/{pushed.channel_ref}/option-stock",
        account_key="t", json={"optionInfo": {"optionCombinations": [{"id": 1, "stockQuantity": 1}]}},
        headers={"Authorization": f"Bearer {live.client.token()}"})
    assert resp.status_code == 400 and resp.json()["code"] == "BAD_REQUEST"
    assert "옵션 설정 상품만" in resp.json()["message"]
